package com.dispatchconsole.ui.map;

import java.util.List;
import java.util.UUID;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Dragboard;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The console's offline map as one node, to put in the console's window or a window of its own: a tool bar (title,
 * the drop hint, a legend, zoom buttons and "Fit") over the {@link MapPane}. Build it with {@link #create}; the
 * console around it answers {@link Actions}.
 */
public final class MapPanel {

    /** What the map asks of the console around it: the tables' selection, the drag's batches, the fit hint, a drop. */
    public interface Actions {

        /** Selects the rider in the riders table; false when the table does not show them (its filter hides them). */
        boolean selectRider(UUID riderId);

        /** Selects the stop's batch in the batches table and the stop in the detail pane; false when not shown. */
        boolean selectStop(UUID batchId, UUID batchOrderId);

        /** The batches a drag carries (the batch table's drag); empty for any other drag. */
        List<UUID> draggedBatches(Dragboard dragboard);

        /** The riders table's fit hint for these batches on this rider; null when there is none to give. */
        Hint hint(List<UUID> batchIds, UUID riderId);

        /** Whether a drop can be taken now (the database is reachable). */
        boolean canChange();

        /** A drop of the batches on the rider: what a drop on the riders table does (with its reason dialog). */
        void drop(List<UUID> batchIds, UUID riderId);

        /**
         * True while the dispatcher holds the mouse down on the batches (a click, or the start of a drag): the map then
         * does not move to a newly selected batch's route, which would move the rider they are about to drop on.
         */
        default javafx.beans.value.ObservableBooleanValue holdingBatches() {
            return new javafx.beans.property.SimpleBooleanProperty(false);
        }

        /** Whether the last press on the batches became a drag (then the map stays where it is after the drop). */
        default boolean lastPressDragged() {
            return false;
        }
    }

    /** Whether dragged batches fit a rider, and the words for it: the riders table's own hint. */
    public record Hint(boolean fits, String text) {
    }

    static final String IDLE_HINT = "Drop a batch on a rider to assign it · drag to pan · wheel or +/− to zoom";

    private MapPanel() {
    }

    /** The map panel: one node, with the id {@code map-panel}. */
    public static Node create(MapViewModel model, Actions actions) {
        Label hint = new Label(IDLE_HINT);
        hint.setId("map-drop-hint");
        hint.getStyleClass().addAll("drop-hint", "map-hint");
        hint.setMaxWidth(Double.MAX_VALUE);
        hint.setMinWidth(0);
        MapPane pane = new MapPane(model, actions, hint);
        Label title = new Label("Map");
        title.getStyleClass().add("section-title");
        Button zoomIn = button("+", "map-zoom-in", "Zoom in (+)", () -> pane.zoom(1));
        Button zoomOut = button("−", "map-zoom-out", "Zoom out (−)", () -> pane.zoom(-1));
        Button fit = button("Fit", "map-fit", "Show every outlet and rider (0)", pane::fitAll);
        HBox.setHgrow(hint, Priority.ALWAYS);
        HBox bar = new HBox(8, title, hint, zoomOut, zoomIn, fit);
        for (Node child : List.of(title, zoomOut, zoomIn, fit)) {
            ((Region) child).setMinWidth(Region.USE_PREF_SIZE);
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("map-bar");
        StackPane frame = new StackPane(pane);
        frame.getStyleClass().add("map-frame");
        Label scale = pane.scaleLabel();
        StackPane.setAlignment(scale, Pos.BOTTOM_LEFT);
        StackPane.setMargin(scale, new Insets(0, 0, 8, 8));
        Label message = pane.messageLabel();
        StackPane.setAlignment(message, Pos.TOP_LEFT);
        StackPane.setMargin(message, new Insets(8, 0, 0, 8));
        HBox legend = legend();
        legend.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        legend.setMouseTransparent(true);
        StackPane.setAlignment(legend, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(legend, new Insets(0, 8, 8, 0));
        frame.getChildren().addAll(scale, message, legend);
        VBox.setVgrow(frame, Priority.ALWAYS);
        VBox root = new VBox(6, bar, frame);
        root.setId("map-panel");
        root.getStyleClass().add("map-panel");
        root.setPadding(new Insets(8));
        root.setMinSize(0, 0);
        return root;
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setTooltip(new Tooltip(tip));
        button.setOnAction(e -> action.run());
        button.setFocusTraversable(false);
        return button;
    }

    private static HBox legend() {
        HBox legend = new HBox(8);
        legend.setAlignment(Pos.CENTER_LEFT);
        legend.getStyleClass().add("map-legend-box");
        legend.setPadding(new Insets(3, 8, 3, 8));
        for (MapViewModel.RiderState state : MapViewModel.RiderState.values()) {
            Region dot = new Region();
            dot.getStyleClass().addAll("map-legend-dot", state.styleClass());
            Label label = new Label(state.label(), dot);
            label.getStyleClass().add("map-legend");
            legend.getChildren().add(label);
        }
        Region stale = new Region();
        stale.getStyleClass().addAll("map-legend-dot", "map-legend-stale");
        Label staleLabel = new Label("Position stale", stale);
        staleLabel.getStyleClass().add("map-legend");
        legend.getChildren().add(staleLabel);
        legend.setMinWidth(Region.USE_PREF_SIZE);
        return legend;
    }
}

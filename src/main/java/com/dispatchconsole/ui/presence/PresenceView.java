package com.dispatchconsole.ui.presence;

import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.ui.common.Theme;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.stage.Window;

/** Presence on screen: the batches table's column, the detail pane's line, the drag it reports, the drop warning. */
public final class PresenceView {

    private static final PseudoClass DRAGGING = PseudoClass.getPseudoClass("presence-dragging");

    private PresenceView() {
    }

    /** "Colleagues": who else views or drags each batch ("Olga is viewing"), redrawn as presence changes. */
    public static TableColumn<BatchRow, String> column(PresenceViewModel presence) {
        TableColumn<BatchRow, String> column = new TableColumn<>("Colleagues");
        column.setId("presence-column");
        column.setPrefWidth(140);
        column.setCellValueFactory(c -> {
            UUID id = c.getValue().id();
            return Bindings.createStringBinding(() -> presence.label(id), presence.othersProperty());
        });
        column.setCellFactory(c -> new TableCell<>() {
            {
                getStyleClass().add("presence-cell");
            }

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                String shown = empty || text == null || text.isEmpty() ? null : text;
                setText(shown);
                pseudoClassStateChanged(DRAGGING, shown != null && shown.contains(" dragging"));
            }
        });
        return column;
    }

    /** The detail pane's line: who else has the shown batch open or is dragging it; hidden when nobody. */
    public static Label detailLine(PresenceViewModel presence, ObservableValue<BatchRow> shown) {
        Label line = new Label();
        line.setId("detail-presence");
        line.getStyleClass().add("presence-detail");
        line.textProperty().bind(Bindings.createStringBinding(
                () -> shown.getValue() == null ? "" : presence.label(shown.getValue().id()),
                shown, presence.othersProperty()));
        line.visibleProperty().bind(line.textProperty().isNotEmpty());
        line.managedProperty().bind(line.visibleProperty());
        line.textProperty().addListener((o, a, text) -> line.pseudoClassStateChanged(DRAGGING,
                text != null && text.contains(" dragging")));
        return line;
    }

    /**
     * Tells {@code presence} what this window's operator drags: batches dragged from this window (never a drag
     * that started in another window) while the drag goes on, nothing once it is done or dropped.
     *
     * @param readIds what a drag carries (the console's batch ids), empty for any other drag
     */
    public static void trackDrags(Node root, PresenceViewModel presence, Function<Dragboard, List<UUID>> readIds) {
        root.addEventFilter(DragEvent.DRAG_OVER, e -> {
            if (e.getGestureSource() instanceof Node source && source.getScene() == root.getScene()) {
                List<UUID> ids = readIds.apply(e.getDragboard());
                if (!ids.isEmpty()) {
                    presence.dragging(ids);
                }
            }
        });
        root.addEventFilter(DragEvent.DRAG_DROPPED, e -> presence.dragEnded());
        root.addEventFilter(DragEvent.DRAG_DONE, e -> presence.dragEnded());
    }

    /**
     * One question before a drop that another console is dragging too: "Ben is dragging this batch too — assign
     * anyway?". True to go ahead (Enter), false to leave it (Escape).
     */
    public static boolean confirmDrop(Window owner, String warning, String verb) {
        Alert alert = new Alert(Alert.AlertType.WARNING);
        alert.initOwner(owner);
        alert.setTitle("Someone else is on it");
        alert.setHeaderText(warning + " — " + verb.toLowerCase() + " anyway?");
        alert.setContentText(null);
        if (owner != null && owner.getScene() != null) {
            Theme.copy(owner.getScene(), alert.getDialogPane());
        } else {
            Theme.apply(alert.getDialogPane());
        }
        ButtonType go = new ButtonType(verb + " anyway", ButtonBar.ButtonData.OK_DONE);
        ButtonType leave = new ButtonType("Leave it", ButtonBar.ButtonData.CANCEL_CLOSE);
        alert.getButtonTypes().setAll(go, leave);
        alert.getDialogPane().lookupButton(go).setId("presence-go-ahead");
        alert.getDialogPane().lookupButton(leave).setId("presence-leave-it");
        alert.getDialogPane().setId("presence-warning");
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.isPresent() && answer.get() == go;
    }
}

package com.dispatchconsole.ui.alerts;

import com.dispatchconsole.domain.sla.SlaThresholds;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The alerts in the console: a badge for the header ("⚠ 3 alerts", which opens and closes the panel) and the panel
 * itself, listing what is late, oldest first, with how late it is now. Clicking an alert selects its batch or
 * rider in the tables (through {@code reveal}); "Thresholds…" edits the operator's thresholds.
 */
public final class AlertsView {

    private static final PseudoClass ALERTING = PseudoClass.getPseudoClass("alerting");

    private final AlertsViewModel model;
    private final Predicate<Alert> reveal;
    private final ToggleButton badge = new ToggleButton();
    private final ListView<Alert> list = new ListView<>();
    private final Label message = new Label();
    private final VBox panel;

    /** @param reveal selects the alert's batch or rider in the tables; false when the filter hides it */
    public AlertsView(AlertsViewModel model, Predicate<Alert> reveal) {
        this.model = model;
        this.reveal = reveal;
        badge.setId("alerts-badge");
        badge.getStyleClass().add("alerts-badge");
        badge.textProperty().bind(model.badgeProperty());
        model.countProperty().addListener((o, was, count) -> badge.pseudoClassStateChanged(ALERTING, count.intValue() > 0));
        badge.pseudoClassStateChanged(ALERTING, model.countProperty().get() > 0);
        badge.setOnAction(e -> {
            if (badge.isSelected()) {
                list.requestFocus();
            }
        });
        panel = buildPanel();
    }

    /** The header's badge: the count of alerts, and the switch of the panel. */
    public Node badge() {
        return badge;
    }

    /** Whether the panel is open (the badge pressed): a view setting the settings file may keep. */
    public javafx.beans.property.BooleanProperty shownProperty() {
        return badge.selectedProperty();
    }

    /** The panel (shown while the badge is pressed). */
    public Node panel() {
        return panel;
    }

    private VBox buildPanel() {
        Label title = new Label("Alerts");
        title.getStyleClass().add("section-title");
        Button thresholds = new Button("Thresholds…");
        thresholds.setId("alerts-thresholds");
        thresholds.setOnAction(e -> ThresholdsDialog.show(thresholds.getScene() == null ? null
                : thresholds.getScene().getWindow(), model));
        Button hide = new Button("Hide");
        hide.setId("alerts-hide");
        hide.setOnAction(e -> badge.setSelected(false));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, title, spacer, thresholds, hide);
        top.setAlignment(Pos.CENTER_LEFT);
        Label rules = new Label();
        rules.setId("alerts-rules");
        rules.getStyleClass().add("muted");
        rules.setWrapText(true);
        rules.textProperty().bind(Bindings.createStringBinding(() -> describe(model.thresholdsProperty().get()),
                model.thresholdsProperty()));
        list.setId("alerts-list");
        list.setItems(model.alerts());
        list.setPlaceholder(new Label("Nothing is late."));
        list.setCellFactory(l -> new AlertCell());
        list.setOnMouseClicked(e -> open(list.getSelectionModel().getSelectedItem()));
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                open(list.getSelectionModel().getSelectedItem());
            }
        });
        message.setId("alerts-message");
        message.getStyleClass().add("muted");
        message.setWrapText(true);
        VBox box = new VBox(6, top, rules, list, message);
        VBox.setVgrow(list, Priority.ALWAYS);
        box.setId("alerts-panel");
        box.getStyleClass().add("alerts-panel");
        box.setPadding(new Insets(8));
        box.setPrefWidth(330);
        box.setMinWidth(260);
        box.visibleProperty().bind(badge.selectedProperty());
        box.managedProperty().bind(badge.selectedProperty());
        return box;
    }

    private void open(Alert alert) {
        if (alert == null) {
            return;
        }
        message.setText(reveal.test(alert) ? ""
                : (alert.isRider() ? "Rider " + alert.subject() : alert.subject())
                + " is not in the table: the filter hides it.");
    }

    private static String describe(SlaThresholds t) {
        return "Late when: unassigned over " + AlertsViewModel.minutes(t.unassigned()) + " min · assigned, not picked up over "
                + AlertsViewModel.minutes(t.notPickedUp()) + " · picked up, not out over "
                + AlertsViewModel.minutes(t.notOut()) + " · out over " + AlertsViewModel.minutes(t.outForDelivery())
                + " · no position for " + AlertsViewModel.minutes(t.positionStale()) + " min";
    }

    /** Selects the alert's batch or rider in its table and scrolls to it; false when the table does not show it. */
    public static boolean reveal(Alert alert, TableView<BatchRow> batches, TableView<RiderRow> riders) {
        return alert.isRider() ? select(riders, RiderRow::id, alert.subjectId())
                : select(batches, BatchRow::id, alert.subjectId());
    }

    private static <T> boolean select(TableView<T> table, Function<T, UUID> idOf, UUID id) {
        List<T> items = table.getItems();
        for (int i = 0; i < items.size(); i++) {
            if (idOf.apply(items.get(i)).equals(id)) {
                table.getSelectionModel().clearAndSelect(i);
                table.scrollTo(Math.max(0, i - 2));
                table.requestFocus();
                return true;
            }
        }
        return false;
    }

    /** One alert: what, which, and how late now (redrawn on the console's ticks). */
    private final class AlertCell extends ListCell<Alert> {

        private final ChangeListener<Instant> onTick = (o, was, now) -> draw(getItem(), now);

        AlertCell() {
            getStyleClass().add("alert-cell");
            model.nowProperty().addListener(new WeakChangeListener<>(onTick));
        }

        @Override
        protected void updateItem(Alert alert, boolean empty) {
            super.updateItem(alert, empty);
            draw(empty ? null : alert, model.nowProperty().get());
        }

        private void draw(Alert alert, Instant now) {
            setText(alert == null ? null : alert.what() + " · late by " + Alert.words(alert.lateBy(now)) + "\n"
                    + (alert.isRider() ? "Rider " : "") + alert.subject());
        }
    }
}

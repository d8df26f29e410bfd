package com.dispatchconsole.ui.console;

import com.dispatchconsole.ui.common.Labels;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.HistoryEntry;
import com.dispatchconsole.domain.rows.RiderRow;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The selected batch: summary, the actions allowed now, its orders in sequence, and its audit timeline. */
final class DetailPane {

    private DetailPane() {
    }

    static VBox create(ConsoleSelection selection, ConsoleStatus status, Consumer<LifecycleAction> onAction,
                       java.util.function.BiConsumer<BatchOrderRow, OrderOutcome> onOutcome,
                       Consumer<BatchOrderRow> onViewPod) {
        BatchDetailModel detail = selection.detail();
        Label title = new Label("Select a batch to see its orders and history.");
        title.setId("detail-title");
        title.getStyleClass().add("detail-title");
        Label rider = new Label();
        rider.setId("detail-rider");
        rider.getStyleClass().add("muted");
        detail.batchProperty().addListener((o, a, batch) -> {
            title.setText(batch == null ? "Select a batch to see its orders and history." : "Batch "
                    + ShortId.of(batch.id()) + " · " + batch.outletName() + " · " + Labels.of(batch.status()));
            rider.setText(batch == null ? "" : batch.riderName() == null ? "No rider" : "Rider: " + batch.riderName()
                    + riderPhone(detail.riderProperty().get()));
        });

        FlowPane actions = new FlowPane(6, 6);
        actions.setId("detail-actions");
        for (LifecycleAction action : LifecycleAction.values()) {
            Button button = new Button(action.label());
            button.setId("action-" + action.name());
            button.setTooltip(new Tooltip(action.label().replace("…", "") + " (" + action.shortcut() + ")"));
            button.disableProperty().bind(Bindings.createBooleanBinding(
                    () -> !selection.allowedActionsProperty().get().contains(action), selection.allowedActionsProperty()));
            button.setOnAction(e -> onAction.accept(action));
            if (action.needsReason()) {
                button.getStyleClass().add("danger");
            }
            actions.getChildren().add(button);
        }

        TableView<BatchOrderRow> orders = new TableView<>();
        // Sorting by a column sorts this view of the orders, never the model's list.
        javafx.collections.transformation.SortedList<BatchOrderRow> sortedOrders =
                new javafx.collections.transformation.SortedList<>(detail.orders());
        sortedOrders.comparatorProperty().bind(orders.comparatorProperty());
        orders.setItems(sortedOrders);
        orders.setId("detail-orders");
        orders.setPlaceholder(new Label(""));
        orders.getColumns().add(Columns.text("#", 36, o -> String.valueOf(o.sequence())));
        orders.getColumns().add(Columns.text("Customer", 120, BatchOrderRow::customerName));
        orders.getColumns().add(Columns.text("Phone", 110, o -> o.customerPhone() == null ? "" : o.customerPhone()));
        orders.getColumns().add(Columns.text("Address", 160, BatchOrderRow::deliveryAddress));
        orders.getColumns().add(Columns.text("kg", 50, o -> Formats.kg(o.weightKg())));
        orders.getColumns().add(Columns.text("Outcome", 110, o -> Labels.of(o.outcome())
                + (o.outcomeReason() == null ? "" : " (" + o.outcomeReason() + ")")));
        orders.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        orders.setPrefHeight(150);
        orders.setMinHeight(120);

        Button delivered = new Button("Mark delivered");
        delivered.setId("mark-delivered");
        Button failed = new Button("Mark failed…");
        failed.setId("mark-failed");
        var canRecord = Bindings.createBooleanBinding(() -> {
            BatchOrderRow order = orders.getSelectionModel().getSelectedItem();
            return status.canChangeProperty().get() && detail.canRecordOutcomesProperty().get()
                    && order != null && order.outcome() == OrderOutcome.PENDING;
        }, detail.canRecordOutcomesProperty(), orders.getSelectionModel().selectedItemProperty(),
                status.canChangeProperty());
        delivered.disableProperty().bind(canRecord.not());
        failed.disableProperty().bind(canRecord.not());
        delivered.setOnAction(e -> onOutcome.accept(orders.getSelectionModel().getSelectedItem(), OrderOutcome.DELIVERED));
        failed.setOnAction(e -> onOutcome.accept(orders.getSelectionModel().getSelectedItem(), OrderOutcome.FAILED));
        Button viewPod = new Button("View proof of delivery");
        viewPod.setId("view-pod");
        viewPod.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            BatchOrderRow order = orders.getSelectionModel().getSelectedItem();
            return order == null || !order.hasProofOfDelivery();
        }, orders.getSelectionModel().selectedItemProperty()));
        viewPod.setOnAction(e -> onViewPod.accept(orders.getSelectionModel().getSelectedItem()));
        orders.setRowFactory(t -> {
            javafx.scene.control.TableRow<BatchOrderRow> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null && row.getItem().hasProofOfDelivery()) {
                    onViewPod.accept(row.getItem());
                }
            });
            return row;
        });
        HBox outcomeButtons = new HBox(6, delivered, failed, viewPod);
        outcomeButtons.setAlignment(Pos.CENTER_LEFT);

        ListView<HistoryEntry> history = new ListView<>(detail.history());
        history.setId("detail-history");
        history.setPlaceholder(new Label(""));
        history.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(HistoryEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                setText(empty || entry == null ? null : Formats.clock(entry.at()) + "   " + entry.describe()
                        + "   by " + entry.actor()
                        + (entry.databaseUser() == null || entry.databaseUser().equals(entry.actor()) ? ""
                                : " (as " + entry.databaseUser() + ")")
                        + (entry.reason() == null ? "" : "  — " + entry.reason()));
            }
        });
        VBox.setVgrow(history, Priority.ALWAYS);

        Label ordersTitle = new Label("Orders");
        ordersTitle.getStyleClass().add("section-title");
        Label historyTitle = new Label("History");
        historyTitle.getStyleClass().add("section-title");
        VBox pane = new VBox(6, title, rider, actions, ordersTitle, orders, outcomeButtons, historyTitle, history);
        pane.getStyleClass().add("detail-pane");
        pane.setPadding(new Insets(8));
        return pane;
    }

    /** " · ☎ +44 …" for a rider with a phone on record, else nothing. */
    static String riderPhone(RiderRow rider) {
        return rider == null || rider.phone() == null || rider.phone().isBlank() ? "" : " · ☎ " + rider.phone();
    }
}

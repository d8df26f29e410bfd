package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import com.dispatchconsole.ui.common.SelectionKeeper;
import com.dispatchconsole.ui.common.Theme;
import com.dispatchconsole.ui.common.SortedFilteredRows;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.paint.Color;

/** The batches table: sortable, filterable, multi-select, and the source of every drag. */
final class BatchesTable {

    private BatchesTable() {
    }

    static TableView<BatchRow> create(ConsoleViewModel model, Consumer<LifecycleAction> onAction, Runnable assignToSelectedRider) {
        TableView<BatchRow> table = new TableView<>();
        table.setId("batches-table");
        SortedFilteredRows<BatchRow> sorted = model.rows().visibleBatches();
        sorted.showIn(table);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        SelectionKeeper.install(table, sorted, BatchRow::id, rows -> model.selection().select(rows));
        table.setPlaceholder(new Label("No batches match the filter."));

        TableColumn<BatchRow, String> id = Columns.text("Batch", 98, b -> ShortId.of(b.id()));
        id.getStyleClass().add("mono");
        table.getColumns().add(id);
        table.getColumns().add(Columns.text("Outlet", 128, BatchRow::outletName));
        TableColumn<BatchRow, BatchStatus> status = new TableColumn<>("Status");
        status.setPrefWidth(140);
        status.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status()));
        status.setCellFactory(c -> new StatusBadgeCell());
        table.getColumns().add(status);
        TableColumn<BatchRow, Integer> orders = new TableColumn<>("Orders");
        orders.setPrefWidth(68);
        orders.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().orderCount()));
        orders.getStyleClass().add("numeric");
        table.getColumns().add(orders);
        TableColumn<BatchRow, BigDecimal> weight = new TableColumn<>("kg");
        weight.setPrefWidth(64);
        weight.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().totalWeightKg()));
        weight.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(BigDecimal value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty || value == null ? null : Formats.kg(value));
            }
        });
        weight.getStyleClass().add("numeric");
        table.getColumns().add(weight);
        table.getColumns().add(Columns.text("Rider", 122, b -> b.riderName() == null ? "—" : b.riderName()));
        table.getColumns().add(sinceColumn("Age", BatchRow::createdAt, model.clock().nowProperty()));
        table.getColumns().add(sinceColumn("In status", BatchRow::statusChangedAt, model.clock().nowProperty()));
        table.getColumns().add(com.dispatchconsole.ui.alerts.LateRows.column(table, model.alerts()));
        // Columns keep the widths given (and saved): a narrow window scrolls sideways rather than squeezing the
        // last column to nothing.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setRowFactory(t -> row(table, model, onAction, assignToSelectedRider));
        BatchViewBar.oldestFirst(table);
        return table;
    }

    /** A time since {@code value}, redrawn on the console's ticks; sorted by the instant itself, never by its text. */
    private static TableColumn<BatchRow, Instant> sinceColumn(String title, java.util.function.Function<BatchRow, Instant> value,
                                                              javafx.beans.value.ObservableValue<Instant> now) {
        TableColumn<BatchRow, Instant> column = new TableColumn<>(title);
        column.setPrefWidth(70);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(c -> new com.dispatchconsole.ui.common.TickingCell<>(now) {
            @Override
            protected void draw(Instant at, boolean empty, Instant now) {
                setText(empty || at == null ? null : Formats.since(at, now));
            }
        });
        column.setComparator((a, b) -> b.compareTo(a));
        return column;
    }

    private static TableRow<BatchRow> row(TableView<BatchRow> table, ConsoleViewModel model,
                                          Consumer<LifecycleAction> onAction, Runnable assignToSelectedRider) {
        TableRow<BatchRow> row = new TableRow<>();
        com.dispatchconsole.ui.alerts.LateRows.track(row, model.alerts());
        row.setOnDragDetected(e -> {
            BatchRow item = row.getItem();
            if (item == null) {
                return;
            }
            List<BatchRow> selected = table.getSelectionModel().getSelectedItems();
            List<UUID> ids = selected.contains(item) ? selected.stream().map(BatchRow::id).toList() : List.of(item.id());
            Dragboard dragboard = row.startDragAndDrop(TransferMode.MOVE);
            dragboard.setContent(DragIds.content(ids));
            Label ghost = new Label(ids.size() == 1 ? "Batch " + ShortId.of(item.id()) : ids.size() + " batches");
            ghost.getStyleClass().add("drag-ghost");
            // Drawn once in a scene of its own, which takes the table's theme so the ghost's colours are the theme's.
            javafx.scene.Scene ghostScene = new javafx.scene.Scene(new javafx.scene.Group(ghost));
            Theme.copy(row.getScene(), ghostScene);
            SnapshotParameters parameters = new SnapshotParameters();
            parameters.setFill(Color.TRANSPARENT);
            dragboard.setDragView(ghost.snapshot(parameters, null));
            e.consume();
        });
        row.setContextMenu(contextMenu(model, onAction, assignToSelectedRider));
        return row;
    }

    private static ContextMenu contextMenu(ConsoleViewModel model, Consumer<LifecycleAction> onAction, Runnable assignToSelectedRider) {
        ContextMenu menu = new ContextMenu();
        MenuItem assign = new MenuItem("Assign to the selected rider");
        assign.setOnAction(e -> assignToSelectedRider.run());
        menu.getItems().addAll(assign, new SeparatorMenuItem());
        for (LifecycleAction action : LifecycleAction.values()) {
            MenuItem item = new MenuItem(action.label() + "    " + action.shortcut());
            item.setId("menu-" + action.name());
            item.setOnAction(e -> onAction.accept(action));
            menu.getItems().add(item);
        }
        menu.setOnShowing(e -> {
            assign.setDisable(!model.selection().canAssignSelectionToSelectedRider());
            for (int i = 2; i < menu.getItems().size(); i++) {
                menu.getItems().get(i).setDisable(!model.selection().allowedActionsProperty().get()
                        .contains(LifecycleAction.values()[i - 2]));
            }
        });
        return menu;
    }
}

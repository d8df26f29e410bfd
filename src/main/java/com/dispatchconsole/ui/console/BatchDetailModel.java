package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.HistoryEntry;
import com.dispatchconsole.service.QueryService;
import com.dispatchconsole.ui.common.UiExecutor;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The detail pane of the selected batch: its orders in sequence and its whole audit timeline. */
public final class BatchDetailModel {

    private final QueryService queries;
    private final UiExecutor ui;
    private final Consumer<com.dispatchconsole.domain.DispatchException> onFailure;
    private final ObjectProperty<BatchRow> batch = new SimpleObjectProperty<>();
    private final ObservableList<BatchOrderRow> orders = FXCollections.observableArrayList();
    private final ObservableList<HistoryEntry> history = FXCollections.observableArrayList();
    private long request;

    BatchDetailModel(QueryService queries, UiExecutor ui, Consumer<com.dispatchconsole.domain.DispatchException> onFailure) {
        this.queries = queries;
        this.ui = ui;
        this.onFailure = onFailure;
    }

    private record Details(List<BatchOrderRow> orders, List<HistoryEntry> history) {
    }

    /** Shows a batch (or nothing); answers that arrive after the selection moved on are dropped. */
    void show(BatchRow row) {
        if (row != null && row.equals(batch.get()) && !orders.isEmpty()) {
            return;
        }
        batch.set(row);
        long mine = ++request;
        if (row == null) {
            orders.clear();
            history.clear();
            return;
        }
        ui.submit(() -> new Details(queries.orders(row.id()), queries.history(row.id())), details -> {
            if (mine == request) {
                orders.setAll(details.orders());
                history.setAll(details.history());
            }
        }, onFailure);
    }

    /** The shown batch changed elsewhere: show its new row and reload orders and history. */
    void refreshIfShowing(BatchRow changed) {
        BatchRow shown = batch.get();
        if (shown != null && shown.id().equals(changed.id()) && !shown.equals(changed)) {
            show(changed);
        }
    }

    /** An order of the shown batch changed (an outcome was recorded): reload its orders and history. */
    void reloadIfShowing(java.util.UUID batchId) {
        BatchRow shown = batch.get();
        if (shown != null && shown.id().equals(batchId)) {
            orders.clear();
            show(shown);
        }
    }

    public ObjectProperty<BatchRow> batchProperty() {
        return batch;
    }

    public ObservableList<BatchOrderRow> orders() {
        return orders;
    }

    public ObservableList<HistoryEntry> history() {
        return history;
    }
}

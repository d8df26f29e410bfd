package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.HistoryEntry;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.service.QueryService;
import com.dispatchconsole.ui.common.BackgroundTasks;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The detail pane of the selected batch: its orders in sequence and its whole audit timeline, one line a move. */
public final class BatchDetailModel {

    private final QueryService queries;
    private final BackgroundTasks tasks;
    private final Consumer<DispatchException> onFailure;
    private final ReadOnlyObjectWrapper<BatchRow> batch = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RiderRow> rider = new ReadOnlyObjectWrapper<>();
    private Function<UUID, RiderRow> riders = id -> null;
    private final ReadOnlyBooleanWrapper canRecordOutcomes = new ReadOnlyBooleanWrapper();
    private final ObservableList<BatchOrderRow> orders = FXCollections.observableArrayList();
    private final ObservableList<HistoryEntry> history = FXCollections.observableArrayList();
    private final ObservableList<BatchOrderRow> ordersView = FXCollections.unmodifiableObservableList(orders);
    private final ObservableList<HistoryEntry> historyView = FXCollections.unmodifiableObservableList(history);

    BatchDetailModel(QueryService queries, BackgroundTasks tasks, Consumer<DispatchException> onFailure) {
        this.queries = queries;
        this.tasks = tasks;
        this.onFailure = onFailure;
        batch.addListener((o, was, row) -> canRecordOutcomes.set(row != null && row.status().takesOutcomes()));
        batch.addListener((o, was, row) -> rider.set(row == null || row.riderId() == null ? null
                : riders.apply(row.riderId())));
    }

    private record Details(List<BatchOrderRow> orders, List<HistoryEntry> history) {
    }

    /** Shows a batch (or nothing); answers that arrive after the selection moved on are dropped. */
    void show(BatchRow row) {
        if (row != null && row.equals(batch.get()) && !orders.isEmpty()) {
            return;
        }
        batch.set(row);
        if (row == null) {
            tasks.forget(this);
            orders.clear();
            history.clear();
            return;
        }
        tasks.task(() -> new Details(queries.orders(row.id()), queries.history(row.id())))
                .latestFor(this)
                .onSuccess(details -> {
                    orders.setAll(details.orders());
                    history.setAll(HistoryLines.of(details.history()));
                })
                .onFailure(onFailure)
                .start();
    }

    /** The shown batch changed elsewhere: show its new row and reload orders and history. */
    void refreshIfShowing(BatchRow changed) {
        BatchRow shown = batch.get();
        if (shown != null && shown.id().equals(changed.id()) && !shown.equals(changed)) {
            show(changed);
        }
    }

    /** An order of the shown batch changed (an outcome was recorded): reload its orders and history. */
    void reloadIfShowing(UUID batchId) {
        BatchRow shown = batch.get();
        if (shown != null && shown.id().equals(batchId)) {
            orders.clear();
            show(shown);
        }
    }

    /** Where the shown batch's rider is looked up (the rider rows on screen), for their phone. */
    void ridersFrom(Function<UUID, RiderRow> lookup) {
        this.riders = lookup;
    }

    /** The shown batch's rider as the screen shows them (for the phone); null without a rider or out of scope. */
    public ReadOnlyObjectProperty<RiderRow> riderProperty() {
        return rider.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<BatchRow> batchProperty() {
        return batch.getReadOnlyProperty();
    }

    /**
     * Whether the shown batch takes outcomes now (it is out for delivery); the pane adds what is its own to know:
     * an order picked, and the database reachable.
     */
    public ReadOnlyBooleanProperty canRecordOutcomesProperty() {
        return canRecordOutcomes.getReadOnlyProperty();
    }

    public ObservableList<BatchOrderRow> orders() {
        return ordersView;
    }

    public ObservableList<HistoryEntry> history() {
        return historyView;
    }
}

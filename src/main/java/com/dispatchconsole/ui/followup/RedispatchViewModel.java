package com.dispatchconsole.ui.followup;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.Expected;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.service.FollowUpService;
import com.dispatchconsole.ui.common.BackgroundTasks;
import com.dispatchconsole.ui.common.Notice;
import com.dispatchconsole.ui.common.Notices;
import com.dispatchconsole.ui.common.UiExecutor;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * "Re-dispatch…" for the batch the detail pane shows: possible only for a FAILED batch with orders that were not
 * delivered and not sent out again yet (asked of the database whenever the shown batch or its orders change), and
 * only while changes can be made. Sends them out again in a new batch as the screen showed the failed one: a batch
 * that changed since, or was re-dispatched by another console meanwhile, is refused naming who and when.
 */
public final class RedispatchViewModel {

    private final FollowUpService followUps;
    private final String operator;
    private final Notices notices;
    private final ReadOnlyObjectProperty<BatchRow> shown;
    private final Consumer<BatchRow> onCreated;
    private final BackgroundTasks tasks;
    private final ReadOnlyIntegerWrapper redispatchable = new ReadOnlyIntegerWrapper();
    private final BooleanBinding possible;

    /**
     * @param shown      the batch on screen (the detail pane's)
     * @param shownLines its orders as shown; when they change (an outcome, a re-dispatch elsewhere) the count is read again
     * @param canChange  false while the database cannot be reached
     * @param onCreated  puts the new batch on screen
     */
    public RedispatchViewModel(FollowUpService followUps, UiExecutor ui, String operator, Notices notices,
                               ReadOnlyObjectProperty<BatchRow> shown, ObservableList<BatchOrderRow> shownLines,
                               ObservableBooleanValue canChange, Consumer<BatchRow> onCreated) {
        this.followUps = followUps;
        this.operator = operator;
        this.notices = notices;
        this.shown = shown;
        this.onCreated = onCreated;
        this.tasks = new BackgroundTasks(ui);
        this.possible = Bindings.createBooleanBinding(() -> canChange.get() && redispatchable.get() > 0
                && shown.get() != null && shown.get().status() == BatchStatus.FAILED, canChange, redispatchable, shown);
        shown.addListener((o, was, batch) -> recount());
        shownLines.addListener((ListChangeListener<BatchOrderRow>) change -> recount());
    }

    private void recount() {
        BatchRow batch = shown.get();
        if (batch == null || batch.status() != BatchStatus.FAILED) {
            tasks.forget(this);
            redispatchable.set(0);
            return;
        }
        tasks.task(() -> followUps.redispatchable(batch.id())).latestFor(this)
                .onSuccess(redispatchable::set)
                .onFailure(error -> redispatchable.set(0))
                .start();
    }

    /** Whether "Re-dispatch…" can be done now to the shown batch. */
    public BooleanBinding possibleProperty() {
        return possible;
    }

    /** How many orders of the shown batch would go out again. */
    public ReadOnlyIntegerProperty redispatchableProperty() {
        return redispatchable.getReadOnlyProperty();
    }

    /** What the dialog asks: "Send the 2 undelivered orders of batch 1a2b3c4d out again in a new batch?" */
    public String question() {
        BatchRow batch = shown.get();
        int n = redispatchable.get();
        return "Send the " + (n == 1 ? "undelivered order" : n + " undelivered orders") + " of batch "
                + (batch == null ? "-" : ShortId.of(batch.id())) + " out again in a new batch?";
    }

    /** Re-dispatches the shown batch as the screen showed it, with the dispatcher's reason. */
    public void redispatch(String reason) {
        BatchRow batch = shown.get();
        if (batch == null) {
            return;
        }
        tasks.task(() -> followUps.redispatch(batch.id(), Expected.version(batch.version()), reason, operator))
                .onSuccess(fresh -> {
                    notices.notify(Notice.Level.SUCCESS, "Batch " + ShortId.of(batch.id()) + " re-dispatched as batch "
                            + ShortId.of(fresh.id()) + " (" + fresh.orderCount() + (fresh.orderCount() == 1 ? " order" : " orders")
                            + ").");
                    onCreated.accept(fresh);
                    recount();
                })
                .onFailure(error -> {
                    notices.failed(error);
                    recount();
                })
                .start();
    }
}

package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchTransitions;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.Expected;
import com.dispatchconsole.domain.HandOver;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.service.BatchChange;
import com.dispatchconsole.service.ChangeReport;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.ui.common.Labels;
import com.dispatchconsole.ui.common.Notice;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Everything the dispatcher can change: batches given to a rider, lifecycle moves, outcomes and a rider's
 * availability. Each is one service call off the UI thread; the services decide and refuse, this words what they
 * did and puts the rows they returned on screen.
 */
public final class BatchCommands {

    static final String CANNOT_CHANGE = "The database cannot be reached: nothing can be changed until it is back.";

    private final DispatchServices services;
    private final ConsoleRows rows;
    private final ConsoleSelection selection;
    private final ConsoleStatus status;
    private final String operator;
    private com.dispatchconsole.ui.undo.UndoViewModel undo;

    BatchCommands(DispatchServices services, ConsoleRows rows, ConsoleSelection selection, ConsoleStatus status,
                  String operator) {
        this.services = services;
        this.rows = rows;
        this.selection = selection;
        this.status = status;
        this.operator = operator;
    }

    /** From now on, the notice of a change that can be taken back offers Undo. */
    void offerUndo(com.dispatchconsole.ui.undo.UndoViewModel undo) {
        this.undo = undo;
    }

    /**
     * Whether anything can be changed now; if not, says why. Asked before a gesture opens a dialog, so nobody
     * types a reason for a change that cannot be made.
     */
    public boolean checkCanChange() {
        boolean can = status.canChangeProperty().get();
        if (!can) {
            status.notify(Notice.Level.WARNING, CANNOT_CHANGE);
        }
        return can;
    }

    // ---- giving batches to a rider ----------------------------------------------------------------------------

    /**
     * The fit hint for dragging these batches over a rider; unknown ids or rider give no hint. While nothing can be
     * changed, the hint says so instead (and the rider does not take the drop).
     */
    public FitHint hint(List<UUID> batchIds, UUID riderId) {
        if (!status.canChangeProperty().get()) {
            return new FitHint(false, CANNOT_CHANGE);
        }
        RiderRow rider = rows.rider(riderId);
        List<BatchRow> shown = rows.batches(batchIds);
        return rider == null || shown.isEmpty() ? null : FitHint.evaluate(shown, rider);
    }

    /** True when the drop would take a batch away from another rider, which needs a reason. */
    public boolean dropNeedsReason(SeenRows seen, UUID riderId) {
        return seen.rows().values().stream().anyMatch(b -> HandOver.takesFromAnother(b.status(), b.riderId(), riderId));
    }

    /**
     * Gives the batches, as the screen showed them when the dispatcher decided, to the rider they were dropped on:
     * CREATED ones are assigned, ASSIGNED ones reassigned with the reason. A batch that moved since is refused.
     */
    public void dropOnRider(SeenRows seen, UUID riderId, String reason) {
        RiderRow rider = rows.rider(riderId);
        String name = rider == null ? "rider " + ShortId.of(riderId) : rider.name();
        // Say what happened: taking batches from another rider is a reassign, the rest an assign.
        String verb = dropNeedsReason(seen, riderId) ? "reassigned to " : "assigned to ";
        change(verb + name, seen, BatchChange.giveTo(riderId), reason);
    }

    /** What the unassign zone does with the batches dropped on it. */
    public void unassign(List<UUID> batchIds) {
        perform(LifecycleAction.UNASSIGN, rows.see(batchIds), null);
    }

    // ---- lifecycle ------------------------------------------------------------------------------------------

    /** Applies a lifecycle move to the batches as the screen showed them when the dispatcher decided. */
    public void perform(LifecycleAction action, SeenRows seen, String reason) {
        change(action.done(), seen, BatchChange.moveTo(action.target()), reason);
    }

    /**
     * Says why a move is not possible for the selection, without asking the database: a disabled button's
     * answer comes from the state map itself.
     */
    public void explainRefusal(LifecycleAction action) {
        if (!checkCanChange()) {
            return;
        }
        if (selection.selectedBatches().isEmpty()) {
            status.notify(Notice.Level.WARNING, "Select a batch first.");
            return;
        }
        for (BatchRow row : selection.selectedBatches()) {
            try {
                BatchTransitions.require(row.id(), row.status(), action.target());
            } catch (DispatchException refusal) {
                status.notify(Notice.Level.ERROR, refusal.sentence());
            }
        }
    }

    /** The one path every change to some batches takes: one service call, one report, worded here. */
    private void change(String verb, SeenRows seen, BatchChange what, String reason) {
        List<UUID> batchIds = seen.ids();
        if (batchIds.isEmpty() || !checkCanChange()) {
            return;
        }
        status.say("Working: " + batchIds.size() + " batch" + (batchIds.size() == 1 ? "" : "es") + " " + verb + "…");
        status.tasks().task(() -> services.changes().change(batchIds, seen.rows(), what, operator, reason))
                .onSuccess(report -> show(verb, seen, report))
                .onFailure(status::failed)
                .start();
    }

    private void show(String verb, SeenRows seen, ChangeReport report) {
        rows.changed(Stream.concat(report.changed().stream(), report.refusedRows().stream()).toList(), report.riders());
        selection.refresh();
        String success = ChangeReportText.success(report, verb);
        if (success != null) {
            status.notify(undo == null ? new Notice(Notice.Level.SUCCESS, success)
                    : undo.notice(Notice.Level.SUCCESS, success, seen.rows(), report.changed()));
        }
        report.refused().forEach(refusal -> status.notify(Notice.Level.ERROR, ChangeReportText.refusal(refusal)));
        status.say(ChangeReportText.summary(report));
        if (report.stopped()) {
            status.failed(report.stoppedBy());
        }
    }

    // ---- orders and riders ----------------------------------------------------------------------------------

    /** @param outcomeVersionSeen the outcome version the detail pane showed for the order (0: none yet) */
    public void recordOutcome(UUID batchId, UUID orderId, int outcomeVersionSeen, OrderOutcome outcome, String reason) {
        if (!checkCanChange()) {
            return;
        }
        // The batch row comes back from the outcome's own unit of work, read under its lock.
        status.tasks().task(() -> services.batches().recordOutcome(batchId, orderId,
                        Expected.version(outcomeVersionSeen), outcome, reason, null, operator))
                .onSuccess(row -> {
                    rows.changed(List.of(row), List.of());
                    status.notify(Notice.Level.SUCCESS, "Order " + ShortId.of(orderId) + " marked "
                            + outcome.name().toLowerCase() + ".");
                })
                .onFailure(status::failed)
                .start();
    }

    public void setAvailability(UUID riderId, Availability availability) {
        if (!checkCanChange()) {
            return;
        }
        RiderRow shown = rows.rider(riderId);
        Expected seen = shown == null ? Expected.ANY : Expected.version(shown.version());
        status.tasks().task(() -> services.fleet().setAvailability(riderId, availability, seen, operator))
                .onSuccess(row -> {
                    rows.changed(List.of(), List.of(row));
                    status.notify(Notice.Level.SUCCESS, row.name() + " is now "
                            + Labels.of(availability).toLowerCase() + ".");
                })
                .onFailure(error -> {
                    status.failed(error);
                    // A refusal may come from a rider row that is out of date: show the rider as they are.
                    status.tasks().task(() -> services.queries().riders(List.of(riderId)))
                            .onSuccess(fresh -> rows.changed(List.of(), fresh))
                            .start();
                })
                .start();
    }
}

package com.dispatchconsole.ui.followup;

import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.DisputeRow;
import com.dispatchconsole.service.FollowUpService;
import com.dispatchconsole.ui.common.BackgroundTasks;
import com.dispatchconsole.ui.common.Notice;
import com.dispatchconsole.ui.common.Notices;
import com.dispatchconsole.ui.common.UiExecutor;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The disputed proofs of delivery nobody has followed up yet, for dispatchers and supervisors: read in the
 * background, read again whenever orders or verdicts change elsewhere, and each new dispute told once to the console
 * ("PoD for … disputed by …: …"), however often the list is read again. One per console, for its whole life.
 */
public final class FollowUpViewModel {

    private static final String LOADING = "disputes";

    private final FollowUpService followUps;
    private final UiExecutor ui;
    private final String operator;
    /** The console's channel: where a new dispute is announced, whether or not the list is open. */
    private final Notices console;
    /** The list's own channel: refusals show in the list's window, where the operator is looking. */
    private final Notices notices = new Notices();
    private final BackgroundTasks tasks;
    private final ObservableList<DisputeRow> entries = FXCollections.observableArrayList();
    private final ObservableList<DisputeRow> entriesView = FXCollections.unmodifiableObservableList(entries);
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canFollowUp = new ReadOnlyBooleanWrapper();
    /** Every dispute this console has seen (shown or announced): each is announced at most once. */
    private final Set<Long> known = new HashSet<>();
    private boolean baselined;
    private boolean reloadPending;

    public FollowUpViewModel(FollowUpService followUps, UiExecutor ui, String operator, Notices console) {
        this.followUps = followUps;
        this.ui = ui;
        this.operator = operator;
        this.console = console;
        this.tasks = new BackgroundTasks(ui);
    }

    private record Loaded(List<DisputeRow> rows, boolean mayFollowUp) {
    }

    /**
     * Reads the open disputes. The first answer is what was already disputed when the console started: listed, not
     * announced. Every later one announces the disputes this console has not seen before. A failure shows in the
     * list's window (the console's banner speaks for a database that is away).
     */
    public void load() {
        tasks.task(() -> new Loaded(followUps.openDisputes(), followUps.canFollowUp())).latestFor(LOADING)
                .onSuccess(loaded -> {
                    List<DisputeRow> rows = loaded.rows();
                    for (DisputeRow row : rows) {
                        if (known.add(row.reviewId()) && baselined) {
                            console.notify(Notice.Level.WARNING, announcement(row));
                        }
                    }
                    baselined = true;
                    if (!entries.equals(rows)) {
                        // Unchanged rows stay as they are, so a reload keeps the operator's selection.
                        entries.setAll(rows);
                    }
                    count.set(rows.size());
                    canFollowUp.set(loaded.mayFollowUp());
                    message.set(rows.isEmpty() ? "No open disputes." : rows.size() + " disputed, newest first");
                })
                .onFailure(error -> message.set(error.sentence()))
                .start();
    }

    /** "PoD for Ana Costa (batch 1a2b3c4d) disputed by sup_9f3e: photo shows another house" */
    static String announcement(DisputeRow row) {
        return "PoD for " + row.customerName() + " (batch " + ShortId.of(row.batchId()) + ") disputed by "
                + row.disputedBy() + ": " + row.reason();
    }

    /** Orders or verdicts changed elsewhere: read again once, at most every half second. */
    public void changedElsewhere() {
        if (!reloadPending) {
            reloadPending = true;
            ui.schedule(Duration.ofMillis(500), () -> {
                reloadPending = false;
                load();
            });
        }
    }

    /**
     * Records how a dispute was followed up (a note is required): it leaves every console's list. Refused for the
     * login that raised it, and when someone else got there first (naming who and when).
     */
    public void followUp(DisputeRow dispute, String note) {
        if (dispute == null) {
            return;
        }
        tasks.task(() -> {
            followUps.followUp(dispute.reviewId(), note, operator);
            return dispute;
        }).onSuccess(done -> {
            notices.notify(Notice.Level.SUCCESS, "Dispute on the PoD for " + done.customerName() + " (batch "
                    + ShortId.of(done.batchId()) + ") followed up.");
            entries.remove(done);
            count.set(entries.size());
            load();
        }).onFailure(error -> {
            notices.failed(error);
            load();
        }).start();
    }

    /** The open disputes, newest first; read-only. */
    public ObservableList<DisputeRow> entries() {
        return entriesView;
    }

    /** How many disputes are open: the header button's count. */
    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Whether this login may record follow-ups (the database's grants decide). */
    public ReadOnlyBooleanProperty canFollowUpProperty() {
        return canFollowUp.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return tasks.busyProperty();
    }

    /** Refusals and confirmations, as toasts in the list's window. */
    public Notices notices() {
        return notices;
    }
}

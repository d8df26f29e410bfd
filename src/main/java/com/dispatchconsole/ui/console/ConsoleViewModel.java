package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.rows.AllRows;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.realtime.LiveState;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.ui.alerts.AlertsViewModel;
import com.dispatchconsole.ui.common.ServerClock;
import com.dispatchconsole.ui.common.UiExecutor;
import com.dispatchconsole.ui.pod.PodViewModel;
import com.dispatchconsole.ui.review.ReviewQueueViewModel;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The console's view model: a thin front for the parts the view binds to, each small enough to read at once.
 * {@link ConsoleRows} holds the rows on screen and keeps them true, {@link ConsoleSelection} what is selected and
 * what may be done to it, {@link BatchCommands} every change, and {@link ConsoleStatus} what the console says about
 * itself. Launchers, the live updater and benchmarks talk to this class; every database call runs off the UI thread.
 */
public final class ConsoleViewModel {

    private final DispatchServices services;
    private final UiExecutor ui;
    private final String operator;
    private final String databaseLabel;
    private final ConsoleStatus status;
    private final ConsoleRows rows;
    private final ConsoleSelection selection;
    private final BatchCommands commands;
    private com.dispatchconsole.ui.followup.FollowUpViewModel followUp;
    private com.dispatchconsole.ui.followup.RedispatchViewModel redispatch;
    private final ServerClock clock;
    private final AlertsViewModel alerts;
    private com.dispatchconsole.ui.reports.ExportsViewModel exports;

    private com.dispatchconsole.ui.map.MapViewModel map;

    private final com.dispatchconsole.ui.undo.UndoViewModel undo;
    private final com.dispatchconsole.ui.presence.PresenceViewModel presence;

    public ConsoleViewModel(DispatchServices services, UiExecutor ui, String operator, String databaseLabel) {
        this(services, ui, operator, databaseLabel, Set.of());
    }

    /** @param outletScope outlets this console shows; empty for all */
    public ConsoleViewModel(DispatchServices services, UiExecutor ui, String operator, String databaseLabel,
                            Set<UUID> outletScope) {
        this(services, ui, operator, databaseLabel, outletScope, java.time.Clock.systemUTC());
    }

    /**
     * @param outletScope outlets this console shows; empty for all
     * @param localClock  this machine's clock, which the server's offset corrects (a test's clock makes time pass)
     */
    public ConsoleViewModel(DispatchServices services, UiExecutor ui, String operator, String databaseLabel,
                            Set<UUID> outletScope, java.time.Clock localClock) {
        this.services = services;
        this.ui = ui;
        this.operator = operator;
        this.databaseLabel = databaseLabel;
        this.status = new ConsoleStatus(services.queries(), ui, this::load);
        this.rows = new ConsoleRows(services, status, ui, outletScope);
        this.selection = new ConsoleSelection(rows, status, services.queries());
        this.commands = new BatchCommands(services, rows, selection, status, operator);
        this.clock = new ServerClock(localClock, services.queries()::serverTime, ui);
        this.alerts = new AlertsViewModel(rows.allBatches(), rows.riders(), clock);
        this.undo = new com.dispatchconsole.ui.undo.UndoViewModel(services, status.tasks(), status.channel(), clock,
                status.canChangeProperty(), operator, (batches, riders) -> {
                    rows.changed(batches, riders);
                    selection.refresh();
                });
        commands.offerUndo(undo);
        this.presence = new com.dispatchconsole.ui.presence.PresenceViewModel(ui);
        presence.follow(selection.detail().batchProperty());
    }

    /** Who else views or drags which batch, and what this console shares (once its session connects it). */
    public com.dispatchconsole.ui.presence.PresenceViewModel presence() {
        return presence;
    }

    /** Reads everything this console shows, off the UI thread. */
    public void load() {
        rows.load();
    }

    /** The dispatcher's reload (F5): everything read again, and what is read is shown, whatever was on screen. */
    public void reload() {
        rows.load(true);
    }

    /** Rows re-read after other consoles' changes (the live feed's bursts). */
    public void applyRemote(List<BatchRow> changedBatches, List<RiderRow> changedRiders, Collection<UUID> ordersChanged) {
        rows.applyRemote(changedBatches, changedRiders, ordersChanged);
    }

    /** Every row read again after the live feed was away. */
    public void applyResync(AllRows all) {
        rows.applyResync(all);
    }

    /** The live feed's state: OFFLINE raises the banner and takes every change away until it is LIVE again. */
    public void applyLiveState(LiveState state) {
        status.liveState(state);
    }

    /** What is late, by the server's clock and the operator's thresholds. */
    public AlertsViewModel alerts() {
        return alerts;
    }

    /**
     * The server's clock: the console's one ticker moves it ({@link ServerClock#tick()}) every second; the window
     * starts it ({@link ServerClock#start()}), its own reads apart from a load's one transaction.
     */
    public ServerClock clock() {
        return clock;
    }

    /** Undo of the changes made here: offered in their notices for 10 seconds, and on Ctrl+Z. */
    public com.dispatchconsole.ui.undo.UndoViewModel undo() {
        return undo;
    }

    public ConsoleRows rows() {
        return rows;
    }

    public ConsoleSelection selection() {
        return selection;
    }

    public BatchCommands commands() {
        return commands;
    }

    public ConsoleStatus status() {
        return status;
    }

    public String operator() {
        return operator;
    }

    public String databaseLabel() {
        return databaseLabel;
    }

    public ReviewQueueViewModel reviewQueue() {
        return new ReviewQueueViewModel(services.pods(), services.queries(), ui);
    }

    /** The disputed list and its announcements: one for the console's whole life. */
    public com.dispatchconsole.ui.followup.FollowUpViewModel followUp() {
        if (followUp == null) {
            followUp = new com.dispatchconsole.ui.followup.FollowUpViewModel(services.followUps(), ui, operator,
                    status.channel());
        }
        return followUp;
    }

    /** "Re-dispatch…" for the batch the detail pane shows; the new batch goes on screen like any change made here. */
    public com.dispatchconsole.ui.followup.RedispatchViewModel redispatch() {
        if (redispatch == null) {
            redispatch = new com.dispatchconsole.ui.followup.RedispatchViewModel(services.followUps(), ui, operator,
                    status.channel(), selection.detail().batchProperty(), selection.detail().orders(),
                    status.canChangeProperty(), row -> rows.changed(List.of(row), List.of()));
        }
        return redispatch;
    }

    /** The map's model (issue 14): one for the console's whole life, made when the map is first shown. */
    public com.dispatchconsole.ui.map.MapViewModel map() {
        if (map == null) {
            map = new com.dispatchconsole.ui.map.MapViewModel(services.queries(), status.tasks(), rows.outlets(),
                    rows.riders(), rows.allBatches(), rows::batch, selection.selectedBatches(),
                    selection.selectedRiderProperty(), alerts);
        }
        return map;
    }

    /** The console's CSV exports (issue 14); their outcome is one line in this console's notices. */
    public com.dispatchconsole.ui.reports.ExportsViewModel exports() {
        if (exports == null) {
            exports = new com.dispatchconsole.ui.reports.ExportsViewModel(services.queries(), ui, status.channel(),
                    java.time.ZoneId.systemDefault());
        }
        return exports;
    }

    /** A new shift summary of today, its breaches judged by this operator's SLA thresholds (the alerts' own). */
    public com.dispatchconsole.ui.reports.ShiftSummaryViewModel shiftSummary() {
        return new com.dispatchconsole.ui.reports.ShiftSummaryViewModel(services.queries(), ui,
                () -> alerts.thresholdsProperty().get(), java.time.ZoneId.systemDefault(), java.time.LocalDate.now(),
                rows.outletScope());
    }

    /** A view model for the PoD viewer of one order line. */
    public PodViewModel podViewer(UUID batchOrderId) {
        return new PodViewModel(services.pods(), services.photos(), services.queries(), ui, batchOrderId);
    }
}

package com.dispatchconsole.ui.console;

import com.dispatchconsole.realtime.LiveState;
import com.dispatchconsole.service.QueryService;
import com.dispatchconsole.ui.common.BackgroundTasks;
import com.dispatchconsole.ui.common.UiExecutor;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The "database unreachable" banner, raised by either of two witnesses: the first call that cannot reach the
 * database (cleared by the first probe, every few seconds off the UI thread, that can; {@code onBack} then
 * reloads the console), or the change feed going OFFLINE (cleared when it is LIVE again, and its resync reloads).
 * The feed is the witness that matters when nobody clicks: it raises the banner the moment it gives up, instead
 * of the dispatcher finding out from a spinner on their next action.
 */
final class DatabaseBanner {

    static final Duration RETRY_EVERY = Duration.ofSeconds(3);

    private final QueryService queries;
    private final UiExecutor ui;
    // The probe's own count: a probe waiting on a dead server is no work of the dispatcher's, so it keeps the
    // console's busy indicator still (the banner already says what is going on).
    private final BackgroundTasks probes;
    private final Runnable onBack;
    private final ReadOnlyBooleanWrapper down = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private Instant callFailedSince;
    private Instant feedOfflineSince;

    DatabaseBanner(QueryService queries, UiExecutor ui, Runnable onBack) {
        this.queries = queries;
        this.ui = ui;
        this.probes = new BackgroundTasks(ui);
        this.onBack = onBack;
    }

    /** A call could not reach the database. */
    void raise() {
        if (callFailedSince != null) {
            return;
        }
        callFailedSince = Instant.now();
        refresh();
        ui.schedule(RETRY_EVERY, this::probe);
    }

    /** The change feed's state: OFFLINE raises the banner at once, LIVE clears what the feed raised. */
    void feedState(LiveState state) {
        if (state.status() == LiveState.Status.OFFLINE) {
            feedOfflineSince = state.since();
        } else if (state.status() == LiveState.Status.LIVE) {
            feedOfflineSince = null;
        }
        // CONNECTING and RECONNECTING keep what was there: a feed retrying after OFFLINE is not back yet.
        refresh();
    }

    private void probe() {
        probes.task(queries::outlets).onSuccess(ok -> {
            callFailedSince = null;
            refresh();
            onBack.run();
        }).onFailure(error -> ui.schedule(RETRY_EVERY, this::probe)).start();
    }

    private void refresh() {
        if (feedOfflineSince != null) {
            text.set("Offline since " + Formats.clock(feedOfflineSince) + ": the database cannot be reached, so this "
                    + "screen may be out of date. Retrying; nothing can be changed until it is back.");
        } else if (callFailedSince != null) {
            text.set("Database unreachable since " + Formats.clock(callFailedSince) + " — retrying every "
                    + RETRY_EVERY.toSeconds() + " s. Nothing can be changed until it is back.");
        } else {
            text.set("");
        }
        down.set(feedOfflineSince != null || callFailedSince != null);
    }

    ReadOnlyBooleanProperty downProperty() {
        return down.getReadOnlyProperty();
    }

    ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }
}

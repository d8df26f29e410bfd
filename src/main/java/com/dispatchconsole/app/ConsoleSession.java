package com.dispatchconsole.app;

import com.dispatchconsole.realtime.ChangeEvent;
import com.dispatchconsole.realtime.ChangeFeed;
import com.dispatchconsole.realtime.ChangeSubscriber;
import com.dispatchconsole.realtime.FeedSettings;
import com.dispatchconsole.realtime.LiveState;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.ui.common.UiExecutor;
import com.dispatchconsole.ui.console.ConsoleViewModel;
import com.dispatchconsole.ui.console.LiveUpdater;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One console's moving parts, wired in the one order that loses no change: the services, the view model, the
 * live updater subscribed to the change feed, the feed started, and only once the feed has answered (LISTEN is
 * in place, or the database cannot be reached) the first load. A change committed between LISTEN and the load's
 * read is then seen twice (harmless: rows are replaced by id), never missed. The window, the benchmarks and the
 * tests all open consoles through here.
 */
public final class ConsoleSession implements AutoCloseable {

    private final ConsoleViewModel model;
    private final LiveUpdater live;
    private final ChangeFeed feed;
    private final com.dispatchconsole.realtime.PresenceHub presence;
    private final AtomicBoolean loaded = new AtomicBoolean();

    /**
     * Wires a console without starting it; add further feed subscribers (benchmarks measure with one) before
     * {@link #start()}.
     *
     * @param outletScope outlets this console shows (and its feed passes); empty for all
     */
    public ConsoleSession(DispatchServices services, UiExecutor ui, FeedSettings feedSettings, String operator,
                          String databaseLabel, Set<UUID> outletScope) {
        this(services, ui, feedSettings, operator, databaseLabel, outletScope,
                com.dispatchconsole.realtime.PresenceSettings.DEFAULT);
    }

    /** As above, sharing presence (who views or drags which batch) as {@code presenceSettings} say. */
    public ConsoleSession(DispatchServices services, UiExecutor ui, FeedSettings feedSettings, String operator,
                          String databaseLabel, Set<UUID> outletScope,
                          com.dispatchconsole.realtime.PresenceSettings presenceSettings) {
        this.model = new ConsoleViewModel(services, ui, operator, databaseLabel, outletScope);
        this.live = new LiveUpdater(services.queries(), model, ui);
        this.feed = new ChangeFeed(feedSettings.withOutlets(outletScope));
        feed.subscribe(live);
        // Presence rides on the same LISTEN connection (a side channel): nothing to open, nothing audited.
        this.presence = new com.dispatchconsole.realtime.PresenceHub(operator, presenceSettings);
        feed.attach(presence);
        model.presence().connect(presence);
        feed.subscribe(new ChangeSubscriber() {
            @Override
            public void onChanges(List<ChangeEvent> events) {
                // the live updater handles them
            }

            @Override
            public void onLiveState(LiveState state) {
                // The first answer of the feed, good or bad: listening (LIVE), or the database is away and the
                // load's failure raises the offline banner, which retries.
                if (state.status() != LiveState.Status.CONNECTING && loaded.compareAndSet(false, true)) {
                    ui.onUiThread(model::load);
                }
            }
        });
    }

    /** Starts listening; the first load follows as soon as the feed has answered. */
    public ConsoleSession start() {
        feed.start();
        return this;
    }

    public ConsoleViewModel model() {
        return model;
    }

    public LiveUpdater live() {
        return live;
    }

    public ChangeFeed feed() {
        return feed;
    }

    public com.dispatchconsole.realtime.PresenceHub presence() {
        return presence;
    }

    @Override
    public void close() {
        // "None" before going, so colleagues see this console leave at once (else its presence expires).
        presence.leave(java.time.Duration.ofSeconds(1));
        feed.close();
        live.close();
    }
}

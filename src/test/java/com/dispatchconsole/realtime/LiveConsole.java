package com.dispatchconsole.realtime;

import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.app.ConsoleSession;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.ui.common.SerialUiExecutor;
import com.dispatchconsole.ui.console.ConsoleViewModel;
import com.dispatchconsole.ui.console.LiveUpdater;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A console without a window: its own view model, live updater and feed on {@code db}, read as its UI thread sees it. */
public final class LiveConsole implements AutoCloseable {

    final SerialUiExecutor ui = new SerialUiExecutor();
    final ConsoleSession session;
    final ConsoleViewModel model;
    final LiveUpdater live;
    final ChangeFeed feed;

    /** Wired as the console window is (one {@link ConsoleSession}); loads once the feed is listening. */
    LiveConsole(Database db, FeedSettings settings, Set<UUID> scope) {
        session = new ConsoleSession(new DispatchServices(db), ui, settings, "reader", "db", scope).start();
        model = session.model();
        live = session.live();
        feed = session.feed();
        waitUntil(() -> feed.state().status() == LiveState.Status.LIVE, Duration.ofSeconds(10));
    }

    <T> T read(Function<ConsoleViewModel, T> query) {
        return ui.read(() -> query.apply(model));
    }

    String text(Function<ConsoleViewModel, String> query) {
        return read(query);
    }

    boolean is(java.util.function.Predicate<ConsoleViewModel> query) {
        return read(query::test);
    }

    java.util.Set<com.dispatchconsole.ui.console.LifecycleAction> allowedActions() {
        return read(m -> Set.copyOf(m.selection().allowedActionsProperty().get()));
    }

    java.util.List<String> notices() {
        return read(m -> m.status().notices().stream().map(com.dispatchconsole.ui.common.Notice::text).toList());
    }

    /** Runs {@code action} on the console's UI thread and waits for it. */
    void act(java.util.function.Consumer<ConsoleViewModel> action) {
        ui.read(() -> {
            action.accept(model);
            return null;
        });
    }

    Set<UUID> batchIds() {
        return read(m -> m.rows().allBatches().stream().map(BatchRow::id).collect(Collectors.toSet()));
    }

    Set<UUID> riderIds() {
        return read(m -> m.rows().riders().stream().map(RiderRow::id).collect(Collectors.toSet()));
    }

    BatchRow batch(UUID id) {
        return read(m -> m.rows().allBatches().stream().filter(b -> b.id().equals(id)).findFirst().orElse(null));
    }

    @Override
    public void close() {
        session.close();
        ui.close();
    }

    static void waitUntil(BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("condition not met within " + limit);
    }
}

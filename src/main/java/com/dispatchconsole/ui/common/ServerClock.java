package com.dispatchconsole.ui.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The database server's clock as seen from this console: the local clock plus the offset measured against the
 * server, read in the background (never on the UI thread) at start and every minute. Every console judges ages and
 * lateness by it, so two consoles whose machines' clocks disagree still show the same alerts. {@link #nowProperty()}
 * moves only on {@link #tick()} (the window's {@link Ticker}), so everything that shows a time redraws together.
 */
public final class ServerClock {

    public static final Duration RESYNC = Duration.ofMinutes(1);

    private final Clock local;
    private final Callable<Instant> serverTime;
    private final UiExecutor ui;
    // Its own count: measuring the clock is no work the dispatcher waits for, so it never shows as busy.
    private final BackgroundTasks tasks;
    private final ReadOnlyObjectWrapper<Instant> now;
    private final ReadOnlyBooleanWrapper synced = new ReadOnlyBooleanWrapper();
    private volatile Duration offset = Duration.ZERO;
    private boolean started;

    /**
     * @param local      the machine's clock (a test's own clock, to make time pass)
     * @param serverTime reads the server's time; runs off the UI thread
     */
    public ServerClock(Clock local, Callable<Instant> serverTime, UiExecutor ui) {
        this.local = local;
        this.serverTime = serverTime;
        this.ui = ui;
        this.tasks = new BackgroundTasks(ui);
        this.now = new ReadOnlyObjectWrapper<>(local.instant());
    }

    /** Starts measuring the offset (now, then every {@link #RESYNC}); once only. Call on the UI thread. */
    public void start() {
        if (!started) {
            started = true;
            sync();
        }
    }

    private void sync() {
        tasks.task(() -> {
            Instant before = local.instant();
            Instant server = serverTime.call();
            Instant after = local.instant();
            // The server answered somewhere in between: take the middle of the round trip.
            return Duration.between(before.plus(Duration.between(before, after).dividedBy(2)), server);
        }).onSuccess(measured -> {
            offset = measured;
            synced.set(true);
            tick();
            again();
        }).onFailure(failed -> again()).start();
    }

    private void again() {
        try {
            ui.schedule(RESYNC, this::sync);
        } catch (RejectedExecutionException closed) {
            // The console's executor is closed: the console is gone, and so is the need to know the time.
        }
    }

    /** The server's time now, by the local clock and the last measured offset. */
    public Instant instant() {
        return local.instant().plus(offset);
    }

    /** Moves {@link #nowProperty()} to the server's time now. */
    public void tick() {
        now.set(instant());
    }

    /** The server's time as of the last tick: what every time on screen is drawn from. */
    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    /** The server minus the local clock, as last measured (zero until then). */
    public Duration offset() {
        return offset;
    }

    /** True once the offset has been measured at least once. */
    public ReadOnlyBooleanProperty syncedProperty() {
        return synced.getReadOnlyProperty();
    }
}

package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.rows.AllRows;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.ChangedRows;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.realtime.ChangeEvent;
import com.dispatchconsole.realtime.ChangeSubscriber;
import com.dispatchconsole.realtime.LiveState;
import com.dispatchconsole.service.QueryService;
import com.dispatchconsole.ui.common.UiExecutor;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the change feed into table updates: events are coalesced by id, the changed rows are re-read in one query
 * per table per burst (off the UI thread), and applied in place with one UI-thread hand-off per burst, at most
 * every 15 ms (more slowly when reads take longer). Position reports are throttled to one refresh per rider per second and capped per
 * burst, so a flood of telemetry never delays a status change.
 */
public final class LiveUpdater implements ChangeSubscriber, AutoCloseable {

    /**
     * At most one application per this interval (about 65 a second). About 10 a second would cost a p99 of 100 ms+
     * at 500 changes a second. Since a burst costs the UI thread about a millisecond whatever the table's size
     * (issue 16), the window and the re-read are what a change waits for: at 25 ms the commit → table p99 of one
     * console was 46–54 ms on a quiet 2-core machine (the re-read's p99 20–31 ms on top of up to a whole window);
     * 15 ms leaves room under 50 ms. The interval widens by itself when re-reads slow down (many consoles, a busy
     * database), so more consoles do not mean more reads than the database can answer.
     */
    static final long MIN_BURST_INTERVAL_MS = 15;
    static final long MAX_BURST_INTERVAL_MS = 500;
    static final long LOCATION_INTERVAL_MS = 1000;
    static final int MAX_LOCATIONS_PER_BURST = 200;
    /**
     * Rows waiting to be applied (distinct ids) beyond which the console stops applying them burst by burst and
     * catches up in one go: at 500 changes a second about two seconds behind.
     */
    static final int CATCH_UP_BACKLOG = 1000;
    /** How soon a burst that found the UI thread still busy with the last one looks again. */
    static final long UI_BUSY_RETRY_MS = 5;

    private static final Logger log = LoggerFactory.getLogger(LiveUpdater.class);

    private final RowReader queries;
    private final Screen model;
    private final UiExecutor ui;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "live-updates");
        thread.setDaemon(true);
        return thread;
    });
    private final Object lock = new Object();
    private Set<UUID> pendingBatches = new HashSet<>();
    private Set<UUID> pendingRiders = new HashSet<>();
    private Set<UUID> pendingDetails = new HashSet<>();
    private final Map<UUID, Long> pendingLocations = new HashMap<>();
    private final Map<UUID, Long> locationAppliedAt = new HashMap<>();
    private boolean flushScheduled;
    private long lastFlushNanos;
    private volatile long intervalMs = MIN_BURST_INTERVAL_MS;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong rowsRead = new AtomicLong();
    private final AtomicLong bursts = new AtomicLong();
    private final AtomicLong merged = new AtomicLong();
    private volatile AppliedProbe appliedProbe = (rows, nanos, uiNanos) -> { };
    private final int catchUpBacklog;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private volatile long lastApplyCpuNanos;
    private volatile long lastReadNanos;
    /** Running average of the re-reads (worker thread only). */
    private double readAverageMs;
    /** A burst handed to the UI thread and not yet applied: the next waits, so bursts never queue up there. */
    private final java.util.concurrent.atomic.AtomicBoolean uiBusy = new java.util.concurrent.atomic.AtomicBoolean();
    /** The feed's last state, which the header returns to after catching up. */
    private volatile LiveState feedState = LiveState.of(LiveState.Status.CONNECTING);
    private volatile boolean catchingUp;
    /** A catch-up failed to read; the next flush tries again (under {@code lock}). */
    private boolean catchUpDue;
    private final AtomicLong catchUps = new AtomicLong();

    /** Sees each burst on the UI thread after it was applied: the rows, when, and how long the UI thread worked. */
    @FunctionalInterface
    public interface AppliedProbe {
        void applied(List<BatchRow> batches, long appliedAtNanos, long uiThreadNanos);
    }

    /** Where the updater reads rows again: the query service; a stub in unit tests, which need no database. */
    interface RowReader {
        ChangedRows changed(Collection<UUID> batchIds, Collection<UUID> riderIds);

        AllRows everything();
    }

    /** What the updater updates, on the UI thread: the console's view model; a recorder in unit tests. */
    interface Screen {
        void applyRemote(List<BatchRow> batches, List<RiderRow> riders, Collection<UUID> ordersChanged);

        void applyResync(AllRows all);

        void showLiveState(LiveState state);
    }

    public LiveUpdater(QueryService queries, ConsoleViewModel model, UiExecutor ui) {
        this(new RowReader() {
            @Override
            public ChangedRows changed(Collection<UUID> batchIds, Collection<UUID> riderIds) {
                return queries.changed(batchIds, riderIds);
            }

            @Override
            public AllRows everything() {
                return queries.everything();
            }
        }, new Screen() {
            @Override
            public void applyRemote(List<BatchRow> batches, List<RiderRow> riders, Collection<UUID> ordersChanged) {
                model.applyRemote(batches, riders, ordersChanged);
            }

            @Override
            public void applyResync(AllRows all) {
                model.applyResync(all);
            }

            @Override
            public void showLiveState(LiveState state) {
                model.applyLiveState(state);
            }
        }, ui);
    }

    LiveUpdater(RowReader queries, Screen model, UiExecutor ui) {
        this(queries, model, ui, CATCH_UP_BACKLOG);
    }

    LiveUpdater(RowReader queries, Screen model, UiExecutor ui, int catchUpBacklog) {
        this.queries = queries;
        this.model = model;
        this.ui = ui;
        this.catchUpBacklog = catchUpBacklog;
    }

    @Override
    public void onChanges(List<ChangeEvent> changes) {
        synchronized (lock) {
            long now = System.nanoTime();
            for (ChangeEvent event : changes) {
                events.incrementAndGet();
                switch (event.entity()) {
                    case BATCH -> {
                        if (!pendingBatches.add(event.id())) {
                            merged.incrementAndGet();
                        }
                        // A batch's rider (and the one it left) carry a different load now.
                        addIfPresent(pendingRiders, event.riderId());
                        addIfPresent(pendingRiders, event.previousRiderId());
                    }
                    case RIDER -> pendingRiders.add(event.id());
                    case ORDER -> addIfPresent(pendingDetails, event.batchId());
                    case LOCATION -> pendingLocations.putIfAbsent(event.id(), now);
                    default -> { }
                }
            }
            scheduleFlush(0);
        }
    }

    /**
     * Reads everything again with the identity of the database it came from, in one transaction, on the same
     * worker as the bursts: a burst read before it is applied before it, one read after it after it.
     */
    @Override
    public void onResync() {
        worker.execute(() -> {
            try {
                AllRows all = queries.everything();
                ui.onUiThread(() -> model.applyResync(all));
            } catch (RuntimeException e) {
                log.warn("Resync after reconnect failed: {}; retrying", e.getMessage());
                worker.schedule(this::onResync, 1, TimeUnit.SECONDS);
            }
        });
    }

    @Override
    public void onLiveState(LiveState state) {
        feedState = state;
        ui.onUiThread(() -> {
            // While catching up the header says so; the feed's state follows once the rows are on screen.
            if (!catchingUp || state.status() != LiveState.Status.LIVE) {
                model.showLiveState(state);
            }
        });
    }

    private void scheduleFlush(long extraDelayMs) {
        if (flushScheduled) {
            return;
        }
        flushScheduled = true;
        long sinceLast = (System.nanoTime() - lastFlushNanos) / 1_000_000;
        long delay = Math.max(extraDelayMs, Math.max(0, intervalMs - sinceLast));
        worker.schedule(this::flush, delay, TimeUnit.MILLISECONDS);
    }

    private void flush() {
        Set<UUID> batchIds;
        Set<UUID> riderIds;
        Set<UUID> detailIds;
        boolean catchUp;
        synchronized (lock) {
            flushScheduled = false;
            catchUp = catchUpDue || pendingBatches.size() + pendingRiders.size() > catchUpBacklog;
            catchUpDue = false;
            if (uiBusy.get() && !catchUp) {
                // The UI thread has not applied the last burst yet: let changes coalesce by id meanwhile.
                scheduleFlush(UI_BUSY_RETRY_MS);
                return;
            }
            lastFlushNanos = System.nanoTime();
            batchIds = pendingBatches;
            riderIds = pendingRiders;
            detailIds = pendingDetails;
            pendingBatches = new HashSet<>();
            pendingRiders = new HashSet<>();
            pendingDetails = new HashSet<>();
            takeDueLocations(riderIds);
            if (!pendingLocations.isEmpty()) {
                scheduleFlush(LOCATION_INTERVAL_MS / 4);
            }
        }
        if (catchUp) {
            catchUp(detailIds);
            return;
        }
        if (batchIds.isEmpty() && riderIds.isEmpty() && detailIds.isEmpty()) {
            return;
        }
        try {
            long readStart = System.nanoTime();
            ChangedRows rows = queries.changed(batchIds, riderIds);
            List<BatchRow> batches = rows.batches();
            List<RiderRow> riders = rows.riders();
            // Under load (a busy database, many consoles) re-reads slow down; widen the window so they coalesce
            // more instead of piling up: the interval follows twice the reads' running average (one slow read, a
            // checkpoint, must not triple the next window: at one console that was the whole of the p99), within
            // 25..500 ms.
            lastReadNanos = System.nanoTime() - readStart;
            readAverageMs = readAverageMs * 0.8 + lastReadNanos / 1e6 * 0.2;
            intervalMs = Math.max(MIN_BURST_INTERVAL_MS, Math.min(MAX_BURST_INTERVAL_MS, Math.round(readAverageMs * 2)));
            rowsRead.addAndGet(batches.size() + riders.size());
            bursts.incrementAndGet();
            uiBusy.set(true);
            ui.onUiThread(() -> {
                try {
                    long start = System.nanoTime();
                    long cpuStart = THREADS.getCurrentThreadCpuTime();
                    model.applyRemote(batches, riders, detailIds);
                    long end = System.nanoTime();
                    lastApplyCpuNanos = THREADS.getCurrentThreadCpuTime() - cpuStart;
                    appliedProbe.applied(batches, end, end - start);
                } finally {
                    uiBusy.set(false);
                }
            });
        } catch (RuntimeException e) {
            log.debug("Could not read changed rows ({}); will try again", e.getMessage());
            synchronized (lock) {
                pendingBatches.addAll(batchIds);
                pendingRiders.addAll(riderIds);
                pendingDetails.addAll(detailIds);
                scheduleFlush(1000);
            }
        }
    }

    /**
     * More rows wait than bursts can apply one by one (the UI thread or the database fell behind): the header says
     * "catching up", everything is read again in one transaction and put on screen in one pass (what a reconnect
     * does), and the header returns to the feed's state. Changes arriving meanwhile wait and follow as bursts.
     */
    private void catchUp(Set<UUID> detailIds) {
        catchingUp = true;
        catchUps.incrementAndGet();
        LiveState catching = LiveState.of(LiveState.Status.CATCHING_UP);
        ui.onUiThread(() -> model.showLiveState(catching));
        try {
            AllRows all = queries.everything();
            rowsRead.addAndGet(all.batches().size() + all.riders().size());
            uiBusy.set(true);
            ui.onUiThread(() -> {
                try {
                    long start = System.nanoTime();
                    model.applyResync(all);
                    if (!detailIds.isEmpty()) {
                        model.applyRemote(List.of(), List.of(), detailIds);
                    }
                    long end = System.nanoTime();
                    appliedProbe.applied(all.batches(), end, end - start);
                    catchingUp = false;
                    model.showLiveState(feedState);
                } finally {
                    uiBusy.set(false);
                }
            });
        } catch (RuntimeException e) {
            log.warn("Catching up failed: {}; trying again", e.getMessage());
            synchronized (lock) {
                pendingDetails.addAll(detailIds);
                catchUpDue = true;
                scheduleFlush(1000);
            }
        }
    }

    /** Moves riders whose position may be refreshed now (at most once a second each) into {@code riderIds}. */
    private void takeDueLocations(Set<UUID> riderIds) {
        long now = System.nanoTime();
        int taken = 0;
        for (Iterator<Map.Entry<UUID, Long>> it = pendingLocations.entrySet().iterator(); it.hasNext()
                && taken < MAX_LOCATIONS_PER_BURST; ) {
            UUID rider = it.next().getKey();
            Long last = locationAppliedAt.get(rider);
            if (riderIds.contains(rider) || last == null || now - last >= LOCATION_INTERVAL_MS * 1_000_000) {
                riderIds.add(rider);
                locationAppliedAt.put(rider, now);
                it.remove();
                taken++;
            }
        }
    }

    private static void addIfPresent(Set<UUID> set, UUID id) {
        if (id != null) {
            set.add(id);
        }
    }

    /** Called on the UI thread after each burst is applied; the notify benchmark times with it. */
    public void onApplied(AppliedProbe probe) {
        this.appliedProbe = probe;
    }

    public long eventsReceived() {
        return events.get();
    }

    public long rowsRead() {
        return rowsRead.get();
    }

    /** Batch events whose batch was already waiting in the same burst: one re-read served several changes. */
    public long mergedEvents() {
        return merged.get();
    }

    public long bursts() {
        return bursts.get();
    }

    /**
     * CPU time the UI thread spent on the last burst (its wall time less any time the machine ran something else);
     * read from the {@link AppliedProbe}. -1 where the JVM does not measure thread CPU time.
     */
    public long lastApplyCpuNanos() {
        return lastApplyCpuNanos;
    }

    /** How long the last burst's re-read took (off the UI thread); read from the {@link AppliedProbe}. */
    public long lastReadNanos() {
        return lastReadNanos;
    }

    /** The coalescing window now: 15 ms, wider while re-reads are slow. */
    public long burstIntervalMs() {
        return intervalMs;
    }

    /** How often the backlog passed {@link #CATCH_UP_BACKLOG} and everything was read again in one go. */
    public long catchUps() {
        return catchUps.get();
    }

    /** Distinct rows waiting to be read and applied now: what the catch-up threshold is about. */
    public int backlog() {
        synchronized (lock) {
            return pendingBatches.size() + pendingRiders.size();
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}

package com.dispatchconsole.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.AllRows;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.ChangedRows;
import com.dispatchconsole.domain.rows.DatabaseIdentity;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.realtime.ChangeEvent;
import com.dispatchconsole.realtime.LiveState;
import com.dispatchconsole.testing.Rows;
import com.dispatchconsole.testing.UnitTest;
import com.dispatchconsole.ui.common.SynchronousUiExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The live updater without a database: change events go in through its public API, rows come from an in-memory
 * "database", and what reaches the screen is recorded. Its worker thread re-reads in the background, so each
 * test waits (bounded) for the screen to receive a burst; nothing here depends on how fast that happens.
 */
@UnitTest
class LiveUpdaterTest {

    /** Generous: the first burst is due at once, a retry after a second. Only a broken updater waits this long. */
    private static final long WAIT_SECONDS = 10;

    private final Map<UUID, BatchRow> batchesInDatabase = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<UUID, RiderRow> ridersInDatabase = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Read> reads = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Applied> applied = new LinkedBlockingQueue<>();
    private final BlockingQueue<AllRows> resyncs = new LinkedBlockingQueue<>();
    private final List<LiveState> states = new CopyOnWriteArrayList<>();
    private volatile int readsToFail;

    private record Read(Set<UUID> batchIds, Set<UUID> riderIds) {
    }

    private record Applied(List<BatchRow> batches, List<RiderRow> riders, Set<UUID> ordersChanged) {
    }

    private final LiveUpdater.RowReader database = new LiveUpdater.RowReader() {
        @Override
        public ChangedRows changed(Collection<UUID> batchIds, Collection<UUID> riderIds) {
            reads.add(new Read(Set.copyOf(batchIds), Set.copyOf(riderIds)));
            if (readsToFail > 0) {
                readsToFail--;
                throw new IllegalStateException("the database went away for a moment");
            }
            return new ChangedRows(batchIds.stream().map(batchesInDatabase::get).filter(r -> r != null).toList(),
                    riderIds.stream().map(ridersInDatabase::get).filter(r -> r != null).toList());
        }

        @Override
        public AllRows everything() {
            return new AllRows(new DatabaseIdentity(7L, 16384L, "dispatch"), List.copyOf(batchesInDatabase.values()),
                    List.copyOf(ridersInDatabase.values()));
        }
    };

    private final LiveUpdater.Screen screen = new LiveUpdater.Screen() {
        @Override
        public void applyRemote(List<BatchRow> batches, List<RiderRow> riders, Collection<UUID> ordersChanged) {
            applied.add(new Applied(batches, riders, Set.copyOf(ordersChanged)));
        }

        @Override
        public void applyResync(AllRows all) {
            resyncs.add(all);
        }

        @Override
        public void showLiveState(LiveState state) {
            states.add(state);
        }
    };

    private final LiveUpdater live = new LiveUpdater(database, screen, new SynchronousUiExecutor());

    @AfterEach
    void close() {
        live.close();
    }

    private Applied nextBurst() throws InterruptedException {
        Applied burst = applied.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(burst).as("a burst reached the screen within " + WAIT_SECONDS + " s").isNotNull();
        return burst;
    }

    private BatchRow inDatabase(BatchRow row) {
        batchesInDatabase.put(row.id(), row);
        return row;
    }

    private RiderRow inDatabase(RiderRow row) {
        ridersInDatabase.put(row.id(), row);
        return row;
    }

    private static ChangeEvent batchEvent(UUID id, UUID rider, UUID previousRider, String status) {
        return new ChangeEvent(ChangeEvent.Entity.BATCH, id, 'U', null, rider, previousRider, null, status, 2, null, null,
                null, null, null, 0);
    }

    private static ChangeEvent event(ChangeEvent.Entity entity, UUID id, UUID batchId) {
        return new ChangeEvent(entity, id, 'U', null, null, null, batchId, null, 2, null, null, null, null, null, 0);
    }

    @Test
    void changesDeliveredTogetherAreReadOnceByIdAndAppliedInOneBurst() throws Exception {
        RiderRow ana = inDatabase(Rows.rider("Ana", 10, "20", 2));
        RiderRow ben = inDatabase(Rows.rider("Ben", 10, "20", 2));
        RiderRow cy = inDatabase(Rows.rider("Cy", 10, "20", 2));
        RiderRow dee = inDatabase(Rows.rider("Dee", 10, "20", 2));
        BatchRow reassigned = inDatabase(Rows.batch(BatchStatus.ASSIGNED, ben.id(), 2, "3"));
        UUID batchWithNewOutcome = UUID.randomUUID();

        live.onChanges(List.of(
                batchEvent(reassigned.id(), ana.id(), null, "ASSIGNED"),
                batchEvent(reassigned.id(), ben.id(), ana.id(), "ASSIGNED"),
                event(ChangeEvent.Entity.RIDER, cy.id(), null),
                event(ChangeEvent.Entity.ORDER, UUID.randomUUID(), batchWithNewOutcome),
                event(ChangeEvent.Entity.LOCATION, dee.id(), null),
                event(ChangeEvent.Entity.LOCATION, dee.id(), null)));

        Applied burst = nextBurst();
        assertThat(reads.get(0)).isEqualTo(new Read(Set.of(reassigned.id()),
                Set.of(ana.id(), ben.id(), cy.id(), dee.id())));
        assertThat(burst.batches()).containsExactly(reassigned);
        assertThat(burst.riders()).containsExactlyInAnyOrder(ana, ben, cy, dee);
        assertThat(burst.ordersChanged()).containsExactly(batchWithNewOutcome);
        assertThat(live.eventsReceived()).isEqualTo(6);
        assertThat(live.mergedEvents()).as("the second event of the same batch rode on the first").isEqualTo(1);
        assertThat(live.rowsRead()).isEqualTo(5);

        // The next delivery is read on its own: nothing of the first one was kept to be read again.
        BatchRow next = inDatabase(Rows.batch(1, "1"));
        live.onChanges(List.of(batchEvent(next.id(), null, null, "CREATED")));
        assertThat(nextBurst().batches()).containsExactly(next);
        assertThat(reads).hasSize(2);
        assertThat(reads.get(1)).isEqualTo(new Read(Set.of(next.id()), Set.of()));
    }

    @Test
    void theScreenShowsTheRowAsReadNotWhatTheNotificationClaims() throws Exception {
        BatchRow batch = inDatabase(Rows.batch(1, "1"));

        // Any login can NOTIFY on the channel; a forged payload names a status and a rider the row does not have.
        live.onChanges(List.of(batchEvent(batch.id(), null, null, "COMPLETED")));

        Applied burst = nextBurst();
        assertThat(burst.batches()).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(BatchStatus.CREATED);
            assertThat(row.riderId()).isNull();
        });

        live.onChanges(List.of(batchEvent(UUID.randomUUID(), null, null, "COMPLETED")));
        assertThat(nextBurst().batches()).as("a batch the database does not have shows nothing").isEmpty();
    }

    @Test
    void aStatusChangeIsReadInTheFirstBurstEvenBehindAFloodOfPositionReports() throws Exception {
        List<RiderRow> reporting = IntStream.range(0, 300)
                .mapToObj(i -> inDatabase(Rows.rider("Rider " + i, 10, "20", 2))).toList();
        RiderRow ana = inDatabase(Rows.rider("Ana", 10, "20", 2));
        BatchRow assigned = inDatabase(Rows.batch(BatchStatus.ASSIGNED, ana.id(), 1, "1"));
        List<ChangeEvent> events = new ArrayList<>();
        reporting.forEach(r -> events.add(event(ChangeEvent.Entity.LOCATION, r.id(), null)));
        events.add(batchEvent(assigned.id(), ana.id(), null, "ASSIGNED"));

        live.onChanges(events);

        Applied first = nextBurst();
        assertThat(first.batches()).containsExactly(assigned);
        assertThat(first.riders()).contains(ana)
                .as("positions are capped per burst").hasSize(LiveUpdater.MAX_LOCATIONS_PER_BURST + 1);
        Set<RiderRow> positionsShown = new HashSet<>(first.riders());
        while (positionsShown.size() < reporting.size() + 1) {
            positionsShown.addAll(nextBurst().riders());
        }
        assertThat(positionsShown).as("the rest follow in later bursts, each rider once")
                .containsExactlyInAnyOrderElementsOf(concat(reporting, ana));
        assertThat(live.rowsRead()).isEqualTo(1 + reporting.size() + 1);
    }

    @Test
    void aFailedReadIsTriedAgainWithTheSameRows() throws Exception {
        RiderRow ana = inDatabase(Rows.rider("Ana", 10, "20", 2));
        BatchRow batch = inDatabase(Rows.batch(BatchStatus.ASSIGNED, ana.id(), 1, "1"));
        readsToFail = 1;

        live.onChanges(List.of(batchEvent(batch.id(), ana.id(), null, "ASSIGNED")));

        Applied burst = nextBurst();
        assertThat(burst.batches()).containsExactly(batch);
        assertThat(burst.riders()).containsExactly(ana);
        assertThat(reads).hasSize(2);
        assertThat(reads.get(1)).as("the retry asks for what the failed read asked for").isEqualTo(reads.get(0));
    }

    @Test
    void aResyncReadsEverythingAndHandsItToTheScreenWhole() throws Exception {
        BatchRow batch = inDatabase(Rows.batch(1, "1"));
        RiderRow ana = inDatabase(Rows.rider("Ana", 10, "20", 2));

        live.onResync();

        AllRows all = resyncs.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(all).isNotNull();
        assertThat(all.batches()).containsExactly(batch);
        assertThat(all.riders()).containsExactly(ana);
        assertThat(all.identity().databaseName()).isEqualTo("dispatch");
        assertThat(reads).as("a resync is not a burst").isEmpty();
    }

    @Test
    void theFeedsStateReachesTheScreen() {
        LiveState offline = new LiveState(LiveState.Status.OFFLINE, Instant.parse("2026-11-27T12:00:00Z"));

        live.onLiveState(offline);

        assertThat(states).containsExactly(offline);
    }

    /** A UI thread that fell behind: updates wait, in order, until it is released, then run as they come. */
    private static final class BehindUi implements com.dispatchconsole.ui.common.UiExecutor {
        private final List<Runnable> waiting = new ArrayList<>();
        private boolean held = true;

        @Override
        public <T> void submit(java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> onSuccess,
                               java.util.function.Consumer<com.dispatchconsole.domain.DispatchException> onFailure) {
            throw new UnsupportedOperationException("the live updater submits nothing");
        }

        @Override
        public synchronized void onUiThread(Runnable update) {
            if (held) {
                waiting.add(update);
            } else {
                update.run();
            }
        }

        @Override
        public void schedule(java.time.Duration delay, Runnable update) {
            onUiThread(update);
        }

        synchronized void release() {
            held = false;
            waiting.forEach(Runnable::run);
            waiting.clear();
        }
    }

    @Test
    void aFloodFasterThanTheScreenAppliesIsCaughtUpInOneGoSaidInTheHeaderAndEndsEqualToTheDatabase()
            throws Exception {
        List<BatchRow> initial = IntStream.range(0, 3000).mapToObj(i -> inDatabase(Rows.batch(1, "1"))).toList();
        com.dispatchconsole.ui.common.RowStore<BatchRow> table =
                new com.dispatchconsole.ui.common.RowStore<>(BatchRow::id, BatchRow::version);
        table.replaceAll(initial);
        List<LiveState.Status> header = new CopyOnWriteArrayList<>();
        LiveUpdater.Screen console = new LiveUpdater.Screen() {
            @Override
            public void applyRemote(List<BatchRow> batches, List<RiderRow> riders, Collection<UUID> ordersChanged) {
                synchronized (table) {
                    table.upsert(batches);
                }
            }

            @Override
            public void applyResync(AllRows all) {
                synchronized (table) {
                    table.sync(all.batches());
                }
            }

            @Override
            public void showLiveState(LiveState state) {
                header.add(state.status());
            }
        };
        BehindUi ui = new BehindUi();
        int threshold = 100;
        try (LiveUpdater flooded = new LiveUpdater(database, console, ui, threshold)) {
            flooded.onLiveState(new LiveState(LiveState.Status.LIVE, Instant.now()));
            // Every batch changes, one notification each, while the UI thread applies nothing.
            for (BatchRow batch : initial) {
                BatchRow moved = inDatabase(Rows.changed(batch, BatchStatus.CANCELLED, null));
                flooded.onChanges(List.of(batchEvent(moved.id(), null, null, "CANCELLED")));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (flooded.catchUps() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(flooded.catchUps()).as("the backlog passed " + threshold + " rows").isPositive();

            ui.release();

            while (!(header.get(header.size() - 1) == LiveState.Status.LIVE && flooded.backlog() == 0
                    && tableEqualsDatabase(table)) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertThat(header).as("the header said it was catching up, then Live again")
                .containsSubsequence(LiveState.Status.CATCHING_UP, LiveState.Status.LIVE)
                .endsWith(LiveState.Status.LIVE);
        synchronized (table) {
            assertThat(table.rows()).as("the table ends equal to the database")
                    .containsExactlyInAnyOrderElementsOf(batchesInDatabase.values());
        }
    }

    private boolean tableEqualsDatabase(com.dispatchconsole.ui.common.RowStore<BatchRow> table) {
        synchronized (table) {
            return table.rows().size() == batchesInDatabase.size()
                    && batchesInDatabase.values().stream().allMatch(row -> row.equals(table.get(row.id())));
        }
    }

    private static <T> List<T> concat(List<T> list, T one) {
        List<T> all = new ArrayList<>(list);
        all.add(one);
        return all;
    }
}

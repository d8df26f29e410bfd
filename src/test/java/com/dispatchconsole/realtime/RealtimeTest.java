package com.dispatchconsole.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.app.ConsoleSession;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.FreezingProxy;
import com.dispatchconsole.testing.SlowTest;
import com.dispatchconsole.ui.common.SerialUiExecutor;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import com.dispatchconsole.ui.console.ConsoleViewModel;
import com.dispatchconsole.ui.console.LiveUpdater;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two consoles on one real database: what one changes (or another system changes with plain SQL) appears in the
 * other's table model, through LISTEN/NOTIFY, and survives a killed or hung listener connection.
 */
@SlowTest
class RealtimeTest {

    private DatabaseConfig config;
    private Database writerDb;
    private Database readerDb;
    private DispatchServices writer;
    private Fixtures given;
    private Sql sql;
    private final List<AutoCloseable> closeLast = new ArrayList<>();

    @BeforeEach
    void open() {
        config = TestDatabases.fresh();
        writerDb = Database.open(config);
        readerDb = Database.open(config);
        writer = new DispatchServices(writerDb);
        given = new Fixtures(writer);
        sql = new Sql(writerDb.dataSource());
    }

    @AfterEach
    void close() throws Exception {
        for (int i = closeLast.size() - 1; i >= 0; i--) {
            closeLast.get(i).close();
        }
        readerDb.close();
        writerDb.close();
    }

    /** The second console: its own services, view model, live updater and feed. */
    private final class Console {
        final SerialUiExecutor ui = new SerialUiExecutor();
        final ConsoleViewModel model;
        final LiveUpdater live;
        final ChangeFeed feed;

        Console(FeedSettings settings, Set<UUID> scope) {
            ConsoleSession session = new ConsoleSession(new DispatchServices(readerDb), ui, settings, "reader", "db",
                    scope);
            model = session.model();
            live = session.live();
            feed = session.feed();
            closeLast.add(ui);
            closeLast.add(session);
            session.start();
            waitUntil(() -> feed.state().status() == LiveState.Status.LIVE, Duration.ofSeconds(10));
        }

        <T> T read(Function<ConsoleViewModel, T> query) {
            return ui.read(() -> query.apply(model));
        }

        BatchRow batch(UUID id) {
            return read(m -> m.rows().allBatches().stream().filter(b -> b.id().equals(id)).findFirst().orElse(null));
        }

        RiderRow rider(UUID id) {
            return read(m -> m.rows().riders().stream().filter(r -> r.id().equals(id)).findFirst().orElse(null));
        }

        /** The model holds exactly what the database holds, row for row. */
        boolean equalsDatabase() {
            DispatchServices fresh = new DispatchServices(writerDb);
            Map<UUID, BatchRow> dbBatches = byId(fresh.queries().batches(), BatchRow::id);
            Map<UUID, RiderRow> dbRiders = byId(fresh.queries().riders(), RiderRow::id);
            return read(m -> byId(m.rows().allBatches(), BatchRow::id).equals(dbBatches)
                    && byId(m.rows().riders(), RiderRow::id).equals(dbRiders));
        }
    }

    private Console console() {
        return new Console(FeedSettings.of(config.url(), config.user(), config.password()), Set.of());
    }

    @Test
    void forgedNotificationsFromAnyLoginNeverMakeAScreenShowWhatIsNotInTheDatabase() throws Exception {
        RiderRow ana = given.rider("Ana", 10, "20", 1);
        BatchRow batch = given.batch(1, "1");
        BatchRow later = given.batch(1, "1");
        Console other = console();
        waitUntil(() -> other.batch(later.id()) != null, Duration.ofSeconds(5));

        // NOTIFY has no privilege check in PostgreSQL: any login can send one on the consoles' channel.
        var forger = com.dispatchconsole.testing.Logins.create(config, "dispatch_dispatcher");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(config.url(), forger.user(), forger.password());
             java.sql.Statement st = c.createStatement()) {
            st.execute("NOTIFY dispatch_changes, '{\"e\": \"batch\", \"id\": \"" + batch.id() + "\", \"op\": \"U\", "
                    + "\"status\": \"COMPLETED\", \"rider\": \"" + ana.id() + "\", \"v\": 99}'");
            st.execute("NOTIFY dispatch_changes, '{\"e\": \"batch\", \"id\": \"" + UUID.randomUUID() + "\", \"v\": 1}'");
            st.execute("NOTIFY dispatch_changes, 'not json at all'");
        }
        // A real change after the forged ones: once it shows, the forged ones were handled before it.
        writer.assignments().assign(later.id(), ana.id(), "olga");
        waitUntil(() -> other.batch(later.id()).status() == BatchStatus.ASSIGNED, Duration.ofSeconds(5));

        assertThat(other.batch(batch.id()).status()).as("the payload is a hint; the row is re-read")
                .isEqualTo(BatchStatus.CREATED);
        assertThat(other.batch(batch.id()).riderId()).isNull();
        int shown = other.read(m -> m.rows().allBatches().size());
        assertThat(shown).isEqualTo(2);
        assertThat(other.equalsDatabase()).isTrue();
    }

    @Test
    void anAssignmentInOneConsoleAppearsInTheOthersTables() {
        RiderRow ana = given.rider("Ana", 10, "20", 1);
        BatchRow batch = given.batch(3, "2");
        Console other = console();
        waitUntil(() -> other.batch(batch.id()) != null, Duration.ofSeconds(5));

        writer.assignments().assign(batch.id(), ana.id(), "olga");

        waitUntil(() -> other.batch(batch.id()).status() == BatchStatus.ASSIGNED, Duration.ofSeconds(5));
        assertThat(other.batch(batch.id()).riderName()).isEqualTo("Ana");
        waitUntil(() -> other.rider(ana.id()).load().orders() == 3, Duration.ofSeconds(5));
    }

    @Test
    void aChangeMadeWithPlainSqlByAnotherSystemAppearsToo() throws Exception {
        RiderRow ana = given.rider("Ana", 10, "20", 1);
        BatchRow batch = given.batch(1, "1");
        Console other = console();
        waitUntil(() -> other.batch(batch.id()) != null, Duration.ofSeconds(5));

        sql.execute("UPDATE delivery_riders SET max_capacity = 42 WHERE id = '" + ana.id() + "'");
        sql.transaction("SET LOCAL dispatch.reason = 'Outlet system: customer cancelled'",
                "UPDATE delivery_batches SET status = 'CANCELLED' WHERE id = '" + batch.id() + "'");

        waitUntil(() -> other.rider(ana.id()).limits().maxCapacity() == 42, Duration.ofSeconds(5));
        waitUntil(() -> other.batch(batch.id()).status() == BatchStatus.CANCELLED, Duration.ofSeconds(5));
    }

    @Test
    void aNewBatchAndARiderPositionArriveWithoutAReload() {
        RiderRow ana = given.rider("Ana", 10, "20", 1);
        Console other = console();
        waitUntil(() -> other.rider(ana.id()) != null, Duration.ofSeconds(5));

        BatchRow created = given.batch(2, "1");
        writer.fleet().reportPosition(ana.id(), 51.5007, -0.1246, 8f, Instant.now());

        waitUntil(() -> other.batch(created.id()) != null, Duration.ofSeconds(5));
        waitUntil(() -> other.rider(ana.id()).position() != null, Duration.ofSeconds(5));
        assertThat(other.rider(ana.id()).position().lat()).isEqualTo(51.5007);
    }

    @Test
    void fiveThousandChangesInABurstLeaveTheModelEqualToTheDatabase() throws Exception {
        List<RiderRow> riders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            riders.add(given.rider("Rider " + i, 100, "500", 100));
        }
        List<BatchRow> batches = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batches.add(given.batch(1, "1"));
        }
        Console other = console();
        waitUntil(() -> other.read(m -> m.rows().allBatches().size()) == 100, Duration.ofSeconds(5));

        // 5,000 committed changes as fast as two writers can go: assign and unassign round and round.
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int offset = w;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 1250; i++) {
                    BatchRow batch = batches.get(offset * 50 + i % 50);
                    writer.assignments().assign(batch.id(), riders.get(i % 20).id(), "burst");
                    writer.assignments().unassign(batch.id(), "burst", null);
                }
            });
            writers.add(thread);
            thread.start();
        }
        for (Thread thread : writers) {
            thread.join();
        }
        assertThat(sql.count("SELECT count(*) FROM batch_status_history WHERE actor = 'burst'")).isEqualTo(5000);

        waitUntil(other::equalsDatabase, Duration.ofSeconds(15));
        assertThat(other.live.eventsReceived()).isGreaterThanOrEqualTo(5000);
        // How many re-reads the burst took depends on the machine's speed: `bench notify` reports it. Coalescing
        // itself is checked without a clock in LiveUpdaterTest.
    }

    @Test
    void aKilledListenerReconnectsResyncsAndLosesNothing() throws Exception {
        RiderRow ana = given.rider("Ana", 100, "500", 100);
        List<BatchRow> batches = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            batches.add(given.batch(1, "1"));
        }
        Console other = console();
        waitUntil(() -> other.read(m -> m.rows().allBatches().size()) == 40, Duration.ofSeconds(5));
        int oldPid = other.feed.backendPid();

        Thread burst = new Thread(() -> {
            for (BatchRow batch : batches) {
                writer.assignments().assign(batch.id(), ana.id(), "burst");
            }
        });
        burst.start();
        Thread.sleep(30);
        sql.value("SELECT pg_terminate_backend(?)", oldPid);
        burst.join();

        waitUntil(() -> other.feed.reconnects() >= 1 && other.feed.state().status() == LiveState.Status.LIVE,
                Duration.ofSeconds(5));
        assertThat(other.feed.backendPid()).isNotEqualTo(oldPid);
        waitUntil(other::equalsDatabase, Duration.ofSeconds(10));
        assertThat(other.rider(ana.id()).load().activeBatches()).isEqualTo(40);
    }

    @Test
    void aHungServerIsNoticedAndTheConsoleCatchesUpAfterwards() throws Exception {
        int port = Integer.parseInt(config.url().replaceAll(".*:(\\d+)/.*", "$1"));
        FreezingProxy proxy = new FreezingProxy(port);
        closeLast.add(proxy);
        String proxied = config.url().replace(":" + port + "/", ":" + proxy.port() + "/");
        RiderRow ana = given.rider("Ana", 10, "20", 1);
        BatchRow batch = given.batch(1, "1");
        Console other = new Console(FeedSettings.of(proxied, config.user(), config.password()), Set.of());
        waitUntil(() -> other.batch(batch.id()) != null, Duration.ofSeconds(5));

        proxy.freeze();
        // A bounded wait, not a speed check: the feed's health check (FeedSettings) notices within seconds; a feed
        // that never noticed would wait here forever. How fast it notices belongs to a benchmark, not to this test.
        waitUntil(() -> other.feed.state().status() != LiveState.Status.LIVE, Duration.ofSeconds(15));
        assertThat(other.read(m -> m.status().liveStateProperty().get()).status())
                .isIn(LiveState.Status.RECONNECTING, LiveState.Status.OFFLINE);

        writer.assignments().assign(batch.id(), ana.id(), "while-away");
        proxy.thaw();

        waitUntil(() -> other.feed.state().status() == LiveState.Status.LIVE, Duration.ofSeconds(10));
        waitUntil(() -> other.batch(batch.id()).status() == BatchStatus.ASSIGNED, Duration.ofSeconds(10));
    }

    @Test
    void aScopedConsoleSkipsOtherOutletsWithoutAskingTheDatabase() {
        Fixtures elsewhere = new Fixtures(writer);
        BatchRow mine = given.batch(1, "1");
        Console scoped = new Console(FeedSettings.of(config.url(), config.user(), config.password())
                .withOutlets(Set.of(given.outletId())), Set.of(given.outletId()));
        waitUntil(() -> scoped.batch(mine.id()) != null, Duration.ofSeconds(5));
        Set<UUID> reRead = java.util.concurrent.ConcurrentHashMap.newKeySet();
        scoped.live.onApplied((batches, appliedAt, uiNanos) -> batches.forEach(b -> reRead.add(b.id())));

        BatchRow theirs = elsewhere.batch(1, "1");
        BatchRow alsoMine = given.batch(1, "1");

        waitUntil(() -> scoped.batch(alsoMine.id()) != null, Duration.ofSeconds(5));
        assertThat(scoped.batch(theirs.id())).isNull();
        assertThat(scoped.feed.skipped()).isGreaterThanOrEqualTo(1);
        assertThat(reRead).as("only this outlet's rows were re-read").containsExactly(alsoMine.id());
    }

    @Test
    void aStatusChangeAndAFloodOfPositionReportsAllReachTheOtherConsole() throws Exception {
        List<RiderRow> riders = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            riders.add(given.rider("Rider " + i, 10, "20", 1));
        }
        BatchRow batch = given.batch(1, "1");
        Console other = console();
        waitUntil(() -> other.batch(batch.id()) != null, Duration.ofSeconds(5));

        Thread telemetry = new Thread(() -> {
            for (int round = 0; round < 60; round++) {
                for (RiderRow rider : riders) {
                    writer.fleet().reportPosition(rider.id(), 51.5 + round * 1e-4, -0.12, 5f, Instant.now());
                }
            }
        });
        telemetry.start();
        Thread.sleep(200);
        writer.assignments().assign(batch.id(), riders.get(0).id(), "olga");
        waitUntil(() -> other.batch(batch.id()).status() == BatchStatus.ASSIGNED, Duration.ofSeconds(15));
        telemetry.join();

        // Every rider ends on their last report, however the throttle spread them. That a status change is not
        // queued behind telemetry (it is read in the first burst, positions are capped per burst) is checked
        // without a clock in LiveUpdaterTest; how many re-reads a flood costs depends on the machine's speed.
        waitUntil(other::equalsDatabase, Duration.ofSeconds(15));
        for (RiderRow rider : riders) {
            assertThat(other.rider(rider.id()).position().lat()).isEqualTo(51.5 + 59 * 1e-4);
        }
    }

    @Test
    void recordedOutcomesAndReviewsReachOpenPodWindowsInTheOtherConsole() {
        RiderRow ana = given.rider("Ana", 10, "20", 1);
        BatchRow batch = given.batch(1, "1");
        writer.assignments().assign(batch.id(), ana.id(), "olga");
        writer.assignments().transition(batch.id(), BatchStatus.PICKED, "olga", null);
        writer.assignments().transition(batch.id(), BatchStatus.OUT_FOR_DELIVERY, "olga", null);
        var line = writer.queries().orders(batch.id()).get(0);
        Console other = console();
        waitUntil(() -> other.batch(batch.id()) != null, Duration.ofSeconds(5));
        int before = other.read(m -> m.rows().podChangesProperty().get());

        writer.batches().recordOutcome(batch.id(), line.orderId(), com.dispatchconsole.domain.OrderOutcome.DELIVERED,
                null, "{\"notes\": \"ok\"}", "olga");
        waitUntil(() -> other.read(m -> m.rows().podChangesProperty().get()) > before, Duration.ofSeconds(5));
        int afterOutcome = other.read(m -> m.rows().podChangesProperty().get());

        try (var supervisor = com.dispatchconsole.persistence.Database.open(
                com.dispatchconsole.testing.Logins.create(config, "dispatch_supervisor"))) {
            new DispatchServices(supervisor).pods().review(line.id(), 1,
                    com.dispatchconsole.domain.rows.PodReview.Verdict.ACCEPTED, null);
        }
        waitUntil(() -> other.read(m -> m.rows().podChangesProperty().get()) > afterOutcome, Duration.ofSeconds(5));
    }

    private static <T> Map<UUID, T> byId(List<T> rows, Function<T, UUID> id) {
        Map<UUID, T> map = new HashMap<>();
        rows.forEach(r -> map.put(id.apply(r), r));
        return map;
    }

    private static void waitUntil(BooleanSupplier condition, Duration limit) {
        LiveConsole.waitUntil(condition, limit);
    }
}

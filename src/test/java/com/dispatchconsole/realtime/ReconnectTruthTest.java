package com.dispatchconsole.realtime;

import static com.dispatchconsole.realtime.LiveConsole.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.embedded.EmbeddedServer;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.DatabaseIdentity;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.FreezingProxy;
import com.dispatchconsole.testing.SlowTest;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import com.dispatchconsole.ui.console.LifecycleAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/**
 * After its feed was away, a console shows exactly what the database it reaches now holds: the same database
 * changed meanwhile (rows deleted or moved out of the console's outlets disappear), or another database (said on
 * screen, nothing of the old one kept). While the database cannot be reached, the banner is up and nothing can be
 * changed, without the dispatcher having to click first.
 */
@SlowTest
class ReconnectTruthTest {

    @Test
    void aPortThatAnotherClusterNowServesIsCalledADifferentDatabaseAndShownAlone() throws Exception {
        // Two fresh clusters, each with its first database "dispatch": same name, same oid. Only the cluster's
        // system identifier tells them apart, as with two embedded databases taking turns on one port.
        try (EmbeddedServer one = EmbeddedServer.start(Files.createTempDirectory("dispatch-cluster-one"), false, 0);
             EmbeddedServer other = EmbeddedServer.start(Files.createTempDirectory("dispatch-cluster-two"), false, 0);
             FreezingProxy port = new FreezingProxy(one.port())) {
            one.createDatabase("dispatch", null);
            other.createDatabase("dispatch", null);
            // Each embedded cluster has its own random superuser password; the impostor here knows the first one's
            // (a cluster restored from a backup of the same login would).
            try (Connection c = DriverManager.getConnection(other.jdbcUrl("postgres"), EmbeddedServer.SUPERUSER,
                    other.superuserPassword()); Statement st = c.createStatement()) {
                st.execute("ALTER ROLE postgres PASSWORD '" + one.superuserPassword() + "'");
            }
            DatabaseConfig first = DatabaseConfig.of(one.jdbcUrl("dispatch"), EmbeddedServer.SUPERUSER, one.superuserPassword());
            DatabaseConfig second = DatabaseConfig.of(other.jdbcUrl("dispatch"), EmbeddedServer.SUPERUSER, one.superuserPassword());
            DatabaseConfig viaPort = DatabaseConfig.of("jdbc:postgresql://localhost:" + port.port() + "/dispatch",
                    EmbeddedServer.SUPERUSER, one.superuserPassword());
            try (Database firstDb = Database.open(first);
                 Database secondDb = Database.open(second);
                 Database consoleDb = Database.open(viaPort)) {
                Fixtures inFirst = new Fixtures(new DispatchServices(firstDb));
                RiderRow oldRider = inFirst.rider("Ana", 10, "20", 1);
                BatchRow oldBatch = inFirst.batch(1, "1");
                Fixtures inSecond = new Fixtures(new DispatchServices(secondDb));
                RiderRow newRider = inSecond.rider("Zoe", 10, "20", 1);
                BatchRow newBatch = inSecond.batch(2, "1");
                BatchRow otherNewBatch = inSecond.batch(1, "3");
                DatabaseIdentity firstIdentity = new DispatchServices(firstDb).queries().identity();
                DatabaseIdentity secondIdentity = new DispatchServices(secondDb).queries().identity();
                assertThat(secondIdentity.databaseOid()).as("nothing but the cluster differs")
                        .isEqualTo(firstIdentity.databaseOid());
                assertThat(secondIdentity.systemIdentifier()).isNotEqualTo(firstIdentity.systemIdentifier());

                try (LiveConsole console = new LiveConsole(consoleDb,
                        FeedSettings.of(viaPort.url(), viaPort.user(), viaPort.password()), Set.of())) {
                    waitUntil(() -> console.batchIds().equals(Set.of(oldBatch.id())), Duration.ofSeconds(10));
                    AtomicBoolean mixed = new AtomicBoolean();
                    console.act(m -> m.rows().allBatches().addListener((ListChangeListener<BatchRow>) c -> {
                        Set<UUID> shown = m.rows().allBatches().stream().map(BatchRow::id).collect(java.util.stream.Collectors.toSet());
                        if (shown.contains(oldBatch.id()) && (shown.contains(newBatch.id()) || shown.contains(otherNewBatch.id()))) {
                            mixed.set(true);
                        }
                    }));

                    port.retarget(other.port());

                    waitUntil(() -> !console.read(m -> m.rows().databaseReplacedProperty().get()).isEmpty()
                            && console.batchIds().equals(Set.of(newBatch.id(), otherNewBatch.id()))
                            && console.riderIds().equals(Set.of(newRider.id())), Duration.ofSeconds(30));
                    assertThat(console.text(m -> m.rows().databaseReplacedProperty().get()))
                            .contains("different database")
                            .contains("cluster " + secondIdentity.systemIdentifier())
                            .contains("cluster " + firstIdentity.systemIdentifier());
                    assertThat(console.notices())
                            .anyMatch(t -> t.startsWith("A different database answers now"));
                    assertThat(mixed).as("never a union of both databases on screen").isFalse();
                    assertThat(console.riderIds()).doesNotContain(oldRider.id());
                    assertThat(console.text(m -> m.status().messageProperty().get())).doesNotContain("Back in sync");

                    // And it follows the new database live from now on.
                    BatchRow later = inSecond.batch(1, "1");
                    waitUntil(() -> console.batchIds().contains(later.id()), Duration.ofSeconds(10));
                }
            }
        }
    }

    @Test
    void aDatabaseDroppedAndRestoredUnderTheSameNameIsADifferentDatabaseToo() throws Exception {
        DatabaseConfig config = TestDatabases.fresh();
        String name = config.url().substring(config.url().lastIndexOf('/') + 1);
        EmbeddedServer server = TestDatabases.server();
        BatchRow before;
        DatabaseIdentity was;
        try (Database consoleDb = Database.open(config)) {
            DispatchServices services = new DispatchServices(consoleDb);
            before = new Fixtures(services).batch(1, "1");
            was = services.queries().identity();
            try (LiveConsole console = new LiveConsole(consoleDb,
                    FeedSettings.of(config.url(), config.user(), config.password()), Set.of())) {
                waitUntil(() -> console.batchIds().equals(Set.of(before.id())), Duration.ofSeconds(10));

                try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), EmbeddedServer.SUPERUSER, server.superuserPassword());
                     Statement st = c.createStatement()) {
                    st.execute("DROP DATABASE \"" + name + "\" WITH (FORCE)");
                    st.execute("CREATE DATABASE \"" + name + "\"");
                }
                try (Database restored = Database.open(config)) {
                    DispatchServices now = new DispatchServices(restored);
                    BatchRow after = new Fixtures(now).batch(1, "1");
                    DatabaseIdentity is = now.queries().identity();
                    assertThat(is.systemIdentifier()).as("same cluster").isEqualTo(was.systemIdentifier());
                    assertThat(is.databaseOid()).isNotEqualTo(was.databaseOid());

                    waitUntil(() -> !console.read(m -> m.rows().databaseReplacedProperty().get()).isEmpty()
                            && console.batchIds().equals(Set.of(after.id())), Duration.ofSeconds(30));
                    assertThat(console.text(m -> m.rows().databaseReplacedProperty().get())).contains("oid " + is.databaseOid());
                }
            }
        }
    }

    @Test
    void aResyncRemovesRowsDeletedOrMovedOutOfTheConsolesOutletsMeanwhile() throws Exception {
        DatabaseConfig config = TestDatabases.fresh();
        try (Database db = Database.open(config)) {
            DispatchServices services = new DispatchServices(db);
            Fixtures mine = new Fixtures(services);
            Fixtures elsewhere = new Fixtures(services);
            Sql sql = new Sql(db.dataSource());
            RiderRow stays = mine.rider("Ana", 10, "20", 1);
            RiderRow movesAway = mine.rider("Bo", 10, "20", 1);
            RiderRow deletedRider = mine.rider("Cy", 10, "20", 1);
            BatchRow kept = mine.batch(1, "1");
            BatchRow deleted = mine.batch(1, "1");
            BatchRow moved = mine.batch(1, "1");
            BatchRow cancelled = mine.batch(1, "1");
            FeedSettings settings = FeedSettings.of(config.url(), config.user(), config.password());
            try (LiveConsole scoped = new LiveConsole(db, settings.withOutlets(Set.of(mine.outletId())), Set.of(mine.outletId()));
                 LiveConsole all = new LiveConsole(db, settings, Set.of())) {
                waitUntil(() -> scoped.batchIds().size() == 4 && scoped.riderIds().size() == 3
                        && all.batchIds().size() == 4, Duration.ofSeconds(10));

                // What a console that was away never heard: with triggers off no notification is sent either, and
                // the guards that refuse deleting batches and riders stand aside (a throwaway database).
                sql.transaction("SET LOCAL session_replication_role = replica",
                        "DELETE FROM delivery_batches WHERE id = '" + deleted.id() + "'",
                        "DELETE FROM delivery_riders WHERE id = '" + deletedRider.id() + "'",
                        "UPDATE delivery_batches SET outlet_id = '" + elsewhere.outletId() + "' WHERE id = '" + moved.id() + "'",
                        "UPDATE delivery_riders SET home_outlet_id = '" + elsewhere.outletId() + "' WHERE id = '"
                                + movesAway.id() + "'",
                        "UPDATE delivery_batches SET status = 'CANCELLED', version = version + 1 WHERE id = '"
                                + cancelled.id() + "'");
                long reconnectsBefore = scoped.feed.reconnects() + all.feed.reconnects();
                sql.value("SELECT pg_terminate_backend(?)", scoped.feed.backendPid());
                sql.value("SELECT pg_terminate_backend(?)", all.feed.backendPid());
                waitUntil(() -> scoped.feed.reconnects() + all.feed.reconnects() >= reconnectsBefore + 2,
                        Duration.ofSeconds(10));

                waitUntil(() -> scoped.batchIds().equals(Set.of(kept.id(), cancelled.id()))
                        && scoped.riderIds().equals(Set.of(stays.id())), Duration.ofSeconds(10));
                waitUntil(() -> all.batchIds().equals(Set.of(kept.id(), moved.id(), cancelled.id()))
                        && !all.riderIds().contains(deletedRider.id()), Duration.ofSeconds(10));
                assertThat(scoped.batch(cancelled.id()).status()).isEqualTo(BatchStatus.CANCELLED);
                assertThat(scoped.text(m -> m.rows().statusCountsProperty().get()))
                        .as("the counts follow the removals").contains("Created 1").contains("Cancelled 1");
                assertThat(scoped.text(m -> m.rows().databaseReplacedProperty().get())).as("the same database").isEmpty();
            }
        }
    }

    @Test
    void offlineRaisesTheBannerAtOnceAndRefusesChangesUntilTheDatabaseIsBack() throws Exception {
        Path dir = Files.createTempDirectory("dispatch-offline");
        EmbeddedServer server = EmbeddedServer.start(dir, true, 0);
        int serverPort = server.port();
        server.createDatabase("offline", null);
        DatabaseConfig config = DatabaseConfig.of(server.jdbcUrl("offline"), EmbeddedServer.SUPERUSER, server.superuserPassword());
        try (Database db = Database.open(config)) {
            DispatchServices services = new DispatchServices(db);
            Fixtures given = new Fixtures(services);
            RiderRow ana = given.rider("Ana", 10, "20", 2);
            RiderRow bo = given.rider("Bo", 10, "20", 2);
            BatchRow assigned = given.batch(1, "1");
            BatchRow created = given.batch(1, "1");
            services.assignments().assign(assigned.id(), ana.id(), "t");
            FeedSettings quick = FeedSettings.of(config.url(), config.user(), config.password())
                    .withTimings(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1));
            try (LiveConsole console = new LiveConsole(db, quick, Set.of())) {
                waitUntil(() -> console.batchIds().size() == 2 && console.riderIds().size() == 2, Duration.ofSeconds(10));
                console.act(m -> {
                    m.selection().select(m.rows().batches(List.of(assigned.id())));
                    m.selection().selectRider(m.rows().rider(bo.id()));
                });
                assertThat(console.allowedActions()).contains(LifecycleAction.PICK);
                // The detail pane reads the selected batch's orders; let that finish, so no call of ours fails.
                waitUntil(() -> console.is(m -> !m.selection().detail().orders().isEmpty()), Duration.ofSeconds(10));

                server.close();
                // Nobody clicks anything: the feed alone must raise the banner and take the actions away.
                waitUntil(() -> console.read(m -> m.status().databaseDownProperty().get()), Duration.ofSeconds(30));
                assertThat(console.feed.state().status()).isEqualTo(LiveState.Status.OFFLINE);
                assertThat(console.text(m -> m.status().bannerProperty().get())).startsWith("Offline since")
                        .contains("nothing can be changed until it is back");
                assertThat(console.allowedActions()).isEmpty();
                assertThat(console.is(m -> m.status().canChangeProperty().get())).isFalse();
                assertThat(console.is(m -> m.selection().canAssignSelectionToSelectedRider())).isFalse();
                assertThat(console.is(m -> m.commands().hint(List.of(created.id()), bo.id()).fits())).isFalse();
                console.act(m -> {
                    m.commands().dropOnRider(m.rows().see(List.of(created.id())), bo.id(), null);
                    m.commands().perform(LifecycleAction.PICK, m.selection().seeSelection(), null);
                });
                assertThat(console.<Integer>read(m -> m.status().runningProperty().get())).as("no call was even tried").isZero();
                assertThat(console.notices())
                        .contains("The database cannot be reached: nothing can be changed until it is back.");

                server = EmbeddedServer.start(dir, true, serverPort);
                waitUntil(() -> !console.read(m -> m.status().databaseDownProperty().get())
                        && console.feed.state().status() == LiveState.Status.LIVE, Duration.ofSeconds(30));
                assertThat(console.is(m -> m.status().canChangeProperty().get())).isTrue();
                assertThat(console.allowedActions()).contains(LifecycleAction.PICK);
                assertThat(console.text(m -> m.rows().databaseReplacedProperty().get()))
                        .as("a restarted server is the same database").isEmpty();
                waitUntil(() -> "Back in sync with the database.".equals(console.read(m -> m.status().messageProperty().get())),
                        Duration.ofSeconds(10));

                console.act(m -> m.commands().perform(LifecycleAction.PICK, m.selection().seeSelection(), null));
                Sql sql = new Sql(db.dataSource());
                waitUntil(() -> "PICKED".equals(sql.value("SELECT status FROM delivery_batches WHERE id = ?", assigned.id())),
                        Duration.ofSeconds(10));
            }
        } finally {
            server.close();
        }
    }

    private static int port(DatabaseConfig config) {
        return Integer.parseInt(config.url().replaceAll(".*:(\\d+)/.*", "$1"));
    }
}

package com.dispatchconsole.service;

import static com.dispatchconsole.testing.Fixtures.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.embedded.EmbeddedServer;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.persistence.IsolationLevel;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The locks, timeouts and isolation rules that the capacity guarantee rests on, observed on the wire. */
@DatabaseTest
class LockingTest {

    @Test
    void assignSendsARowLockOnThePlainRiderSelect() {
        List<String> sent = new ArrayList<>();
        try (Database db = Database.open(TestDatabases.fresh(), s -> { synchronized (sent) { sent.add(s); } })) {
            DispatchServices services = new DispatchServices(db);
            Fixtures given = new Fixtures(services);
            RiderRow rider = given.rider("Ana", 10, "20", 1);
            BatchRow batch = given.batch(1, "1");
            sent.clear();

            services.assignments().assign(batch.id(), rider.id(), ACTOR);

            // Plain JDBC since issue 15 (UnitOfWork.change); the database is opened with a listener, so it sees these too.
            String riderSelect = sent.stream().filter(LockingTest::locksRiders).findFirst().orElseThrow();
            assertThat(riderSelect.toLowerCase()).containsPattern("for no key update$").doesNotContain(" join ");
            assertThat(sent.indexOf(riderSelect))
                    .as("the rider is locked before the batch")
                    .isLessThan(indexOf(sent, "from delivery_batches where id = ? for no key update"));
        }
    }

    @Test
    void reassignLocksBothRidersInOneStatementOrderedById() {
        List<String> sent = new ArrayList<>();
        try (Database db = Database.open(TestDatabases.fresh(), s -> { synchronized (sent) { sent.add(s); } })) {
            DispatchServices services = new DispatchServices(db);
            Fixtures given = new Fixtures(services);
            RiderRow a = given.rider("Ana", 10, "20", 1);
            RiderRow b = given.rider("Ben", 10, "20", 1);
            BatchRow batch = given.batch(1, "1");
            services.assignments().assign(batch.id(), a.id(), ACTOR);
            sent.clear();

            services.assignments().reassign(batch.id(), b.id(), ACTOR, "swap");

            assertThat(sent).filteredOn(LockingTest::locksRiders).singleElement()
                    .satisfies(s -> assertThat(s.toLowerCase())
                            .containsPattern("where id = any \\(\\?\\) order by id for no key update$"));
        }
    }

    @Test
    void assignGivesRiderBusyWhenAnotherTransactionHoldsTheRiderTooLong() throws Exception {
        DatabaseConfig config = TestDatabases.fresh().withLockTimeout(Duration.ofMillis(300), Duration.ofSeconds(3));
        try (Database db = Database.open(config)) {
            DispatchServices services = new DispatchServices(db);
            Fixtures given = new Fixtures(services);
            RiderRow rider = given.rider("Ana", 10, "20", 1);
            BatchRow batch = given.batch(1, "1");
            try (Connection other = db.dataSource().getConnection();
                 PreparedStatement hold = other.prepareStatement("SELECT 1 FROM delivery_riders WHERE id = ? FOR UPDATE")) {
                hold.setObject(1, rider.id());
                hold.execute();

                // RIDER_BUSY, not DATABASE_TIMEOUT: the 300 ms lock timeout ended the wait, not the 3 s statement one.
                assertThatThrownBy(() -> services.assignments().assign(batch.id(), rider.id(), ACTOR))
                        .isInstanceOfSatisfying(DispatchException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.RIDER_BUSY))
                        .hasMessageContaining("300 ms");
                other.rollback();
            }
            assertThat(services.queries().batch(batch.id()).status()).isEqualTo(BatchStatus.CREATED);
            assertThat(services.assignments().assign(batch.id(), rider.id(), ACTOR).status())
                    .as("once the other console lets go, the same call succeeds").isEqualTo(BatchStatus.ASSIGNED);
        }
    }

    @Test
    void anUnassignLocksItsRiderInItsFirstReadAndARefusedMoveTakesNoLockAtAll() throws Exception {
        DatabaseConfig config = TestDatabases.fresh().withLockTimeout(Duration.ofMillis(300), Duration.ofSeconds(3));
        List<String> sent = new ArrayList<>();
        try (Database db = Database.open(config, s -> { synchronized (sent) { sent.add(s); } })) {
            DispatchServices services = new DispatchServices(db);
            Fixtures given = new Fixtures(services);
            RiderRow rider = given.rider("Ana", 10, "20", 1);
            BatchRow batch = given.batch(1, "1");
            long assignedVersion = services.assignments().assign(batch.id(), rider.id(), ACTOR).version();
            try (Connection other = db.dataSource().getConnection();
                 PreparedStatement hold = other.prepareStatement(
                         "SELECT 1 FROM delivery_riders WHERE id = ? FOR NO KEY UPDATE")) {
                hold.setObject(1, rider.id());
                hold.execute();

                // A move that can be made waits for the rider another console holds (and gives up as RIDER_BUSY)...
                assertThatThrownBy(() -> services.assignments().transition(batch.id(), BatchStatus.CREATED, ACTOR, null))
                        .isInstanceOfSatisfying(DispatchException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.RIDER_BUSY));
                // ...one refused is refused for what it is, without waiting for that lock.
                assertThatThrownBy(() -> services.assignments().transition(batch.id(), BatchStatus.CREATED,
                        com.dispatchconsole.domain.Expected.version(assignedVersion - 1), ACTOR, null))
                        .isInstanceOfSatisfying(DispatchException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_CHANGED));
                assertThatThrownBy(() -> services.assignments().transition(batch.id(), BatchStatus.COMPLETED, ACTOR, null))
                        .isInstanceOfSatisfying(DispatchException.class,
                                e -> assertThat(e.code()).isNotEqualTo(ErrorCode.RIDER_BUSY));
                other.rollback();
            }
            sent.clear();
            assertThat(services.assignments().transition(batch.id(), BatchStatus.CREATED, ACTOR, null).status())
                    .isEqualTo(BatchStatus.CREATED);
            // The batch is read and its rider locked in one statement, before the batch's own lock.
            String first = sent.stream().map(String::toLowerCase).filter(s -> s.contains("from delivery_batches"))
                    .findFirst().orElseThrow();
            assertThat(first).contains("join lateral").contains("from delivery_riders").contains("for no key update");
        }
    }

    @Test
    void startupRefusesAPoolThatWouldNotRunAtReadCommitted() {
        DatabaseConfig repeatable = TestDatabases.fresh().withIsolation(IsolationLevel.REPEATABLE_READ);
        assertThatThrownBy(() -> Database.open(repeatable))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("requires 'read committed'");
    }

    @Test
    void isolationIsPinnedEvenWhenTheDatabaseDefaultsToRepeatableRead() throws Exception {
        DatabaseConfig config = TestDatabases.fresh();
        String database = config.url().substring(config.url().lastIndexOf('/') + 1);
        try (Database admin = Database.open(config)) {
            new Sql(admin.dataSource()).execute(
                    "ALTER DATABASE " + database + " SET default_transaction_isolation = 'repeatable read'");
        }
        try (Database db = Database.open(config)) {
            String level = new DispatchServices(db).unitOfWork().read(c -> {
                try (var rs = c.createStatement().executeQuery("SHOW transaction_isolation")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(level).isEqualTo("read committed");
        }
    }

    @Test
    // A bound on the wait, not a speed check: a hang fails here instead of holding up the build.
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aDatabaseThatGoesDownGivesDatabaseUnavailableNotAHang() throws Exception {
        EmbeddedServer server = EmbeddedServer.start(Files.createTempDirectory("dispatch-down"), false, 0);
        server.createDatabase("down", null);
        try (Database db = Database.open(DatabaseConfig.of(server.jdbcUrl("down"), EmbeddedServer.SUPERUSER, server.superuserPassword()))) {
            DispatchServices services = new DispatchServices(db);
            RiderRow rider = new Fixtures(services).rider("Ana", 10, "20", 1);
            server.close();

            assertThatThrownBy(() -> services.queries().riders())
                    .isInstanceOfSatisfying(DispatchException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE))
                    .hasMessageContaining("cannot be reached");
            assertThatThrownBy(() -> services.fleet().setAvailability(rider.id(),
                    com.dispatchconsole.domain.Availability.ON_BREAK, ACTOR))
                    .isInstanceOfSatisfying(DispatchException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE));
        }
    }

    private static int indexOf(List<String> sent, String part) {
        for (int i = 0; i < sent.size(); i++) {
            if (sent.get(i).toLowerCase().contains(part)) {
                return i;
            }
        }
        throw new AssertionError("not sent: " + part + " in " + sent);
    }

    /** A statement that locks rider rows (the read-back after a move also names the rider, without a lock). */
    private static boolean locksRiders(String sql) {
        String s = sql.toLowerCase();
        return s.contains("from delivery_riders") && s.contains("for no key update");
    }
}

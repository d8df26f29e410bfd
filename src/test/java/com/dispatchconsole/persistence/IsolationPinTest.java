package com.dispatchconsole.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Logins;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Isolation drift: any login may change its own default isolation ({@code ALTER ROLE me SET …}) and a database
 * owner the database's. Connections a running pool opens later (after maxLifetime, a restart, a network blip)
 * must still run at READ COMMITTED, or concurrent assigns overbook riders.
 */
@DatabaseTest
class IsolationPinTest {

    private static String show(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW transaction_isolation")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void defaultsChangedUnderARunningPoolNeverReachItsConnectionsAndNoRiderIsOverbooked() throws Exception {
        DatabaseConfig owner = TestDatabases.fresh();
        DatabaseConfig login = Logins.create(owner, "dispatch_dispatcher");
        try (Database ownerDb = Database.open(owner); Database pool = Database.open(login.withPoolSize(8))) {
            Fixtures given = new Fixtures(new DispatchServices(ownerDb));
            Sql sql = new Sql(ownerDb.dataSource());
            RiderRow ana = given.rider("Ana", 100, "100", 3);
            List<BatchRow> batches = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                batches.add(given.batch(1, "1"));
            }

            // The drift, as the login itself and as the database owner could cause it.
            try (Connection self = DriverManager.getConnection(owner.url(), login.user(), login.password());
                 Statement st = self.createStatement()) {
                st.execute("ALTER ROLE " + login.user() + " SET default_transaction_isolation = 'repeatable read'");
            }
            sql.execute("ALTER DATABASE \"" + sql.value("SELECT current_database()")
                    + "\" SET default_transaction_isolation = 'repeatable read'");
            try (Connection unpinned = DriverManager.getConnection(owner.url(), login.user(), login.password())) {
                assertThat(show(unpinned)).as("the drift is real for a connection that does not pin").isEqualTo(
                        "repeatable read");
            }

            // The pool renews every connection, as after maxLifetime or a restart of the server.
            ((HikariDataSource) pool.dataSource()).getHikariPoolMXBean().softEvictConnections();
            List<Connection> renewed = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    renewed.add(pool.dataSource().getConnection());
                }
                for (Connection c : renewed) {
                    assertThat(show(c)).isEqualTo("read committed");
                }
            } finally {
                for (Connection c : renewed) {
                    c.close();
                }
            }

            DispatchServices services = new DispatchServices(pool);
            CyclicBarrier start = new CyclicBarrier(batches.size());
            List<CompletableFuture<Boolean>> assigns = new ArrayList<>();
            for (BatchRow batch : batches) {
                assigns.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await(10, TimeUnit.SECONDS);
                        services.assignments().assign(batch.id(), ana.id(), "olga");
                        return true;
                    } catch (DispatchException refused) {
                        return false;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            long assigned = 0;
            for (CompletableFuture<Boolean> assign : assigns) {
                assigned += assign.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(assigned).isEqualTo(3);
            assertThat(sql.count("SELECT count(*) FROM delivery_batches WHERE rider_id = ? AND status = 'ASSIGNED'",
                    ana.id())).isEqualTo(3);
        }
    }

    @Test
    void theStartupOptionsPinTheIsolationTheConfigAsksFor() {
        DatabaseConfig config = DatabaseConfig.of("jdbc:postgresql://localhost/x", "u", null);
        assertThat(Database.startupOptions(config))
                .contains("-c default_transaction_isolation=read\\ committed");
    }
}

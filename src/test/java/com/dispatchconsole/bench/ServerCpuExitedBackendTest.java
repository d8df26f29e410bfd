package com.dispatchconsole.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Adversary review of issue 15's server CPU figure: a backend that worked before a measurement began and exits
 * during it (a pgbench client after its run, an autovacuum worker, a pool's retired connection) must not take its
 * earlier CPU out of the next path's figure. The server's CPU time never goes backwards.
 */
@DatabaseTest
class ServerCpuExitedBackendTest {

    @Test
    void aBusyBackendThatExitsDoesNotTakeItsCpuOutOfTheNextMeasurement() throws Exception {
        DatabaseConfig config = TestDatabases.fresh();
        try (Database db = Database.open(config)) {
            ServerCpu cpu = ServerCpu.of(db.dataSource());
            assertThat(cpu).isNotNull();
            try (Connection busy = DriverManager.getConnection(config.url(), config.user(), config.password());
                 Statement s = busy.createStatement()) {
                long pid;
                try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid(), "
                        + "(SELECT count(DISTINCT md5(x::text)) FROM generate_series(1, 300000) x)")) {
                    rs.next();
                    pid = rs.getLong(1);
                }
                cpu.millis(); // a measurement begins while the busy backend is still there (as in bench assign)
                double before = cpu.millis();
                busy.close(); // the backend exits during the measurement
                waitUntilGone(pid);
                assertThat(cpu.millis() - before).as("server CPU during a measurement in which nothing ran")
                        .isGreaterThanOrEqualTo(0);
            }
        }
    }

    /** Waits (no timing asserted) until the backend's process is gone from /proc. */
    private static void waitUntilGone(long pid) throws InterruptedException {
        java.nio.file.Path proc = java.nio.file.Path.of("/proc", Long.toString(pid));
        for (int i = 0; i < 1000 && java.nio.file.Files.exists(proc); i++) {
            Thread.sleep(10);
        }
        assertThat(proc).as("the backend exited").doesNotExist();
    }
}

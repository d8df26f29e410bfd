package com.dispatchconsole.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * bench assign's server CPU figure counts the work of the server's backends: a query that keeps one backend busy
 * shows up in it. (The tests run on Linux, as the benchmark does; off Linux {@link ServerCpu#of} is null.)
 */
@DatabaseTest
class ServerCpuTest {

    @Test
    void aBusyBackendShowsInTheServersCpuTime() throws Exception {
        try (Database db = Database.open(TestDatabases.fresh())) {
            ServerCpu cpu = ServerCpu.of(db.dataSource());
            assertThat(cpu).as("the embedded server runs on this machine").isNotNull();
            double before = cpu.millis();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(
                         "SELECT count(DISTINCT md5(x::text)) FROM generate_series(1, 300000) x")) {
                rs.next();
            }
            // At least a few of Linux's 10 ms ticks: the query hashes and sorts 300,000 strings on the server.
            assertThat(cpu.millis() - before).isGreaterThanOrEqualTo(30);
        }
    }
}

package com.dispatchconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.testing.SlowTest;
import com.dispatchconsole.testing.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * {@code bench gateway} as an operator runs it, small: real Socket.IO clients with real tokens on a gateway signed in
 * as a dispatch_gateway login, changes committed through the services, then HTTP assign/unassign. What it must
 * show: every client heard every change meant for it, nothing lost or dropped, a JSON summary last, exit code 0, and
 * no login or valid token left behind in the database. How fast is the benchmark's business, not this test's.
 */
@SlowTest
class GatewayBenchCommandTest {

    @Test
    void aSmallRunHearsEveryChangeOnEveryClientAndLeavesNoLoginOrTokenBehind() throws Exception {
        DatabaseConfig config = TestDatabases.fresh();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = Main.commandLine().execute("bench", "gateway", "--db-url", config.url(), "--db-user", config.user(),
                    "--db-password", config.password(), "--clients", "20", "--rate", "20", "--seconds", "3",
                    "--warm-up", "1", "--http-clients", "2", "--http-seconds", "1");
        } finally {
            System.setOut(original);
        }

        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        JsonNode summary = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(exit).isZero();
        assertThat(summary.get("clients").asInt()).isEqualTo(20);
        assertThat(summary.get("clientsConnected").asInt()).isEqualTo(20);
        // 8 rider apps, 2 systems of the one outlet, 10 tracking pages: every change of a batch reaches its tracking
        // page, its rider's app and both outlet systems.
        assertThat(summary.get("riderClients").asInt()).isEqualTo(8);
        assertThat(summary.get("outletClients").asInt()).isEqualTo(2);
        assertThat(summary.get("trackingClients").asInt()).isEqualTo(10);
        long commits = summary.get("commits").asLong();
        assertThat(commits).isGreaterThanOrEqualTo(10);
        assertThat(summary.get("events").asLong()).isEqualTo(4 * commits);
        assertThat(summary.get("received").asLong()).isEqualTo(4 * commits);
        assertThat(summary.get("lost").asLong()).isZero();
        assertThat(summary.get("dropped").asLong()).isZero();
        assertThat(summary.get("failedCommits").asLong()).isZero();
        assertThat(summary.get("clientsExpectingEvents").asInt()).as("every client was sent changes").isEqualTo(20);
        assertThat(summary.get("clientsShort").asInt()).as("no client missed one").isZero();
        assertThat(summary.get("p99Ms").asDouble()).isGreaterThanOrEqualTo(summary.get("p50Ms").asDouble());
        assertThat(summary.get("maxMs").asDouble()).isGreaterThanOrEqualTo(summary.get("p99Ms").asDouble());
        assertThat(summary.get("durable").isBoolean()).isTrue();

        JsonNode http = summary.get("http");
        assertThat(http.get("clients").asInt()).isEqualTo(2);
        assertThat(http.get("requests").asLong()).isPositive();
        assertThat(http.get("errors").asLong()).isZero();
        assertThat(http.get("perSecond").asDouble()).isPositive();

        try (Connection c = DriverManager.getConnection(config.url(), config.user(), config.password());
             Statement st = c.createStatement()) {
            assertThat(count(st, "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'bench_gateway_%'"))
                    .as("the temporary gateway login is dropped").isZero();
            assertThat(count(st, "SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL"))
                    .as("every token the run issued is revoked").isZero();
            assertThat(count(st, "SELECT count(*) FROM api_tokens")).isEqualTo(21);
        }
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

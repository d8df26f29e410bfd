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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bench scale} and {@code bench positions} at a tiny size: they run, print one JSON line last with the
 * figures docs/performance.md quotes, every listening console heard every change, and the triggers the runs turn off
 * for a while are on again afterwards (live updates would otherwise stop). How fast is the benchmarks' business.
 */
@SlowTest
class BenchScaleCommandsTest {

    @Test
    void scaleReportsEveryConsoleStepAndTheNotifyCostAndLeavesTheTriggersOn() throws Exception {
        DatabaseConfig config = TestDatabases.fresh();
        JsonNode out = run(config, "bench", "scale", "--consoles", "1,3", "--seconds", "1", "--rate", "40",
                "--writers", "2", "--batches", "8", "--listeners", "0,1,2", "--clients", "2", "--cost-seconds", "0.5");

        assertThat(out.get("benchmark").asText()).isEqualTo("scale");
        assertThat(out.get("loadAverageAtStart").isArray()).isTrue();
        assertThat(out.get("loadAverageAtEnd").isArray()).isTrue();
        JsonNode consoles = out.get("consoles");
        assertThat(consoles.get("steps")).hasSize(2);
        for (JsonNode step : consoles.get("steps")) {
            long commits = step.get("commits").asLong();
            assertThat(commits).isPositive();
            assertThat(step.get("missed").asLong()).as("every console heard every change").isZero();
            assertThat(step.get("deliveries").asLong()).isEqualTo(commits * step.get("consoles").asLong());
            assertThat(step.get("commitToListenerMs").has("p99")).isTrue();
            assertThat(step.get("notifyLock").has("heldShare")).isTrue();
            assertThat(step.get("pass").isBoolean()).isTrue();
        }
        assertThat(consoles.has("mostConsolesPassing")).isTrue();
        JsonNode ceiling = consoles.get("commitCeiling");
        // Without the trigger, then with it and 0, 1 and 2 listening connections.
        assertThat(ceiling).hasSize(4);
        assertThat(ceiling.get(0).get("notifyTrigger").asBoolean()).isFalse();
        for (int i = 1; i < 4; i++) {
            assertThat(ceiling.get(i).get("notifyTrigger").asBoolean()).isTrue();
            assertThat(ceiling.get(i).get("commitsPerSec").asLong()).isPositive();
        }
        assertThat(consoles.get("gatewayInsteadOfDirect").get("consoles").asInt()).isEqualTo(2);
        JsonNode cost = out.get("notifyCost");
        assertThat(cost.get("runs")).hasSize(4);
        for (JsonNode row : cost.get("runs")) {
            assertThat(row.get("serviceTxPerSec").asDouble()).isPositive();
            assertThat(row.get("notifyLock").has("waitersAvg")).isTrue();
        }
        assertThat(cost.get("gatewayInsteadOfDirect").get("consoles").asInt()).isEqualTo(2);
        assertThat(disabledTriggers(config)).isEmpty();
    }

    @Test
    void positionsReportsTheLockProbeAndFourPhasesAndLeavesTheLocationTriggerOn() throws Exception {
        DatabaseConfig config = TestDatabases.fresh();
        JsonNode out = run(config, "bench", "positions", "--riders", "50", "--assign-riders", "4",
                "--assign-clients", "2", "--position-clients", "2", "--seconds", "0.5", "--fixes-per-commit", "5");

        assertThat(out.get("benchmark").asText()).isEqualTo("positions");
        assertThat(out.get("riders").asInt()).isEqualTo(50);
        assertThat(out.get("loadAverage").isArray()).isTrue();
        JsonNode probe = out.get("lockProbe");
        // What the docs claim: a fix neither waits for an assignment's rider lock nor holds one up.
        assertThat(probe.get("fixWhileRiderLockedForAssignment").asText()).isEqualTo("finished");
        assertThat(probe.get("assignWhileFixOpen").asText()).isEqualTo("finished");
        assertThat(probe.get("riderRowForNoKeyUpdateNowait").asText()).isEqualTo("granted");
        assertThat(probe.get("contendsWithAssignmentRowLocks").asBoolean()).isFalse();
        JsonNode phases = out.get("phases");
        assertThat(phases).hasSize(6);
        assertThat(phases.get(0).get("assignTxPerSec").asDouble()).isPositive();
        assertThat(phases.get(0).get("positionsPerSec").asDouble()).isZero();
        assertThat(phases.get(1).get("positionsPerSec").asDouble()).isPositive();
        assertThat(phases.get(2).get("assignTxPerSec").asDouble()).isPositive();
        assertThat(phases.get(2).get("positionsPerSec").asDouble()).isPositive();
        assertThat(phases.get(3).get("positionsPerSec").asDouble()).isPositive();
        assertThat(phases.get(4).get("fixesPerCommit").asInt()).isEqualTo(1);
        assertThat(phases.get(5).get("fixesPerCommit").asInt()).isEqualTo(5);
        assertThat(phases.get(5).get("positionsPerSec").asDouble()).isPositive();
        assertThat(out.get("verdict").has("assignP99WithPositionsMs")).isTrue();
        assertThat(disabledTriggers(config)).isEmpty();
    }

    private static JsonNode run(DatabaseConfig config, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db-url", config.url(), "--db-user", config.user(), "--db-password", config.password()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = Main.commandLine().execute(all.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        assertThat(exit).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    /** Triggers of the dispatch tables that are switched off. */
    private static List<String> disabledTriggers(DatabaseConfig config) throws Exception {
        List<String> off = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(config.url(), config.user(), config.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D'")) {
            while (rs.next()) {
                off.add(rs.getString(1));
            }
        }
        return off;
    }
}

package com.dispatchconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.cli.Main;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.testing.SlowTest;
import com.dispatchconsole.testing.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The stress subcommand as an operator runs it: exit code and the JSON summary on its last line. */
@SlowTest
class StressCommandTest {

    @Test
    void stressOnASharedDatabasePrintsAJsonSummaryAndExitsZero() throws Exception {
        DatabaseConfig config = TestDatabases.fresh();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = Main.commandLine().execute("stress", "--db-url", config.url(), "--db-user", config.user(),
                    "--db-password", config.password(),
                    "--dispatchers", "4", "--riders", "6", "--batches", "120", "--ops", "60", "--scenario", "cli");
        } finally {
            System.setOut(original);
        }

        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        JsonNode summary = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(exit).isZero();
        assertThat(summary.get("attempts").asLong()).isEqualTo(240);
        assertThat(summary.get("violations").asInt()).isZero();
        assertThat(summary.get("succeeded").asLong()).isPositive();
        assertThat(summary.has("rejected")).isTrue();
        assertThat(summary.has("deadlocks")).isTrue();
        assertThat(summary.get("p99Ms").asDouble()).isGreaterThanOrEqualTo(summary.get("p50Ms").asDouble());
        assertThat(summary.get("throughputPerSec").asDouble()).isPositive();
    }
}

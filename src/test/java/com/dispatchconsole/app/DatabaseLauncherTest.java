package com.dispatchconsole.app;

import com.dispatchconsole.demo.DemoSize;
import com.dispatchconsole.demo.DemoOperators;
import com.dispatchconsole.app.DatabaseTarget;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.SlowTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded default: first start seeds a demo shift; a restart finds the dispatcher's work still there. */
@SlowTest
class DatabaseLauncherTest {

    @Test
    void firstStartSeedsDemoDataAndARestartKeepsEveryChange() throws Exception {
        Path dataDir = Files.createTempDirectory("dispatch-launcher").resolve("pg");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RiderRow renamedLimits;
        try (DatabaseLauncher first = DatabaseLauncher.open(DatabaseTarget.EMBEDDED, dataDir, DemoSize.STANDARD,
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            DispatchServices services = new DispatchServices(first.database());
            List<RiderRow> riders = services.queries().riders();
            assertThat(riders).hasSize(24);
            assertThat(services.queries().batches()).hasSize(150);
            assertThat(services.queries().outlets()).hasSize(3);
            assertThat(new com.dispatchconsole.testing.Sql(first.database().dataSource()).count(
                    "SELECT count(*) FROM pg_roles WHERE rolname IN ('demo_dispatcher', 'demo_supervisor', 'demo_gateway')"))
                    .isEqualTo(3);
            assertThat(new com.dispatchconsole.testing.Sql(first.database().dataSource()).value(
                    "SELECT pg_has_role('demo_gateway', 'dispatch_gateway', 'USAGE')")).isEqualTo(true);
            // The demo photo is stored once in the database and named by the documents: shown without a network.
            com.dispatchconsole.testing.Sql sql = new com.dispatchconsole.testing.Sql(first.database().dataSource());
            String photos = "FROM delivery_batch_orders, jsonb_array_elements(proof_of_delivery->'photos') p";
            assertThat(sql.count("SELECT count(DISTINCT p->>'url') " + photos)).isEqualTo(1);
            String reference = (String) sql.value("SELECT min(p->>'url') " + photos);
            assertThat(com.dispatchconsole.domain.pod.PhotoAddress.storedPhoto(reference)).as(reference)
                    .hasValueSatisfying(id -> assertThat(services.photos().get(id).contentType()).isEqualTo("image/png"));
            assertThat(sql.count("SELECT count(*) FROM pod_photos")).isEqualTo(1);
            assertThat(dataDir.resolveSibling("demo-photos")).doesNotExist();
            RiderRow rider = riders.get(0);
            renamedLimits = services.fleet().changeLimits(rider.id(), new com.dispatchconsole.domain.RiderLimits(
                    40, new java.math.BigDecimal("99"), 4), "olga");
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("Embedded PostgreSQL data: " + dataDir).contains("psql -h localhost -p ")
                .contains("Demo operators: demo_dispatcher / demo (dispatcher), demo_supervisor / demo (supervisor), "
                        + "demo_gateway / demo (gateway)")
                .contains("Seeded demo data");

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        try (DatabaseLauncher second = DatabaseLauncher.open(DatabaseTarget.EMBEDDED, dataDir, DemoSize.STANDARD,
                new PrintStream(again, true, StandardCharsets.UTF_8))) {
            DispatchServices services = new DispatchServices(second.database());
            assertThat(services.queries().riders()).hasSize(24);
            assertThat(services.queries().riders(List.of(renamedLimits.id())).get(0).limits().maxCapacity())
                    .isEqualTo(40);
        }
        assertThat(again.toString(StandardCharsets.UTF_8)).doesNotContain("Seeded demo data");

        try (DatabaseLauncher asOperator = DatabaseLauncher.open(DatabaseTarget.EMBEDDED, dataDir,
                DemoSize.STANDARD, DemoOperators.DISPATCHER, null, new PrintStream(again, true, StandardCharsets.UTF_8))) {
            DispatchServices services = new DispatchServices(asOperator.database());
            assertThat(services.queries().sessionRole())
                    .as("the console works as the demo dispatcher, not as the owner").isEqualTo("demo_dispatcher (dispatcher)");
            assertThat(services.pods().canReview()).isFalse();
        }
    }

    /**
     * The simulator beside an open console: a second program joins the server the first one runs on the same data
     * directory (its port from postmaster.pid, the owner's password from the data directory) instead of refusing,
     * works on the very same data, and leaves that server running when it closes.
     */
    @Test
    void aSecondProgramJoinsTheEmbeddedDatabaseAnotherRuns() throws Exception {
        Path dataDir = Files.createTempDirectory("dispatch-launcher-join").resolve("pg");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (DatabaseLauncher running = DatabaseLauncher.open(DatabaseTarget.EMBEDDED, dataDir, null, print)) {
            try (DatabaseLauncher joined = DatabaseLauncher.openOrJoinEmbedded(dataDir, print)) {
                assertThat(joined.embedded()).as("it started no server of its own").isFalse();
                new DispatchServices(joined.database()).fleet().createOutlet("Joined Kitchen", "3 Mill Row");
            }
            assertThat(new DispatchServices(running.database()).queries().outlets())
                    .extracting(com.dispatchconsole.domain.rows.OutletRow::name).contains("Joined Kitchen");
            try (java.sql.Connection c = running.database().dataSource().getConnection()) {
                assertThat(c.isValid(5)).as("the running server outlives the one that joined it").isTrue();
            }
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Joined the embedded database another program runs");
        // With nobody running it, the same call starts it (and the data is still there).
        try (DatabaseLauncher alone = DatabaseLauncher.openOrJoinEmbedded(dataDir, print)) {
            assertThat(alone.embedded()).isTrue();
            assertThat(new DispatchServices(alone.database()).queries().outlets())
                    .extracting(com.dispatchconsole.domain.rows.OutletRow::name).contains("Joined Kitchen");
        }
    }

    @Test
    void aDataDirectoryAnotherProgramRunsIsRefusedInWordsNotAsABug() throws Exception {
        Path dataDir = Files.createTempDirectory("dispatch-launcher-busy").resolve("pg");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (DatabaseLauncher running = DatabaseLauncher.open(DatabaseTarget.EMBEDDED, dataDir, null, quiet)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> DatabaseLauncher.open(DatabaseTarget.EMBEDDED, dataDir, null, quiet))
                    .isInstanceOfSatisfying(com.dispatchconsole.domain.DispatchException.class, e -> {
                        assertThat(e.code()).isEqualTo(com.dispatchconsole.domain.ErrorCode.DATABASE_UNAVAILABLE);
                        assertThat(e.getMessage()).contains("in use by another program").contains("--db-url");
                    });
            try (java.sql.Connection c = running.database().dataSource().getConnection()) {
                assertThat(c.isValid(5)).as("the running one is untouched").isTrue();
            }
        }
    }
}

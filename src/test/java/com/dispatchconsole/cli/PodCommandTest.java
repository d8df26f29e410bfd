package com.dispatchconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.cli.Main;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `pod record` as a rider-side system uses it: a JSON file in, the outcome and document in the database. */
@DatabaseTest
class PodCommandTest {

    @Test
    void recordsAValidDocumentAndRefusesABadOneNamingTheField() throws Exception {
        DatabaseConfig config = TestDatabases.fresh();
        try (Database db = Database.open(config)) {
            DispatchServices services = new DispatchServices(db);
            Fixtures given = new Fixtures(services);
            RiderRow rider = given.rider("Ana", 10, "20", 1);
            BatchRow batch = given.batch(2, "1");
            services.assignments().assign(batch.id(), rider.id(), "t");
            services.assignments().transition(batch.id(), BatchStatus.PICKED, "t", null);
            services.assignments().transition(batch.id(), BatchStatus.OUT_FOR_DELIVERY, "t", null);
            BatchOrderRow first = services.queries().orders(batch.id()).get(0);
            BatchOrderRow second = services.queries().orders(batch.id()).get(1);
            Path good = Files.createTempFile("pod", ".json");
            Files.writeString(good, "{\"coordinates\": {\"lat\": 51.5, \"lon\": -0.12}, \"notes\": \"porch\", \"extra\": [1]}");
            Path bad = Files.createTempFile("pod", ".json");
            Files.writeString(bad, "{\"photos\": [{\"url\": \"ftp//broken\"}]}");

            int ok = run("pod", "record", "--db-url", config.url(), "--db-user", config.user(), "--db-password", config.password(),
                    "--batch", batch.id().toString(), "--order", first.orderId().toString(), "--file", good.toString(),
                    "--actor", "rider-app 4.2");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream originalErr = System.err;
            int refused;
            try {
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                refused = run("pod", "record", "--db-url", config.url(), "--db-user", config.user(), "--db-password", config.password(),
                        "--batch", batch.id().toString(), "--order", second.orderId().toString(), "--file", bad.toString());
            } finally {
                System.setErr(originalErr);
            }

            Sql sql = new Sql(db.dataSource());
            assertThat(ok).isZero();
            assertThat(sql.value("SELECT proof_of_delivery->>'notes' FROM delivery_batch_orders WHERE id = ?", first.id()))
                    .isEqualTo("porch");
            assertThat(sql.value("SELECT outcome FROM delivery_batch_orders WHERE id = ?", first.id())).isEqualTo("DELIVERED");
            assertThat(sql.value("SELECT actor || '|' || db_user FROM pod_versions WHERE batch_order_id = ?", first.id()))
                    .as("the --actor is recorded with the version, next to the real login").isEqualTo("rider-app 4.2|postgres");
            assertThat(refused).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("INVALID_POD: photos[0].url is not a well-formed");
            assertThat(sql.value("SELECT outcome FROM delivery_batch_orders WHERE id = ?", second.id())).isEqualTo("PENDING");
        }
    }

    @Test
    void aFileThatIsNotUtf8OrNotStorableIsOneInvalidPodLineBeforeAnyDatabaseIsAsked() throws Exception {
        Path latin1 = Files.createTempFile("pod", ".json");
        Files.write(latin1, "{\"notes\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1));
        Path nul = Files.createTempFile("pod", ".json");
        Files.writeString(nul, "{\"notes\": \"left at the door \\u0000\"}");
        Path passwd = Files.createTempFile("pod", ".json");
        Files.writeString(passwd, "{\"photos\": [{\"url\": \"file:///etc/passwd\"}]}");
        // No server listens here: a document refused before connecting never finds out.
        String nowhere = "jdbc:postgresql://localhost:1/dispatch";
        String batch = java.util.UUID.randomUUID().toString();

        for (Object[] c : new Object[][] {
            {latin1, "INVALID_POD: The proof of delivery is not valid UTF-8: byte 15 (0xE9, line 1) is not part of a "
                    + "UTF-8 character. Save the file as UTF-8. Nothing was saved."},
            {nul, "INVALID_POD: notes contains \\u0000 (a NUL character), which PostgreSQL cannot store"},
            {passwd, "INVALID_POD: photos[0].url is not an https address (got \"file:///etc/passwd\")"}}) {
            StringWriter err = new StringWriter();
            CommandLine command = Main.commandLine();
            command.setErr(new PrintWriter(err, true));
            int exit = command.execute("pod", "record", "--db-url", nowhere, "--batch", batch, "--order", batch,
                    "--file", c[0].toString());

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString().lines().toList()).hasSize(1).first().asString().startsWith((String) c[1]);
        }
    }

    private static int run(String... args) {
        return Main.commandLine().execute(args);
    }
}

package com.dispatchconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.demo.DemoData;
import com.dispatchconsole.gateway.GatewayHarness;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * `sim` refusing what it cannot do in one line, and leaving nothing behind: bad flags, a gateway that is not
 * there, and a gateway on another database (whose refusal of the simulator's tokens must stop the run, with every
 * token it issued revoked and nothing changed in either database).
 */
@DatabaseTest
class SimCommandTest {

    private static DatabaseConfig owner;
    private static Database db;
    private static Sql sql;

    private record Run(int exit, List<String> out, List<String> err) {
    }

    @BeforeAll
    static void open() {
        owner = TestDatabases.fresh();
        db = Database.open(owner);
        sql = new Sql(db.dataSource());
        DemoData.seedIfEmpty(new DispatchServices(db));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static Run run(String... args) {
        CommandLine command = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(args);
        return new Run(exit, out.toString().lines().toList(), err.toString().lines().toList());
    }

    private static String[] onOurDatabase(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db-url", owner.url(), "--db-user", owner.user(), "--db-password", owner.password()));
        return all.toArray(String[]::new);
    }

    @Test
    void badFlagsAreOneLineAndExitTwo() {
        for (String[] args : List.of(new String[] {"sim", "--riders", "0"},
                new String[] {"sim", "--orders-per-minute", "-1"},
                new String[] {"sim", "--minutes", "-2"},
                new String[] {"sim", "--pace", "0"},
                new String[] {"sim", "--gateway", "not a url"},
                new String[] {"sim", "--gateway", "ftp://127.0.0.1:21"},
                new String[] {"sim", "--scratch", "--gateway", "http://127.0.0.1:8080"},
                onOurDatabase("sim", "--scratch"))) {
            Run run = run(args);
            assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err()).as(String.join(" ", args)).singleElement().asString()
                    .startsWith("INVALID_ARGUMENT: ");
        }
    }

    @Test
    void aGatewayThatIsNotThereStopsTheRunWithNothingLeftBehind() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String before = sql.fingerprint();
        long tokens = sql.count("SELECT count(*) FROM api_tokens");

        Run run = run(onOurDatabase("sim", "--gateway", "http://127.0.0.1:" + closed, "--minutes", "0.1"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).singleElement().asString().startsWith("GATEWAY_UNAVAILABLE: The gateway at http://127.0.0.1:"
                + closed + " does not answer");
        assertThat(sql.count("SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL")).isZero();
        assertThat(sql.count("SELECT count(*) FROM api_tokens")).isGreaterThan(tokens);
        assertThat(sql.fingerprint()).isEqualTo(before);
    }

    @Test
    void aGatewayOnAnotherDatabaseRefusesTheTokensAndTheRunStops() {
        try (GatewayHarness other = new GatewayHarness(0, 40)) {
            String otherBefore = other.sql.fingerprint();
            String before = sql.fingerprint();

            Run run = run(onOurDatabase("sim", "--gateway", other.base(), "--socket",
                    "http://127.0.0.1:" + other.server.socketPort(), "--minutes", "0.1", "--auto-dispatch"));

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).singleElement().asString().startsWith("GATEWAY_UNAVAILABLE: The gateway would not "
                    + "list the outlets for the simulator's system token (401 UNAUTHENTICATED)");
            assertThat(sql.count("SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL")).isZero();
            assertThat(sql.fingerprint()).isEqualTo(before);
            assertThat(other.sql.fingerprint()).isEqualTo(otherBefore);
        }
    }
}

package com.dispatchconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.cli.Main;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.testing.Logins;
import com.dispatchconsole.testing.SlowTest;
import com.dispatchconsole.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Every command failure as an operator meets it: one line {@code CODE: sentence} on stderr, a non-zero exit code,
 * no password and no JDBC query string; the stack trace only with --verbose.
 */
@SlowTest
class CliFailuresTest {

    /** What a run printed on stderr and how it exited. */
    private record Run(int exit, List<String> errLines) {
        String last() {
            return errLines.get(errLines.size() - 1);
        }
    }

    private static Run run(String... args) {
        CommandLine command = Main.commandLine();
        StringWriter err = new StringWriter();
        command.setErr(new PrintWriter(err, true));
        command.setOut(new PrintWriter(new StringWriter(), true));
        int exit = command.execute(args);
        return new Run(exit, err.toString().lines().toList());
    }

    /** A port nothing listens on: bound, read, released. */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aRefusedPortIsOneDatabaseUnavailableLineWithoutThePassword() throws Exception {
        String url = "jdbc:postgresql://localhost:" + closedPort() + "/dispatch?user=olga&password=hunter2";

        Run stress = run("stress", "--db-url", url);
        Run bench = run("bench", "assign", "--db-url", url, "--db-password", "hunter2");

        for (Run r : List.of(stress, bench)) {
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.last()).startsWith("DATABASE_UNAVAILABLE: The database at jdbc:postgresql://localhost:")
                    .contains("cannot be reached: the connection was refused")
                    .doesNotContain("hunter2").doesNotContain("?user");
        }
    }

    @Test
    void anUnknownHostIsNamed() {
        Run r = run("stress", "--db-url", "jdbc:postgresql://no-such-host.invalid/dispatch");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("DATABASE_UNAVAILABLE: The database at "
                + "jdbc:postgresql://no-such-host.invalid/dispatch cannot be reached: unknown host no-such-host.invalid.");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not a PostgreSQL URL | stress --db-url jdbc:mysql://db/dispatch?password=hunter2 | The database URL (--db-url or DISPATCH_DB_URL) must be a PostgreSQL JDBC URL",
        "port not a number    | stress --db-url jdbc:postgresql://db:port/dispatch       | must be a PostgreSQL JDBC URL such as jdbc:postgresql://localhost:5432/dispatch (got \"jdbc:postgresql://db:port/dispatch\").",
        "negative batches     | stress --batches -1                                      | --batches must be at least 1 (got -1). See 'dispatch-console stress --help'.",
        "zero dispatchers     | stress --dispatchers 0                                   | --dispatchers must be at least 1 (got 0).",
        "one rider            | stress --riders 1                                        | --riders must be at least 2 (got 1).",
        "zero ops             | stress --ops 0                                           | --ops must be at least 1 (got 0).",
        "not a number         | stress --batches many                                    | Invalid value for option '--batches': 'many' is not an int.",
        "zero clients         | bench assign --clients 8,0                               | Every value of --clients must be at least 1 (got 0).",
        "negative seconds     | bench assign --seconds -3                                | --seconds must be a number greater than 0 (got -3.0).",
        "negative listeners   | bench notify-cost --listeners -1                         | Every value of --listeners must be at least 0 (got -1).",
        "zero rate            | bench notify --rate 0                                    | --rate must be a number greater than 0 (got 0.0).",
        "zero repeats         | bench console --repeats 0                                | --repeats must be at least 1 (got 0).",
        "no batches to search | bench pod-search --batches 0                             | --batches must be at least 1 (got 0).",
        "unknown option       | stress --fast                                            | Unknown option: '--fast'.",
        "missing options      | pod record --batch 00000000-0000-0000-0000-000000000001  | Missing required options: '--order=<order>', '--file=<file>'.",
    })
    void aBadArgumentIsOneInvalidArgumentLineAndExitCodeTwo(String name, String args, String sentence) {
        Run r = run(args.split(" "));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.last()).startsWith("INVALID_ARGUMENT: ").contains(sentence).doesNotContain("hunter2");
    }

    @Test
    void aRefusedSetupCallInsideStressIsItsCodeAndSentence() {
        DatabaseConfig owner = TestDatabases.fresh();
        DatabaseConfig dispatcher = Logins.create(owner, "dispatch_dispatcher");

        // A dispatcher may not create outlets and riders, which a new stress scenario needs.
        Run r = run("stress", "--db-url", owner.url(), "--db-user", dispatcher.user(), "--db-password",
                dispatcher.password(), "--riders", "4", "--batches", "10", "--ops", "5", "--dispatchers", "2");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.last()).startsWith("PERMISSION_DENIED: ").doesNotContain(Logins.PASSWORD);
    }

    @Test
    void verbosePrintsTheStackTraceFirstAndTheOneLineLast() throws Exception {
        String url = "jdbc:postgresql://localhost:" + closedPort() + "/dispatch";

        Run before = run("--verbose", "stress", "--db-url", url);
        Run after = run("stress", "--db-url", url, "--verbose");
        Run badArgument = run("stress", "--verbose", "--batches", "-1");

        for (Run r : List.of(before, after)) {
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.errLines().size()).isGreaterThan(5);
            assertThat(r.errLines()).anyMatch(line -> line.strip().startsWith("at "));
            assertThat(r.last()).startsWith("DATABASE_UNAVAILABLE: ");
        }
        assertThat(badArgument.exit()).isEqualTo(2);
        assertThat(badArgument.errLines()).anyMatch(line -> line.strip().startsWith("at "));
        assertThat(badArgument.last()).startsWith("INVALID_ARGUMENT: --batches must be at least 1");
    }
}

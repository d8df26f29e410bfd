package com.dispatchconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.dispatchconsole.embedded.EmbeddedServer;
import com.dispatchconsole.cli.Main;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.testing.SlowTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `db --port N`: the embedded database listens on N or does not start; consoles told N never look elsewhere. */
@SlowTest
class DbCommandTest {

    @Test
    void aPortHeldByAnotherServerIsRefusedInOneLineAndNothingStarts() throws Exception {
        try (EmbeddedServer holder = EmbeddedServer.startOn(Files.createTempDirectory("dispatch-holder"), freePort())) {
            int port = holder.port();
            Path dataDir = Files.createTempDirectory("dispatch-db-port").resolve("pg");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream originalOut = System.out;
            Run run;
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                // Bounded: a command that started elsewhere would wait for Ctrl+C forever.
                run = assertTimeoutPreemptively(Duration.ofSeconds(60),
                        () -> run("db", "--port", String.valueOf(port), "--data-dir", dataDir.toString()));
            } finally {
                System.setOut(originalOut);
            }

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.errLines()).containsExactly("PORT_IN_USE: Port " + port
                    + " is in use by another program, so the embedded database was not started; stop that program "
                    + "or choose another --port.");
            assertThat(out.toString(StandardCharsets.UTF_8)).as("no URL was printed").doesNotContain("jdbc:");
            assertThat(dataDir).as("no cluster was even created").doesNotExist();
        }
    }

    @Test
    void aFreePortIsTheOneTheServerListensOn() throws Exception {
        int port = freePort();
        try (EmbeddedServer server = EmbeddedServer.startOn(Files.createTempDirectory("dispatch-pinned"), port)) {
            assertThat(server.port()).isEqualTo(port);
            assertThatThrownBy(() -> EmbeddedServer.startOn(Files.createTempDirectory("dispatch-second"), port))
                    .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PORT_IN_USE));
        }
    }

    @Test
    void portIsForTheEmbeddedDatabaseOnly() {
        Run run = run("db", "--port", "5432", "--db-url", "jdbc:postgresql://localhost:5432/dispatch");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly(
                "INVALID_ARGUMENT: --port is for the embedded database; a --db-url database keeps its own.");
    }

    @Test
    void aPortOutsideTheRangeIsRefusedNotIgnored() throws Exception {
        String dataDir = Files.createTempDirectory("dispatch-port-0").toString();
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run("db", "--port", "0", "--data-dir", dataDir));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("INVALID_ARGUMENT: --port must be between 1 and 65535 (got 0).");
    }

    /** What a run printed on stderr and how it exited. */
    private record Run(int exit, List<String> errLines) {
    }

    /** As the program runs it: the command line with its one failure handler, stderr captured. */
    private static Run run(String... args) {
        CommandLine command = Main.commandLine();
        StringWriter err = new StringWriter();
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(args);
        return new Run(exit, err.toString().lines().toList());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

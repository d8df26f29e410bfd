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
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream originalErr = System.err;
            PrintStream originalOut = System.out;
            int exit;
            try {
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                // Bounded: a command that started elsewhere would wait for Ctrl+C forever.
                exit = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> new CommandLine(new Main())
                        .execute("db", "--port", String.valueOf(port), "--data-dir", dataDir.toString()));
            } finally {
                System.setErr(originalErr);
                System.setOut(originalOut);
            }

            assertThat(exit).isNotZero();
            assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly("PORT_IN_USE: Port " + port
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
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        int exit;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new Main()).execute("db", "--port", "5432", "--db-url",
                    "jdbc:postgresql://localhost:5432/dispatch");
        } finally {
            System.setErr(originalErr);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .startsWith("INVALID_ARGUMENT: --port is for the embedded database");
    }

    @Test
    void aPortOutsideTheRangeIsRefusedNotIgnored() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        int exit;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> new CommandLine(new Main())
                    .execute("db", "--port", "0", "--data-dir", Files.createTempDirectory("dispatch-port-0").toString()));
        } finally {
            System.setErr(originalErr);
        }
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly("INVALID_ARGUMENT: --port must be between 1 and 65535 (got 0).");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package com.dispatchconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.embedded.EmbeddedServer;
import com.dispatchconsole.cli.Main;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.persistence.ServerIdentity;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.testing.SlowTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A stress run or a benchmark whose database goes away mid-run: it stops with DATABASE_UNAVAILABLE and exits
 * non-zero, and never carries on against another server that takes the port. Each test has a server of its own,
 * since it is shut down under the run. Waits are generous bounds, not timings: the run is endless otherwise.
 */
@SlowTest
class DatabaseGoneTest {

    private static final long GENEROUS_SECONDS = 120;

    private final ExecutorService runner = Executors.newSingleThreadExecutor();
    private EmbeddedServer server;
    private EmbeddedServer successor;

    @AfterEach
    void stop() throws Exception {
        runner.shutdownNow();
        for (EmbeddedServer s : new EmbeddedServer[] {server, successor}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private record Run(int exit, List<String> errLines) {
        String last() {
            return errLines.isEmpty() ? "" : errLines.get(errLines.size() - 1);
        }
    }

    private Future<Run> start(String... args) {
        return runner.submit(() -> {
            CommandLine command = Main.commandLine();
            StringWriter err = new StringWriter();
            command.setErr(new PrintWriter(err, true));
            command.setOut(new PrintWriter(new StringWriter(), true));
            int exit = command.execute(args);
            return new Run(exit, err.toString().lines().toList());
        });
    }

    /** A migrated database on a server of this test's own; kept on disk so the stopped cluster can be copied. */
    private String freshServer(Path dir) throws Exception {
        server = EmbeddedServer.start(dir, true, false, 0);
        server.createDatabase("gone", null);
        String url = server.jdbcUrl("gone");
        Database.open(DatabaseConfig.of(url, EmbeddedServer.SUPERUSER, server.superuserPassword())).close();
        return url;
    }

    private long count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, EmbeddedServer.SUPERUSER, server.superuserPassword());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void waitUntil(Check check, Future<?> run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GENEROUS_SECONDS);
        while (!check.holds()) {
            assertThat(run.isDone()).as("the run ended before it got going").isFalse();
            assertThat(System.nanoTime()).as("the run got going").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    @Test
    void stressStopsWhenTheServerGoesAwayAndNeverGoesOnOnTheServerThatTakesItsPort() throws Exception {
        Path original = Files.createTempDirectory("dispatch-gone").resolve("pg");
        String url = freshServer(original);
        int port = server.port();
        Future<Run> stress = start("stress", "--db-url", url, "--db-user", EmbeddedServer.SUPERUSER, "--db-password", server.superuserPassword(),
                "--dispatchers", "4", "--riders", "6", "--batches", "200", "--ops", "100000000", "--scenario", "gone");
        waitUntil(() -> count(url, "SELECT count(*) FROM batch_status_history WHERE actor LIKE 'stress:gone:%'") > 0,
                stress);

        // Fast shutdown ends every session. Then a copy of the same cluster takes the port: the same rows, so a
        // run that reconnected would go on there as if nothing had happened.
        server.close();
        Path copy = original.resolveSibling("copy");
        copyTree(original, copy);
        successor = EmbeddedServer.start(copy, true, false, port);
        Run run = stress.get(GENEROUS_SECONDS, TimeUnit.SECONDS);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.last()).startsWith("DATABASE_UNAVAILABLE: ").contains("The stress run stopped after");
        assertThat(run.errLines()).as("one line, no stack trace").hasSize(1);
        String successorUrl = successor.jdbcUrl("gone");
        assertThat(count(successorUrl, "SELECT count(*) FROM batch_status_history "
                + "WHERE actor LIKE 'stress:gone:%' AND changed_at >= pg_postmaster_start_time()"))
                .as("nothing done on the server that took the port (on port %d, asked for %d)", successor.port(), port)
                .isZero();
    }

    @Test
    void benchAssignStopsWhenTheServerGoesAway() throws Exception {
        String url = freshServer(Files.createTempDirectory("dispatch-gone-bench").resolve("pg"));
        Future<Run> bench = start("bench", "assign", "--db-url", url, "--db-user", EmbeddedServer.SUPERUSER, "--db-password", server.superuserPassword(),
                "--clients", "2", "--seconds", "100000");
        waitUntil(() -> count(url, "SELECT count(*) FROM rider_assignment_history") > 0, bench);

        server.close();
        Run run = bench.get(GENEROUS_SECONDS, TimeUnit.SECONDS);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.last()).startsWith("DATABASE_UNAVAILABLE: ");
        assertThat(run.errLines()).as("one line, no stack trace").hasSize(1);
    }

    @Test
    void aPoolThatSilentlyReconnectedToARestartedServerIsCaughtByItsIdentity() throws Exception {
        Path dir = Files.createTempDirectory("dispatch-gone-identity").resolve("pg");
        String url = freshServer(dir);
        int port = server.port();
        try (Database db = Database.open(DatabaseConfig.of(url, EmbeddedServer.SUPERUSER, server.superuserPassword()))) {
            ServerIdentity before = ServerIdentity.of(db.dataSource());
            before.require(db.dataSource(), "check");

            server.close();
            server = EmbeddedServer.start(dir, true, false, port);
            assertThat(server.port()).as("the restarted server is on the same port").isEqualTo(port);

            // Each dead connection fails once and is dropped; then the pool hands out a new one, to the restarted
            // server, without a word. The identity tells.
            DispatchException told = null;
            for (int attempt = 0; attempt < 30 && told == null; attempt++) {
                try {
                    before.require(db.dataSource(), "stress run");
                } catch (DispatchException e) {
                    told = e;
                } catch (java.sql.SQLException deadConnection) {
                    // the pool drops it; next one
                }
            }
            assertThat(told).isNotNull();
            assertThat(told.code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
            assertThat(told.sentence()).contains("restarted or replaced during the stress run");
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                    // PostgreSQL refuses a data directory others can read.
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(p));
                } else if (!p.getFileName().toString().equals("postmaster.pid")) {
                    Files.copy(p, target);
                }
            }
        }
    }
}

package com.dispatchconsole.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.app.DatabaseTarget;
import com.dispatchconsole.app.SimLauncher;
import com.dispatchconsole.demo.DemoData;
import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.pod.PodDocument;
import com.dispatchconsole.domain.pod.PodFlags;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.OutletRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.gateway.GatewayServer;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.persistence.InvariantChecker;
import com.dispatchconsole.realtime.FeedSettings;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.FreezingProxy;
import com.dispatchconsole.testing.Logins;
import com.dispatchconsole.testing.SlowTest;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The simulator against the world at its worst: a dispatcher in a console taking batches from the simulated riders
 * while they ride, a second simulator on the same riders, a gateway that dies, a database that goes away mid-run,
 * a gateway that rate-limits hard, a Ctrl+C. Whatever happens, a refusal is obeyed and counted (never reported as
 * an error), the run ends on its own with one JSON line, every token it issued is revoked (or the report says it
 * could not be), no token is printed, and the database's guarantees hold.
 */
@SlowTest
class SimAdversaryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one run printed, readable while it runs. */
    private static final class Printed extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        /** Waits (a generous bound, not a timing) until {@code needle} was printed. */
        void await(String needle) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!text().contains(needle)) {
                assertThat(System.nanoTime()).as("'" + needle + "' not printed within 180 s: " + text())
                        .isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    /** A finished run: its exit code, everything it printed, and its last line read as the report. */
    private record Run(int exit, String printed, JsonNode report) {

        long refusals(String code) {
            return report.path("refusals").path(code).asLong();
        }

        long errors() {
            return report.path("errors").asLong();
        }

        /** Exit 0: no error besides the rules' refusals, no broken guarantee. */
        Run clean() {
            assertThat(errors()).as(printed).isZero();
            assertThat(report.path("tokens").path("stillValid").asInt()).as(printed).isZero();
            assertThat(report.path("invariants").path("violations").asInt()).as(printed).isZero();
            assertThat(exit).as(printed).isZero();
            return this;
        }
    }

    private static final ExecutorService RUNS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sim-under-test");
        t.setDaemon(true);
        return t;
    });

    private static Future<Run> start(DatabaseConfig owner, SimLauncher.Options options, SimSettings settings,
                                     Printed out) {
        return RUNS.submit(() -> {
            int exit = SimLauncher.run(new DatabaseTarget(owner.url(), owner.user(), owner.password()), null,
                    options, settings, new PrintStream(out, true, StandardCharsets.UTF_8));
            return finished(exit, out.text());
        });
    }

    /** The run's end: one JSON line, the last, and no token anywhere in what it printed. */
    private static Run finished(int exit, String printed) throws IOException {
        List<String> lines = printed.strip().lines().toList();
        List<String> json = lines.stream().filter(l -> l.startsWith("{")).toList();
        assertThat(json).as("one JSON line: " + printed).hasSize(1);
        assertThat(lines.get(lines.size() - 1)).as("the JSON line is the last").isEqualTo(json.get(0));
        assertThat(printed).as("no token printed").doesNotContain("dct_");
        return new Run(exit, printed, JSON.readTree(json.get(0)));
    }

    /** Bounded: a run that does not end within the bound has hung. */
    private static Run awaitEnd(Future<Run> run) throws Exception {
        return run.get(4, TimeUnit.MINUTES);
    }

    /** A fresh database with the demo shift, and a gateway login for it. */
    private record Db(DatabaseConfig owner, Database db, DispatchServices services, Sql sql, DatabaseConfig gateway)
            implements AutoCloseable {

        static Db fresh() {
            DatabaseConfig owner = TestDatabases.fresh();
            Database db = Database.open(owner);
            DispatchServices services = new DispatchServices(db);
            DemoData.seedIfEmpty(services);
            return new Db(owner, db, services, new Sql(db.dataSource()), Logins.create(owner, "dispatch_gateway"));
        }

        /** The sim starts a gateway of its own under the gateway login. */
        SimLauncher.Options ownGateway() {
            return new SimLauncher.Options(null, null, false, gateway.user(), gateway.password());
        }

        List<String> violations() throws Exception {
            List<String> all = new ArrayList<>();
            for (OutletRow outlet : services.queries().outlets()) {
                all.addAll(InvariantChecker.check(db.dataSource(), outlet.id()));
            }
            return all;
        }

        List<String> overLimit() throws Exception {
            List<String> all = new ArrayList<>();
            try (Connection c = db.dataSource().getConnection()) {
                for (OutletRow outlet : services.queries().outlets()) {
                    all.addAll(InvariantChecker.overLimit(c, outlet.id()));
                }
            }
            return all;
        }

        /** Tokens for a shift on {@code gateway}, as SimLauncher issues them: the first {@code riders} riders. */
        SimAccess access(Gateway gateway, int riders) {
            String system = issue(ApiTokenScope.system("simulator dispatch bot"));
            Map<UUID, String> outlets = new java.util.LinkedHashMap<>();
            for (OutletRow outlet : services.queries().outlets()) {
                outlets.put(outlet.id(), issue(ApiTokenScope.outlet(outlet.id())));
            }
            Map<UUID, String> played = new java.util.LinkedHashMap<>();
            services.queries().riders().stream().sorted(java.util.Comparator.comparing(RiderRow::name)).limit(riders)
                    .forEach(r -> played.put(r.id(), issue(ApiTokenScope.rider(r.id()))));
            return new SimAccess(URI.create("http://127.0.0.1:" + gateway.server().httpPort()),
                    URI.create("http://127.0.0.1:" + gateway.server().socketPort()), system, outlets, played,
                    List.copyOf(played.keySet()));
        }

        private String issue(ApiTokenScope scope) {
            return services.tokens().issue(scope, "test-admin").token();
        }

        void revokeAll() {
            for (var token : services.tokens().list()) {
                if (token.revokedAt() == null) {
                    services.tokens().revoke(token.id(), "test-admin");
                }
            }
        }

        long unrevokedTokens() {
            return sql.count("SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL");
        }

        long tokens() {
            return sql.count("SELECT count(*) FROM api_tokens");
        }

        @Override
        public void close() {
            db.close();
        }
    }

    /** A gateway the test runs (and may kill), as `gateway` runs it, on {@code login}. */
    private record Gateway(GatewayServer server, Database db) implements AutoCloseable {

        static Gateway start(DatabaseConfig login) {
            return start(login, 20, 40);
        }

        static Gateway start(DatabaseConfig login, double ratePerSecond, int burst) {
            Database db = Database.open(login);
            GatewayServer server = GatewayServer.start(new DispatchServices(db),
                    FeedSettings.of(login.url(), login.user(), login.password()),
                    new GatewayServer.Settings("127.0.0.1", 0, 0, ratePerSecond, burst));
            return new Gateway(server, db);
        }

        SimLauncher.Options options() {
            return new SimLauncher.Options(URI.create("http://127.0.0.1:" + server.httpPort()),
                    URI.create("http://127.0.0.1:" + server.socketPort()), false, null, null);
        }

        @Override
        public void close() {
            server.close();
            db.close();
        }
    }

    // ---- 1. a dispatcher in a console takes batches from the simulated riders ---------------------------------

    @Test
    void aDispatcherMovingTheRidersBatchesIsObeyedAndCountedNeverAnError() throws Exception {
        try (Db world = Db.fresh();
             Gateway gateway = Gateway.start(world.gateway());
             Database console = Database.open(Logins.create(world.owner(), "dispatch_dispatcher"))) {
            DispatchServices dispatcher = new DispatchServices(console);
            Instant before = Instant.now().minusSeconds(1);
            Printed out = new Printed();
            // A Shift played directly (as SimLauncher plays it) so the riders' apps can be asked what they hold.
            Shift shift = new Shift(world.access(gateway, 8), new SimSettings(8, 90, 0.35, 11, true, 120),
                    world.services().queries().reviewSettings().lateAfter(),
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            Future<SimMetrics> running = RUNS.submit(shift::run);
            out.await("Shift:");

            // While the shift runs, the dispatcher keeps taking ASSIGNED batches from the riders the bot gave them
            // to: reassigning to another rider, sending back to the pool, cancelling. Each batch is left with its
            // rider for a random moment first, so some riders are at the counter, or on their way, when it goes.
            Map<String, Integer> moved = new TreeMap<>();
            Map<UUID, Long> moveAt = new java.util.HashMap<>();
            Random random = new Random(3);
            long movesUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            int turn = 0;
            while (!running.isDone() && System.nanoTime() < movesUntil) {
                List<RiderRow> riders = dispatcher.queries().riders();
                for (BatchRow batch : dispatcher.queries().batches()) {
                    if (batch.statusChangedAt().isBefore(before)) {
                        continue;
                    }
                    if (batch.status() == BatchStatus.OUT_FOR_DELIVERY && moved.getOrDefault("fail", 0) < 4
                            && random.nextInt(8) == 0) {
                        // Now and then one out with its rider too: the outlet called it back.
                        try {
                            dispatcher.assignments().transition(batch.id(), BatchStatus.FAILED, "console",
                                    "the outlet called it back");
                            moved.merge("fail", 1, Integer::sum);
                        } catch (DispatchException raced) {
                            moved.merge("raced", 1, Integer::sum);
                        }
                        continue;
                    }
                    if (batch.status() != BatchStatus.ASSIGNED) {
                        continue;
                    }
                    long due = moveAt.computeIfAbsent(batch.id(), id -> System.nanoTime()
                            + TimeUnit.MILLISECONDS.toNanos(random.nextInt(2_500)));
                    if (System.nanoTime() < due) {
                        continue;
                    }
                    moveAt.remove(batch.id());
                    String kind = List.of("reassign", "unassign", "cancel").get(turn++ % 3);
                    try {
                        switch (kind) {
                            case "reassign" -> {
                                List<RiderRow> others = riders.stream()
                                        .filter(r -> r.homeOutletId().equals(batch.outletId())
                                                && !r.id().equals(batch.riderId())
                                                && r.availability() == Availability.AVAILABLE)
                                        .toList();
                                if (others.isEmpty()) {
                                    continue;
                                }
                                dispatcher.assignments().reassign(batch.id(),
                                        others.get(random.nextInt(others.size())).id(), "console",
                                        "the customer asked for another rider");
                            }
                            case "unassign" -> dispatcher.assignments().unassign(batch.id(), "console",
                                    "held back: the kitchen is late");
                            default -> dispatcher.assignments().transition(batch.id(), BatchStatus.CANCELLED,
                                    "console", "the customer cancelled on the phone");
                        }
                        moved.merge(kind, 1, Integer::sum);
                    } catch (DispatchException raced) {
                        // the rider picked it up first, or the batch moved on: the console's refusal, not ours
                        moved.merge("raced", 1, Integer::sum);
                    }
                }
                Thread.sleep(150);
            }
            SimMetrics metrics = running.get(4, TimeUnit.MINUTES);
            Instant ended = Instant.now();
            world.revokeAll();

            Map<String, Object> figures = metrics.figures();
            assertThat(metrics.errorCount()).as("refusals are no errors: %s", figures).isZero();
            assertThat(moved).as("the dispatcher moved batches the riders held")
                    .containsKeys("reassign", "unassign", "cancel", "fail");
            // Every app dropped what left its rider: what it holds is its rider's, active, in the database
            // (but for a change in the last moments of the run, whose news may have been on its way).
            Map<UUID, BatchRow> now = dispatcher.queries().batches().stream()
                    .collect(Collectors.toMap(BatchRow::id, b -> b));
            shift.held().forEach((rider, batches) -> {
                for (UUID id : batches) {
                    BatchRow row = now.get(id);
                    if (row.updatedAt().isAfter(ended.minusSeconds(3))) {
                        continue;
                    }
                    assertThat(BatchStatus.ACTIVE).as("held %s: %s", id, row).contains(row.status());
                    assertThat(row.riderId()).as("held %s: %s", id, row).isEqualTo(rider);
                }
            });
            int away = moved.entrySet().stream().filter(e -> !e.getKey().equals("raced"))
                    .mapToInt(Map.Entry::getValue).sum();
            long riderRefusals = metrics.refusals("OUT_OF_SCOPE") + metrics.refusals("INVALID_BATCH_STATUS")
                    + metrics.refusals("ILLEGAL_TRANSITION");
            assertThat(riderRefusals).as("at most a refusal for each of %d batches moved away: %s", away, figures)
                    .isLessThanOrEqualTo(away);
            assertThat(world.violations()).isEmpty();
            assertThat(out.text()).doesNotContain("dct_");
        }
    }

    // ---- 2. two simulators at once on the same riders; 4. no refusal for scope, no token printed -------------

    /**
     * Two normal runs (no dispatcher moves their batches): beside every guarantee, neither is ever refused for
     * scope, and nothing either prints (or the gateways they start log) on stdout or stderr names a token or a
     * PoD's contents.
     */
    @Test
    void twoSimulatorsOnTheSameRidersKeepEveryGuaranteeAreNeverOutOfScopeAndPrintNoToken() throws Exception {
        try (Db world = Db.fresh()) {
            Printed outA = new Printed();
            Printed outB = new Printed();
            Printed everything = new Printed();
            PrintStream stdout = System.out;
            PrintStream stderr = System.err;
            Set<String> overLimit = ConcurrentHashMap.newKeySet();
            Run runA;
            Run runB;
            System.setOut(new PrintStream(everything, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(everything, true, StandardCharsets.UTF_8));
            try {
                Future<Run> a = start(world.owner(), world.ownGateway(), new SimSettings(8, 90, 0.35, 21, true, 120),
                        outA);
                Future<Run> b = start(world.owner(), world.ownGateway(), new SimSettings(8, 90, 0.35, 22, true, 120),
                        outB);
                // No rider over a limit at any moment, not only at the end.
                while (!a.isDone() || !b.isDone()) {
                    overLimit.addAll(world.overLimit());
                    Thread.sleep(500);
                }
                runA = awaitEnd(a);
                runB = awaitEnd(b);
            } finally {
                System.setOut(stdout);
                System.setErr(stderr);
            }

            // The two bots race for the same riders: on a busy machine one of them may win every batch, so the
            // work done is asked of the pair, and every guarantee of each.
            long assigned = 0;
            long pods = 0;
            for (Run run : List.of(runA, runB)) {
                run.clean();
                assertThat(run.report().path("refusals").has("OUT_OF_SCOPE")).as(run.printed()).isFalse();
                assigned += run.report().path("calls").path("dispatch.assign").path("count").asLong();
                JsonNode played = run.report().path("played");
                pods += played.path("delivered").asLong() + played.path("farFromAddress").asLong();
            }
            assertThat(assigned).as("assigned by the two bots: %s %s", runA.printed(), runB.printed()).isPositive();
            assertThat(pods).as("PoDs recorded by the two runs: %s %s", runA.printed(), runB.printed()).isPositive();
            assertThat(overLimit).isEmpty();
            assertThat(world.violations()).isEmpty();
            assertThat(world.unrevokedTokens()).isZero();
            String printed = everything.text() + runA.printed() + runB.printed();
            assertThat(printed).as("nothing on stdout or stderr names a token").doesNotContain("dct_");
            // Nor a PoD's contents (its notes, its signature).
            assertThat(printed).doesNotContain("behind the plant pot").doesNotContain("Left at the front door")
                    .doesNotContain("strokes");
        }
    }

    // ---- 3. the gateway dies; the database goes away ----------------------------------------------------------

    @Test
    void aGatewayThatDiesEndsEvenARunUntilCtrlCWithErrorsCountedAndTokensRevoked() throws Exception {
        try (Db world = Db.fresh()) {
            Gateway gateway = Gateway.start(world.gateway());
            Printed out = new Printed();
            long tokensBefore = world.tokens();
            // Minutes 0: until Ctrl+C. Nobody presses it; the run must end by itself.
            Future<Run> running = start(world.owner(), gateway.options(), new SimSettings(8, 90, 0, 31, true, 120),
                    out);
            out.await("Shift:");
            Thread.sleep(2_000);
            gateway.close();
            Run run = awaitEnd(running);

            assertThat(run.exit()).as(run.printed()).isEqualTo(1);
            assertThat(run.report().path("errorsByKind").path("shift").asLong()).as(run.printed()).isEqualTo(1);
            assertThat(run.errors()).as(run.printed()).isGreaterThan(1);
            assertThat(run.report().path("errorSamples").toString()).contains("no answer");
            assertThat(run.printed()).contains("has answered nothing for");
            // Nobody hammers a gateway that is gone: after a call with no answer each app, and the bot, waits a
            // few seconds before its next one (an upper bound on calls: a slow machine only makes fewer).
            long riderErrors = 0;
            long botErrors = 0;
            for (var kind : (Iterable<Map.Entry<String, JsonNode>>) () -> run.report().path("errorsByKind").fields()) {
                if (kind.getKey().startsWith("rider.")) {
                    riderErrors += kind.getValue().asLong();
                } else if (kind.getKey().startsWith("dispatch.")) {
                    botErrors += kind.getValue().asLong();
                }
            }
            long waits = Shift.GATEWAY_GONE_MILLIS / ApiClient.DEFAULT_RETRY_AFTER_MILLIS + 4;
            assertThat(riderErrors).as(run.printed()).isLessThanOrEqualTo(8 * waits);
            assertThat(botErrors).as(run.printed()).isLessThanOrEqualTo(waits);
            assertThat(run.report().path("tokens").path("stillValid").asInt()).isZero();
            assertThat(world.tokens()).isGreaterThan(tokensBefore);
            assertThat(world.unrevokedTokens()).isZero();
            assertThat(world.violations()).isEmpty();
        }
    }

    @Test
    void aDatabaseThatGoesAwayIsReportedTheShiftCarriesOnWhenItIsBackAndEndsCleanlyWhenItIsNot() throws Exception {
        int serverPort = TestDatabases.server().port();
        try (Db world = Db.fresh(); FreezingProxy proxy = new FreezingProxy(serverPort)) {
            // The database server is away for everyone: the gateway and the simulator's own admin login.
            java.util.function.UnaryOperator<DatabaseConfig> viaProxy = c -> DatabaseConfig.of(
                    c.url().replace(":" + serverPort + "/", ":" + proxy.port() + "/"), c.user(), c.password());
            DatabaseConfig owner = viaProxy.apply(world.owner());
            int nobody;
            try (ServerSocket free = new ServerSocket(0)) {
                nobody = free.getLocalPort();
            }
            long tokensBefore = world.tokens();
            try (Gateway gateway = Gateway.start(viaProxy.apply(world.gateway()))) {
                Printed out = new Printed();
                Future<Run> running = start(owner, gateway.options(), new SimSettings(8, 120, 0.35, 41, true, 120),
                        out);
                out.await("Shift:");
                Thread.sleep(3_000);
                // Away (every connection cut, nobody at the port), back, and away again until the run is over.
                proxy.retarget(nobody);
                Thread.sleep(5_000);
                proxy.retarget(serverPort);
                Instant back = Instant.now();
                Thread.sleep(6_000);
                Instant awayAgain = Instant.now();
                proxy.retarget(nobody);
                Run run = awaitEnd(running);
                proxy.retarget(serverPort);

                assertThat(run.exit()).as(run.printed()).isEqualTo(1);
                assertThat(run.report().path("errorSamples").toString()).as(run.printed()).contains("503");
                assertThat(run.report().path("errorsByKind").has("shift")).as("the gateway kept answering")
                        .isFalse();
                // The shift carried on while the database was back: outlets ordered, riders moved batches.
                assertThat(world.sql().count("SELECT count(*) FROM batch_status_history WHERE changed_at > ? "
                        + "AND changed_at < ? AND actor LIKE 'api %'", java.sql.Timestamp.from(back),
                        java.sql.Timestamp.from(awayAgain))).as(run.printed()).isPositive();
                // At the end it could neither check nor revoke, and says so instead of failing without a report.
                assertThat(run.report().path("invariants").path("notChecked").asText()).as(run.printed())
                        .startsWith("the database did not answer");
                long stillValid = run.report().path("tokens").path("stillValid").asLong();
                assertThat(stillValid).as(run.printed()).isPositive()
                        .isEqualTo(world.unrevokedTokens());
                assertThat(run.report().path("tokens").path("todo").asText()).contains("token revoke");
            }
            assertThat(world.tokens()).isGreaterThan(tokensBefore);
            world.revokeAll();
            assertThat(world.violations()).isEmpty();
        }
    }

    @Test
    void aGatewayThatRateLimitsHardIsObeyedAndNoPodLosesItsPhoto() throws Exception {
        try (Db world = Db.fresh(); Gateway gateway = Gateway.start(world.gateway(), 2, 3)) {
            Printed out = new Printed();
            // Two requests a second per token, three at once: the setup's reads, the bot's rounds and a rider's
            // moves at a door (photo, outcome, complete) all meet 429 with Retry-After.
            Run run = awaitEnd(start(world.owner(), gateway.options(), new SimSettings(8, 90, 0.3, 61, true, 120),
                    out));

            run.clean();
            assertThat(run.refusals("RATE_LIMITED")).as(run.printed()).isPositive();
            assertThat(run.refusals("OUT_OF_SCOPE")).as(run.printed()).isZero();
            JsonNode played = run.report().path("played");
            assertThat(played.path("delivered").asLong() + played.path("farFromAddress").asLong())
                    .as(run.printed()).isPositive();
            // A photo upload refused for the rate is made again later: no PoD is recorded without the photo the
            // rider took, so the review's "No photo" flags are exactly the ones the simulator played.
            Duration lateAfter = world.services().queries().reviewSettings().lateAfter();
            long noPhoto = world.services().pods().awaitingReview().stream()
                    .filter(row -> world.gateway().user().equals(row.recordedBy()))
                    .filter(row -> PodFlags.of(PodDocument.read(row.document()), row.completedAt(),
                            row.outForDeliveryAt(), row.addressLat(), row.addressLon(), lateAfter)
                            .contains(PodFlags.Flag.NO_PHOTO))
                    .count();
            assertThat(noPhoto).as(run.printed()).isEqualTo(played.path("noPhoto").asLong());
            assertThat(world.violations()).isEmpty();
            assertThat(world.unrevokedTokens()).isZero();
        }
    }

    // ---- 5. Ctrl+C --------------------------------------------------------------------------------------------

    /**
     * `sim` on the embedded database, as a user runs it beside a console (here in a data directory of its own, so
     * the database can be opened afterwards): Ctrl+C after the shift started prints the report and leaves no token
     * valid, although the embedded PostgreSQL of the same JVM would stop with it if the JVM stopped.
     */
    @Test
    void ctrlCPrintsTheReportAndRevokesEveryTokenBeforeTheEmbeddedDatabaseStops() throws Exception {
        Path dataDir = Files.createTempDirectory("sim-ctrl-c");
        Path err = Files.createTempFile("sim-ctrl-c", ".err");
        String java = ProcessHandle.current().info().command().orElse("java");
        Path logback = Path.of(SimAdversaryTest.class.getResource("/logback.xml").toURI());
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", classPath(),
                "-Dlogback.configurationFile=" + logback, "com.dispatchconsole.cli.Main", "sim",
                "--data-dir", dataDir.toString(), "--minutes", "0", "--riders", "6", "--orders-per-minute", "60",
                "--auto-dispatch", "--pace", "120");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        try {
            Printed out = new Printed();
            Thread reader = pump(process.getInputStream(), out);
            out.await("Shift:");
            Thread.sleep(1_500);
            signal(process, "INT");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!out.text().contains("Stopping the shift") && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            if (!out.text().contains("Stopping the shift") && process.isAlive()) {
                // A JVM started with SIGINT ignored (a background job without job control) never sees it: SIGTERM
                // takes the same way out.
                signal(process, "TERM");
            }
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("ended after Ctrl+C: " + out.text()).isTrue();
            reader.join(10_000);
            String stderr = Files.readString(err);

            Run run = finished(process.exitValue(), out.text());
            assertThat(out.text()).contains("Stopping the shift");
            assertThat(run.exit()).as(out.text() + stderr).isZero();
            assertThat(run.report().path("apiCalls").asLong()).isPositive();
            assertThat(run.report().path("durable").asBoolean()).as("asked before the end").isTrue();
            assertThat(run.report().path("invariants").has("notChecked")).as(out.text()).isFalse();
            assertThat(run.report().path("tokens").path("stillValid").asInt()).as(out.text()).isZero();
            assertThat(stderr).as("no token on stderr").doesNotContain("dct_");

            // The database, opened again after the run: every token revoked, every guarantee held.
            try (var server = com.dispatchconsole.embedded.EmbeddedServer.start(dataDir, true, 0);
                 Database db = Database.open(DatabaseConfig.of(server.jdbcUrl("dispatch"),
                         com.dispatchconsole.embedded.EmbeddedServer.SUPERUSER, server.superuserPassword()))) {
                Sql sql = new Sql(db.dataSource());
                assertThat(sql.count("SELECT count(*) FROM api_tokens")).as("tokens were issued")
                        .isEqualTo(run.report().path("tokens").path("issued").asLong()).isPositive();
                assertThat(sql.count("SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL"))
                        .as("every token revoked; stderr: " + stderr).isZero();
                for (OutletRow outlet : new DispatchServices(db).queries().outlets()) {
                    assertThat(InvariantChecker.check(db.dataSource(), outlet.id())).isEmpty();
                }
            }
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            Files.deleteIfExists(err);
            deleteQuietly(dataDir);
        }
    }

    private static void signal(Process process, String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor();
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory the OS clears
        }
    }

    /** The tests' class path (surefire names it; a plain JVM has it in java.class.path). */
    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        return java.util.Arrays.stream(cp.split(File.pathSeparator)).filter(p -> !p.isBlank())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static Thread pump(InputStream in, Printed out) {
        Thread t = new Thread(() -> {
            try {
                in.transferTo(out);
            } catch (IOException ignored) {
                // the process ended
            }
        }, "sim-stdout");
        t.setDaemon(true);
        t.start();
        return t;
    }
}

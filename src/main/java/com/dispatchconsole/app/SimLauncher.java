package com.dispatchconsole.app;

import com.dispatchconsole.demo.DemoData;
import com.dispatchconsole.demo.DemoOperators;
import com.dispatchconsole.demo.DemoSize;
import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.rows.OutletRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.gateway.GatewayServer;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.realtime.FeedSettings;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.sim.Shift;
import com.dispatchconsole.sim.SimAccess;
import com.dispatchconsole.sim.SimMetrics;
import com.dispatchconsole.sim.SimSettings;
import com.dispatchconsole.persistence.InvariantChecker;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Composes a simulated shift. The setup is an admin's work on the database, as in a real operation: enrol riders
 * when more are asked for than exist, and issue the tokens the simulator's outlets, riders and dispatch bot use
 * (revoked when it ends). The shift itself then goes only through the gateway's public HTTP API and Socket.IO
 * rooms: the gateway given by URL, or one started here on the same database under its own gateway login. At the
 * end the guarantees are checked in SQL over every outlet played, and one JSON line reports the figures.
 */
public final class SimLauncher {

    public static final String ACTOR = "sim-setup";

    /**
     * @param gateway    the gateway's HTTP address, or null to start one here
     * @param socket     its Socket.IO address (null: the HTTP port + 1, as the gateway command's defaults)
     * @param scratch    a throwaway durable embedded database with the demo shift, instead of the user's
     * @param gatewayUser the database login of a gateway started here on a shared database
     */
    public record Options(URI gateway, URI socket, boolean scratch, String gatewayUser, String gatewayPassword) {
    }

    private SimLauncher() {
    }

    /** Runs the shift and prints its JSON line; returns the exit code (1 when an error or a broken guarantee). */
    public static int run(DatabaseTarget target, Path dataDir, Options options, SimSettings settings,
                          PrintStream out) throws Exception {
        // Ctrl+C (SIGINT) or SIGTERM ends a shift early, and the JVM is not stopped for it: the run prints its
        // report, revokes its tokens and closes the gateway and the database itself, then exits as usual. Stopping
        // the JVM instead would run every shutdown hook at once, among them the embedded PostgreSQL's, which stops
        // the server while the tokens are still to be revoked. A second Ctrl+C stops the JVM at once.
        Stopper stopper = new Stopper();
        Interrupts interrupts = Interrupts.install(() -> {
            out.println("Stopping the shift: the report follows, then the tokens are revoked (Ctrl+C again to quit "
                    + "at once).");
            stopper.stopAsked();
        });
        // Any other way the JVM stops (System.exit elsewhere, a signal that could not be caught): the hook still
        // stops the shift and holds the JVM until the run has cleaned up as far as it can.
        Runtime.getRuntime().addShutdownHook(stopper.hook);
        try {
            return run(target, dataDir, options, settings, out, stopper);
        } finally {
            interrupts.restore();
            stopper.finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stopper.hook);
            } catch (IllegalStateException stopping) {
                // the JVM is already stopping: the hook waited for us
            }
        }
    }

    /** Stops the shift when asked (a signal, or a shutdown hook that holds the JVM until the run has cleaned up). */
    private static final class Stopper {
        private Shift shift;
        private boolean stopAsked;
        final CountDownLatch finished = new CountDownLatch(1);
        final Thread hook = new Thread(this::stopAndWait, "sim-stop");

        /** A Ctrl+C during the setup ends the shift as soon as it starts. */
        synchronized void attach(Shift running) {
            shift = running;
            if (stopAsked) {
                running.stop();
            }
        }

        synchronized void stopAsked() {
            stopAsked = true;
            if (shift != null) {
                shift.stop();
            }
        }

        private void stopAndWait() {
            stopAsked();
            try {
                finished.await(90, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * SIGINT and SIGTERM, handled while runs last (one process-wide handler, whatever the number of runs): the
     * first of them stops every run; the next one is handled as the JVM would have (it stops). Where a signal
     * cannot be handled (the JVM uses it, or -Xrs), the shutdown hook is all there is.
     */
    private static final class Interrupts {
        private static final List<Interrupts> ACTIVE = new ArrayList<>();
        private static final Map<sun.misc.Signal, sun.misc.SignalHandler> PREVIOUS = new LinkedHashMap<>();
        private static boolean asked;

        private final Runnable stop;

        private Interrupts(Runnable stop) {
            this.stop = stop;
        }

        static Interrupts install(Runnable stop) {
            Interrupts run = new Interrupts(stop);
            synchronized (Interrupts.class) {
                if (ACTIVE.isEmpty()) {
                    asked = false;
                    for (String name : List.of("INT", "TERM")) {
                        try {
                            sun.misc.Signal signal = new sun.misc.Signal(name);
                            PREVIOUS.put(signal, sun.misc.Signal.handle(signal, Interrupts::received));
                        } catch (IllegalArgumentException notHere) {
                            // the JVM keeps this one (or the platform has none): the shutdown hook covers it
                        }
                    }
                }
                ACTIVE.add(run);
            }
            return run;
        }

        private static void received(sun.misc.Signal signal) {
            List<Interrupts> runs;
            synchronized (Interrupts.class) {
                if (asked) {
                    putBack();
                    sun.misc.Signal.raise(signal);
                    return;
                }
                asked = true;
                runs = List.copyOf(ACTIVE);
            }
            for (Interrupts run : runs) {
                // Off the signal's thread: stopping takes locks the run holds.
                Thread stopping = new Thread(run.stop, "sim-interrupted");
                stopping.setDaemon(true);
                stopping.start();
            }
        }

        void restore() {
            synchronized (Interrupts.class) {
                if (ACTIVE.remove(this) && ACTIVE.isEmpty()) {
                    putBack();
                }
            }
        }

        private static void putBack() {
            PREVIOUS.forEach((signal, handler) -> {
                try {
                    sun.misc.Signal.handle(signal, handler);
                } catch (IllegalArgumentException ignored) {
                    // as it was
                }
            });
            PREVIOUS.clear();
        }
    }

    private static int run(DatabaseTarget target, Path dataDir, Options options, SimSettings settings,
                           PrintStream out, Stopper stopper) throws Exception {
        try (AdminDatabase admin = AdminDatabase.open(target, dataDir, options.scratch(), out)) {
            DispatchServices services = new DispatchServices(admin.database());
            // Asked now: at the end the database may be away (or, after Ctrl+C, stopping).
            boolean durable = admin.durable();
            List<OutletRow> outlets = playedOutlets(services);
            List<RiderRow> riders = riders(services, outlets, settings.riders(), settings.seed(), out);
            Tokens tokens = Tokens.issue(services, outlets, riders);
            GatewayServer own = null;
            Database gatewayDatabase = null;
            try {
                URI http = options.gateway();
                URI socket = options.socket();
                if (http == null) {
                    DatabaseConfig config = admin.database().config();
                    DatabaseConfig gatewayLogin = DatabaseConfig.of(config.url(), options.gatewayUser(),
                            options.gatewayPassword());
                    gatewayDatabase = Database.open(gatewayLogin);
                    own = GatewayServer.start(new DispatchServices(gatewayDatabase),
                            FeedSettings.of(gatewayLogin.url(), gatewayLogin.user(), gatewayLogin.password()),
                            new GatewayServer.Settings("127.0.0.1", 0, 0, 20, 40));
                    http = URI.create("http://127.0.0.1:" + own.httpPort());
                    socket = URI.create("http://127.0.0.1:" + own.socketPort());
                    out.println("Gateway started for the simulation: HTTP API " + http + ", Socket.IO " + socket);
                } else if (socket == null) {
                    socket = URI.create(http.getScheme() + "://" + http.getHost() + ":" + (http.getPort() + 1));
                }
                SimAccess access = new SimAccess(http, socket, tokens.system, tokens.outlets, tokens.riders,
                        riders.stream().map(RiderRow::id).toList());
                Shift shift = new Shift(access, settings, lateAfter(services), out);
                stopper.attach(shift);
                SimMetrics metrics = shift.run();
                // The database may be away now (the run may have ended because of it): the report is printed
                // all the same, saying what could not be checked or revoked.
                List<String> violations = new ArrayList<>();
                String unchecked = null;
                try {
                    for (OutletRow outlet : outlets) {
                        violations.addAll(InvariantChecker.check(admin.database().dataSource(), outlet.id()));
                    }
                } catch (java.sql.SQLException | DispatchException e) {
                    unchecked = "the database did not answer the check (" + describe(e) + ")";
                }
                int stillValid = tokens.revokeAll(services);
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("riders", riders.size());
                report.put("ordersPerMinute", settings.ordersPerMinute());
                report.put("minutes", settings.minutes());
                report.put("seed", settings.seed());
                report.put("pace", settings.pace());
                report.put("autoDispatch", settings.autoDispatch());
                report.put("durable", durable);
                report.putAll(metrics.figures());
                Map<String, Object> invariants = new LinkedHashMap<>();
                invariants.put("outletsChecked", unchecked == null ? outlets.size() : 0);
                invariants.put("violations", violations.size());
                invariants.put("examples", violations.stream().limit(10).toList());
                if (unchecked != null) {
                    invariants.put("notChecked", unchecked);
                }
                report.put("invariants", invariants);
                Map<String, Object> issued = new LinkedHashMap<>();
                issued.put("issued", tokens.ids.size());
                issued.put("stillValid", stillValid);
                if (stillValid > 0) {
                    issued.put("notRevoked", tokens.why);
                    issued.put("todo", "revoke the tokens created by " + ACTOR + " with `token list` and "
                            + "`token revoke <id>` (as an admin, once the database answers)");
                }
                report.put("tokens", issued);
                out.println(new ObjectMapper().writeValueAsString(report));
                return metrics.errorCount() == 0 && violations.isEmpty() && unchecked == null && stillValid == 0
                        ? 0 : 1;
            } finally {
                if (own != null) {
                    own.close();
                }
                if (gatewayDatabase != null) {
                    gatewayDatabase.close();
                }
                tokens.revokeAll(services);
            }
        }
    }

    private static String describe(Exception e) {
        return e instanceof DispatchException d ? d.code() + ": " + d.getMessage()
                : "SQLState " + ((java.sql.SQLException) e).getSQLState();
    }

    /** The review's lateness threshold, so the riders playing a late delivery wait just past it. */
    private static Duration lateAfter(DispatchServices services) {
        return services.queries().reviewSettings().lateAfter();
    }

    /** Every outlet but the stress runs' own. */
    private static List<OutletRow> playedOutlets(DispatchServices services) {
        List<OutletRow> outlets = services.queries().outlets().stream()
                .filter(o -> !o.name().startsWith(com.dispatchconsole.domain.Outlet.STRESS_PREFIX)).toList();
        if (outlets.isEmpty()) {
            throw new DispatchException(ErrorCode.OUTLET_NOT_FOUND, "The database has no outlets to simulate; "
                    + "start the console once on it for the demo shift, or create outlets first.");
        }
        return outlets;
    }

    /** The first {@code count} riders of the outlets, taken from each outlet in turn; more enrolled if needed. */
    private static List<RiderRow> riders(DispatchServices services, List<OutletRow> outlets, int count, long seed,
                                         PrintStream out) {
        List<UUID> outletIds = outlets.stream().map(OutletRow::id).toList();
        List<RiderRow> existing = services.queries().riders().stream()
                .filter(r -> outletIds.contains(r.homeOutletId())).toList();
        if (existing.size() < count) {
            DemoData.enrolRiders(services, outletIds, existing.size(), count - existing.size(), new Random(seed));
            out.println("Enrolled " + (count - existing.size()) + " riders so that " + count + " can ride.");
            existing = services.queries().riders().stream().filter(r -> outletIds.contains(r.homeOutletId())).toList();
        }
        Map<UUID, List<RiderRow>> byOutlet = new LinkedHashMap<>();
        outletIds.forEach(id -> byOutlet.put(id, new ArrayList<>()));
        existing.stream().sorted(Comparator.comparing(RiderRow::name).thenComparing(RiderRow::id))
                .forEach(r -> byOutlet.get(r.homeOutletId()).add(r));
        List<RiderRow> chosen = new ArrayList<>();
        for (int round = 0; chosen.size() < count; round++) {
            for (List<RiderRow> list : byOutlet.values()) {
                if (round < list.size() && chosen.size() < count) {
                    chosen.add(list.get(round));
                }
            }
        }
        return chosen;
    }

    /** The tokens issued for one run, revoked when it ends. */
    private static final class Tokens {
        final String system;
        final Map<UUID, String> outlets = new LinkedHashMap<>();
        final Map<UUID, String> riders = new LinkedHashMap<>();
        final List<UUID> ids = new ArrayList<>();

        private Tokens(String system) {
            this.system = system;
        }

        static Tokens issue(DispatchServices services, List<OutletRow> outlets, List<RiderRow> riders) {
            var issued = services.tokens().issue(ApiTokenScope.system("simulator dispatch bot"), ACTOR);
            Tokens tokens = new Tokens(issued.token());
            tokens.ids.add(issued.row().id());
            for (OutletRow outlet : outlets) {
                var t = services.tokens().issue(ApiTokenScope.outlet(outlet.id()), ACTOR);
                tokens.outlets.put(outlet.id(), t.token());
                tokens.ids.add(t.row().id());
            }
            for (RiderRow rider : riders) {
                var t = services.tokens().issue(ApiTokenScope.rider(rider.id()), ACTOR);
                tokens.riders.put(rider.id(), t.token());
                tokens.ids.add(t.row().id());
            }
            return tokens;
        }

        private final java.util.Set<UUID> revoked = new java.util.HashSet<>();
        private boolean gaveUp;
        /** Why the revoking stopped, as the first refusal said it. */
        String why = "";

        /**
         * Revokes every token not revoked yet; returns how many are still valid. When the database does not answer
         * it stops at once (each further attempt would wait out the pool's timeout again).
         */
        int revokeAll(DispatchServices services) {
            for (UUID id : ids) {
                if (gaveUp) {
                    break;
                }
                if (revoked.contains(id)) {
                    continue;
                }
                try {
                    services.tokens().revoke(id, ACTOR);
                    revoked.add(id);
                } catch (DispatchException e) {
                    if (e.code() == ErrorCode.ALREADY_CHANGED || e.code() == ErrorCode.TOKEN_NOT_FOUND) {
                        // revoked by an admin meanwhile: what we wanted
                        revoked.add(id);
                    } else {
                        // The database is away (or refuses): asking again for each token would only wait out the pool's
                        // timeout each time, and again in the clean-up after the report.
                        gaveUp = true;
                        why = e.code() + ": " + e.getMessage();
                    }
                }
            }
            return ids.size() - revoked.size();
        }
    }

    /**
     * The database as its owner (or the admin login given): the user's embedded one (started, or joined when a
     * console runs it), a scratch one, or a shared one by URL.
     */
    private static final class AdminDatabase implements AutoCloseable {
        private final DatabaseLauncher launcher;
        private final Path scratchDir;

        private AdminDatabase(DatabaseLauncher launcher, Path scratchDir) {
            this.launcher = launcher;
            this.scratchDir = scratchDir;
        }

        static AdminDatabase open(DatabaseTarget target, Path dataDir, boolean scratch, PrintStream out)
                throws IOException, java.sql.SQLException {
            if (target.external()) {
                return new AdminDatabase(DatabaseLauncher.open(target, null, null, out), null);
            }
            if (scratch) {
                Path dir = Files.createTempDirectory("dispatch-sim");
                return new AdminDatabase(DatabaseLauncher.openStoppedByCaller(dir, DemoSize.STANDARD, out), dir);
            }
            return new AdminDatabase(DatabaseLauncher.openOrJoinEmbedded(dataDir, out), null);
        }

        Database database() {
            return launcher.database();
        }

        boolean durable() {
            try (var c = database().dataSource().getConnection()) {
                return com.dispatchconsole.persistence.DatabaseQueries.durable(c);
            } catch (java.sql.SQLException e) {
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            launcher.close();
            if (scratchDir != null) {
                deleteQuietly(scratchDir);
            }
        }

        private static void deleteQuietly(Path dir) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory the OS clears
            }
        }
    }

    /** The demo gateway login for a gateway started on the embedded or scratch database. */
    public static Options embeddedGateway(URI gateway, URI socket, boolean scratch) {
        return new Options(gateway, socket, scratch, DemoOperators.GATEWAY, DemoOperators.PASSWORD);
    }
}

package com.dispatchconsole.bench;

import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.VehicleType;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.IssuedToken;
import com.dispatchconsole.domain.rows.NewOrder;
import com.dispatchconsole.gateway.GatewayServer;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.realtime.ChangeEvent;
import com.dispatchconsole.realtime.ChangeSubscriber;
import com.dispatchconsole.realtime.FeedSettings;
import com.dispatchconsole.realtime.LiveState;
import com.dispatchconsole.service.DispatchServices;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The gateway under load, as it runs for real: a {@link GatewayServer} signed in as a login in dispatch_gateway
 * (so every scope guard applies), N Socket.IO clients over WebSocket with real tokens (rider apps, outlet systems
 * and tracking pages), and changes committed through the services at a fixed rate on batches whose rooms have
 * listeners. Reports commit → client latency and every event a client should have heard and did not; then HTTP
 * assign/unassign throughput with K clients.
 *
 * <p>Latency is from the moment the service call that committed the change returned (the commit acknowledged,
 * stamped here with the wall clock) to the moment the client library handed the event to the client's listener
 * (same clock: the gateway, PostgreSQL and the clients share this machine). The payload's {@code updatedAt} is
 * the database's {@code now()}, the transaction's start, so latency measured from it also counts the transaction
 * itself (locks, triggers, the fsync of the commit); it is reported apart as {@code sinceTransactionStart}. The
 * latency is split into stages: commit → the gateway's feed (PostgreSQL's NOTIFY and the LISTEN connection), feed →
 * the frame read off the client's socket (the fan-out, netty, the kernel), and frame → the client's listener (the
 * io.socket library, whose one event thread serves every client of its JVM).
 *
 * <p>The clients run in a JVM of their own by default ({@link ClientProcess}): in the gateway's JVM their three
 * thousand threads stretch every GC pause of the gateway, which a gateway in service does not pay.
 */
public final class GatewayBenchmark {

    /** Threads committing changes; each owns its own batches, so they never wait on each other's rows. */
    public static final int WRITERS = 8;
    private static final long DRAIN_MILLIS = 10_000;
    private static final String ACTOR = "bench-gateway";

    /**
     * @param warmUpSeconds commits at the rate before measuring, unmeasured: a gateway in service has long since
     *                      compiled its hot paths, and on 2 cores the JIT compiling them would otherwise be measured
     * @param clientsInProcess the Socket.IO clients in this JVM, beside the gateway, rather than in a JVM of their
     *                         own (see {@link ClientProcess})
     */
    public record Settings(int clients, double rate, double seconds, double warmUpSeconds, int httpClients,
                           double httpSeconds, boolean clientsInProcess) {

        public Settings {
            if (clients < 3 || rate <= 0 || seconds <= 0 || warmUpSeconds < 0 || httpClients < 1 || httpSeconds <= 0) {
                throw new IllegalArgumentException("at least 3 clients, 1 HTTP client and positive rate and times");
            }
        }
    }

    /** The summary (one JSON object) and how many events clients never heard. */
    public record Report(Map<String, Object> summary, long lost) {
    }

    /**
     * Who listens: 40 % rider apps (one per rider), 10 % outlet systems (about 10 per outlet), the rest tracking
     * pages (one per batch). Every change of a batch reaches its tracking page, its rider's app and every system of
     * its outlet.
     */
    record Mix(int riders, int outletClients, int tracking, int outlets) {

        static Mix of(int clients) {
            int outletClients = Math.max(1, clients / 10);
            int riders = Math.max(1, clients * 4 / 10);
            int tracking = clients - outletClients - riders;
            return new Mix(riders, outletClients, tracking, (outletClients + 9) / 10);
        }

        int batches() {
            return Math.max(tracking, riders);
        }

        int riderOf(int batch) {
            return batch % riders;
        }

        int outletOfRider(int rider) {
            return rider % outlets;
        }

        int outletOf(int batch) {
            return outletOfRider(riderOf(batch));
        }
    }

    /** One committed change: which batch, its updated_at as the payloads show it, and when the commit returned. */
    private record Commit(int batch, String updatedAt, long ackMicros, long updatedAtMicros) {
    }

    private final Database owner;
    private final Settings settings;
    private final PrintStream progress;
    private final Mix mix;
    private final DispatchServices services;
    private final List<UUID> riders = new ArrayList<>();
    private final List<UUID> outlets = new ArrayList<>();
    private final UUID[] batches;
    /** Whether each batch is assigned now; each batch is only ever touched by its one writer. */
    private final boolean[] assigned;
    private final List<UUID[]> httpPairs = new ArrayList<>();
    /** Every token issued here, revoked at the end: none outlives the run, on a shared database least of all. */
    private final List<UUID> issued = new ArrayList<>();

    private GatewayBenchmark(Database owner, Settings settings, PrintStream progress) {
        this.owner = owner;
        this.settings = settings;
        this.progress = progress;
        this.mix = Mix.of(settings.clients());
        this.services = new DispatchServices(owner);
        this.batches = new UUID[mix.batches()];
        this.assigned = new boolean[mix.batches()];
    }

    /** Connections the owner's pool needs: the writers and a few for setting up. */
    public static int ownerPoolSize() {
        return WRITERS + 4;
    }

    /** The child side of the benchmark's client process: see {@link ClientProcess}. */
    public static void serveClients(java.io.BufferedReader in, PrintStream out, PrintStream progress)
            throws Exception {
        ClientProcess.serve(in, out, progress);
    }

    /**
     * Runs the whole benchmark on a migrated database signed in as its owner (or an admin who may create roles):
     * sets up outlets, riders, batches and tokens, a temporary gateway login (dropped at the end), the gateway,
     * the clients; then measures. Progress lines go to {@code progress}.
     */
    public static Report run(Database owner, Settings settings, PrintStream progress) throws Exception {
        return new GatewayBenchmark(owner, settings, progress).run();
    }

    private Report run() throws Exception {
        long t0 = System.nanoTime();
        setUp();
        progress.printf("Set up %d outlets, %d riders, %d batches in %.1f s%n", outlets.size(), riders.size(),
                batches.length, seconds(t0));
        DatabaseConfig login = createGatewayLogin();
        try {
            return withGateway(login);
        } finally {
            revokeTokens();
            dropGatewayLogin(login.user());
        }
    }

    // ---- setting up ----------------------------------------------------------------------------------------------

    private void setUp() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int o = 0; o < mix.outlets(); o++) {
            outlets.add(services.fleet().createOutlet("Bench outlet " + o + " " + run, "gateway benchmark"));
        }
        RiderLimits roomy = new RiderLimits(100_000, new BigDecimal("100000"), 100_000);
        for (int r = 0; r < mix.riders(); r++) {
            riders.add(services.fleet().createRider("Bench rider " + r, null, VehicleType.VAN,
                    outlets.get(mix.outletOfRider(r)), roomy).id());
        }
        // Batches are created per outlet in one call each; remember which index got which id.
        for (int o = 0; o < mix.outlets(); o++) {
            List<Integer> indices = new ArrayList<>();
            List<List<NewOrder>> orders = new ArrayList<>();
            for (int b = 0; b < batches.length; b++) {
                if (mix.outletOf(b) == o) {
                    indices.add(b);
                    orders.add(List.of(new NewOrder("Bench", b + " Bench Road", new BigDecimal("1.50"))));
                }
            }
            if (indices.isEmpty()) {
                continue;
            }
            List<UUID> ids = services.batches().createBatches(outlets.get(o), orders, ACTOR);
            for (int i = 0; i < indices.size(); i++) {
                batches[indices.get(i)] = ids.get(i);
            }
        }
        // The HTTP clients work in an outlet of their own, which no socket client listens to.
        UUID httpOutlet = services.fleet().createOutlet("Bench HTTP outlet " + run, "gateway benchmark");
        List<List<NewOrder>> orders = new ArrayList<>();
        for (int c = 0; c < settings.httpClients(); c++) {
            orders.add(List.of(new NewOrder("Bench", c + " HTTP Road", new BigDecimal("1.50"))));
        }
        List<UUID> ids = services.batches().createBatches(httpOutlet, orders, ACTOR);
        for (int c = 0; c < settings.httpClients(); c++) {
            UUID rider = services.fleet().createRider("Bench HTTP rider " + c, null, VehicleType.VAN, httpOutlet,
                    roomy).id();
            httpPairs.add(new UUID[] {ids.get(c), rider});
        }
    }

    private String issue(ApiTokenScope scope) {
        IssuedToken token = services.tokens().issue(scope, ACTOR);
        issued.add(token.row().id());
        return token.token();
    }

    private void revokeTokens() {
        long t0 = System.nanoTime();
        int failed = 0;
        for (UUID id : issued) {
            try {
                services.tokens().revoke(id, ACTOR);
            } catch (DispatchException e) {
                failed++;
            }
        }
        progress.printf("Revoked the %d tokens the run issued in %.1f s%s%n", issued.size() - failed, seconds(t0),
                failed == 0 ? "" : "; " + failed + " could not be revoked (see the token list)");
    }

    /**
     * A login of its own in dispatch_gateway, as an operator sets up a gateway (docs/operations.md), with a random
     * password that is never shown.
     */
    private DatabaseConfig createGatewayLogin() throws SQLException {
        SecureRandom random = new SecureRandom();
        byte[] name = new byte[4];
        byte[] secret = new byte[24];
        random.nextBytes(name);
        random.nextBytes(secret);
        String login = "bench_gateway_" + HexFormat.of().formatHex(name);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try (Connection c = owner.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + login + " LOGIN PASSWORD '" + password + "' IN ROLE dispatch_gateway");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new DispatchException(ErrorCode.PERMISSION_DENIED, "The benchmark signs its gateway in with a "
                        + "temporary login in dispatch_gateway, and this database user may not create logins; run it "
                        + "as the database's owner (or a user with CREATEROLE), or on the scratch database.");
            }
            throw e;
        }
        DatabaseConfig ownerConfig = owner.config();
        return DatabaseConfig.of(ownerConfig.url(), login, password).withPoolSize(settings.httpClients() + 8);
    }

    private void dropGatewayLogin(String login) {
        try (Connection c = owner.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP ROLE IF EXISTS " + login);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            progress.println("Could not drop the benchmark's gateway login " + login + " (" + e.getSQLState()
                    + "); drop it by hand.");
        }
    }

    // ---- measuring -----------------------------------------------------------------------------------------------

    private Report withGateway(DatabaseConfig login) throws Exception {
        try (Database gatewayDb = Database.open(login);
             GatewayServer gateway = GatewayServer.start(new DispatchServices(gatewayDb),
                     FeedSettings.of(login.url(), login.user(), login.password()),
                     new GatewayServer.Settings("127.0.0.1", 0, 0, 0, 1))) {
            waitFor(() -> gateway.feed().state().status() == LiveState.Status.LIVE, 30_000, "the gateway's feed listens");
            progress.printf("Gateway up: HTTP on %d, Socket.IO on %d, signed in as a dispatch_gateway login%n",
                    gateway.httpPort(), gateway.socketPort());
            Map<String, Object> out = new LinkedHashMap<>();
            long lost = sockets(gateway, out);
            String system = issue(ApiTokenScope.system("bench"));
            progress.printf("HTTP: %d clients assign and unassign for %.1f s (after 1 s of warm-up)%n",
                    settings.httpClients(), settings.httpSeconds());
            Map<String, Object> http = new HttpAssignLoad(gateway.httpPort(), system)
                    .run(httpPairs, 1.0, settings.httpSeconds());
            progress.println("HTTP: " + http);
            out.put("http", http);
            return new Report(out, lost);
        }
    }

    private long sockets(GatewayServer gateway, Map<String, Object> out) throws Exception {
        List<GatewayClients.Spec> specs = specs();
        progress.printf("Issued %d tokens (%d rider, %d outlet, %d tracking)%n", specs.size(), mix.riders(),
                mix.outletClients(), mix.tracking());
        progress.println(settings.clientsInProcess() ? "Clients run in this JVM, beside the gateway"
                : "Clients run in a JVM of their own (bench gateway-clients)");
        try (GatewayClients clients = settings.clientsInProcess() ? new LocalClients(progress) : ClientProcess.start()) {
            long connectStart = System.nanoTime();
            int connected = clients.connect(specs, gateway.socketPort());
            double connectSeconds = seconds(connectStart);
            progress.printf("Connected %d of %d clients in %.1f s%n", connected, specs.size(), connectSeconds);
            waitFor(() -> gateway.rooms().clients() >= connected, 30_000, "the gateway counts every client");
            FeedProbe probe = new FeedProbe();
            gateway.feed().subscribe(probe);

            if (settings.warmUpSeconds() > 0) {
                progress.printf("Warming up: %.0f changes/s for %.0f s, not measured%n", settings.rate(),
                        settings.warmUpSeconds());
                commit(clients, gateway, settings.warmUpSeconds(), new AtomicLong());
                Thread.sleep(1000);
            }
            List<GatewayClients.Receipts> before = clients.receipts();
            progress.printf("Committing %.0f changes/s for %.0f s through the services (%d writers)%n",
                    settings.rate(), settings.seconds(), WRITERS);
            double loadBefore = loadAverage();
            AtomicLong failed = new AtomicLong();
            long began = System.nanoTime();
            List<Commit> commits = commit(clients, gateway, settings.seconds(), failed);
            double elapsed = seconds(began);
            double loadAfter = loadAverage();

            List<List<Integer>> expected = expectations(specs);
            long expectedCount = commits.stream().mapToLong(c -> expected.get(c.batch()).size()).sum();
            long heardBefore = before.stream().mapToLong(r -> r.heard().size()).sum();
            long drainStart = System.nanoTime();
            List<GatewayClients.Receipts> receipts = drain(clients, commits, expected, expectedCount, heardBefore);
            progress.printf("Drained for %.1f s%n", seconds(drainStart));

            long dropped = gateway.rooms().eventsDropped();
            List<Double> fromAck = new ArrayList<>();
            List<Double> fromStart = new ArrayList<>();
            List<Double> toFeed = new ArrayList<>();
            List<Double> feedToWire = new ArrayList<>();
            List<Double> wireToListener = new ArrayList<>();
            long events = 0;
            long lost = 0;
            java.util.Set<Integer> expecting = new java.util.HashSet<>();
            java.util.Set<Integer> shortOf = new java.util.HashSet<>();
            for (Commit commit : commits) {
                String key = GatewayListener.key(batches[commit.batch()].toString(), commit.updatedAt());
                Long fed = probe.at(key);
                if (fed != null) {
                    toFeed.add((fed - commit.ackMicros()) / 1000.0);
                }
                for (int client : expected.get(commit.batch())) {
                    events++;
                    expecting.add(client);
                    GatewayClients.Receipts r = receipts.get(client);
                    Long arrived = r.onWire().get(key);
                    if (arrived != null && fed != null) {
                        feedToWire.add((arrived - fed) / 1000.0);
                    }
                    Long heard = r.heard().get(key);
                    if (heard == null) {
                        lost++;
                        shortOf.add(client);
                    } else {
                        fromAck.add((heard - commit.ackMicros()) / 1000.0);
                        fromStart.add((heard - commit.updatedAtMicros()) / 1000.0);
                        if (arrived != null) {
                            wireToListener.add((heard - arrived) / 1000.0);
                        }
                    }
                }
            }
            int resyncs = 0;
            int disconnects = 0;
            for (int i = 0; i < receipts.size(); i++) {
                resyncs += receipts.get(i).resyncs() - before.get(i).resyncs();
                disconnects += receipts.get(i).disconnects();
            }
            Map<String, Double> latency = NotifyBenchmark.percentiles(fromAck);
            out.put("benchmark", "gateway");
            out.put("clients", specs.size());
            out.put("clientsInProcess", settings.clientsInProcess());
            out.put("riderClients", mix.riders());
            out.put("outletClients", mix.outletClients());
            out.put("trackingClients", mix.tracking());
            out.put("outlets", mix.outlets());
            out.put("batches", batches.length);
            out.put("rate", settings.rate());
            out.put("seconds", settings.seconds());
            out.put("warmUpSeconds", settings.warmUpSeconds());
            out.put("commits", commits.size());
            out.put("achievedRate", round(commits.size() / elapsed));
            out.put("failedCommits", failed.get());
            out.put("events", events);
            out.put("received", events - lost);
            out.put("lost", lost);
            out.put("dropped", dropped);
            out.put("resyncs", resyncs);
            out.put("disconnects", disconnects);
            out.put("clientsConnected", connected);
            out.put("clientsExpectingEvents", expecting.size());
            out.put("clientsShort", shortOf.size());
            out.put("connectSeconds", round(connectSeconds));
            out.put("latencyFrom", "commit acknowledged");
            out.put("p50Ms", latency.getOrDefault("p50", 0.0));
            out.put("p99Ms", latency.getOrDefault("p99", 0.0));
            out.put("maxMs", latency.getOrDefault("max", 0.0));
            out.put("sinceTransactionStart", millis(fromStart));
            Map<String, Object> stages = new LinkedHashMap<>();
            stages.put("commitToFeed", millis(toFeed));
            stages.put("feedToWire", millis(feedToWire));
            stages.put("wireToListener", millis(wireToListener));
            out.put("stages", stages);
            // This machine's 1-minute load average as the measurement began and ended, this run's threads included:
            // on a box shared with other work the figures above are only as good as the CPU left to them.
            out.put("loadAverage", List.of(round(loadBefore), round(loadAfter)));
            progress.println("Stages (commit acknowledged -> gateway's feed -> frame on the client's socket -> client "
                    + "library's listener): " + stages);
            progress.printf("Sockets: %d commits (%.1f/s), %d events, %d lost, %d dropped; p50 %.1f ms, p99 %.1f ms, "
                    + "max %.1f ms%n", commits.size(), commits.size() / elapsed, events, lost, dropped,
                    latency.getOrDefault("p50", 0.0), latency.getOrDefault("p99", 0.0),
                    latency.getOrDefault("max", 0.0));
            return lost;
        }
    }

    /** One spec per client, its token issued now: 40 % rider apps, 10 % outlet systems, the rest tracking pages. */
    private List<GatewayClients.Spec> specs() {
        List<GatewayClients.Spec> specs = new ArrayList<>();
        for (int r = 0; r < mix.riders(); r++) {
            specs.add(new GatewayClients.Spec(GatewayListener.Kind.RIDER, r, null,
                    issue(ApiTokenScope.rider(riders.get(r)))));
        }
        for (int o = 0; o < mix.outletClients(); o++) {
            int outlet = o % mix.outlets();
            specs.add(new GatewayClients.Spec(GatewayListener.Kind.OUTLET, outlet, null,
                    issue(ApiTokenScope.outlet(outlets.get(outlet)))));
        }
        for (int t = 0; t < mix.tracking(); t++) {
            specs.add(new GatewayClients.Spec(GatewayListener.Kind.TRACKING, t, batches[t].toString(),
                    issue(ApiTokenScope.tracking(batches[t]))));
        }
        return specs;
    }

    /** For each batch, the clients (indices of the specs) that must hear of each of its changes. */
    private List<List<Integer>> expectations(List<GatewayClients.Spec> specs) {
        List<List<Integer>> expected = new ArrayList<>();
        for (int b = 0; b < batches.length; b++) {
            List<Integer> who = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                GatewayClients.Spec spec = specs.get(i);
                boolean hears = switch (spec.kind()) {
                    case TRACKING -> spec.subject() == b;
                    case RIDER -> spec.subject() == mix.riderOf(b);
                    case OUTLET -> spec.subject() == mix.outletOf(b);
                };
                if (hears) {
                    who.add(i);
                }
            }
            expected.add(who);
        }
        return expected;
    }

    /**
     * Waits until the clients have heard as many new changes as they must, then until none is missing, for at most
     * {@link #DRAIN_MILLIS}; returns what each heard.
     */
    private List<GatewayClients.Receipts> drain(GatewayClients clients, List<Commit> commits,
                                                List<List<Integer>> expected, long expectedCount, long heardBefore)
            throws Exception {
        long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
        while (clients.heard() - heardBefore < expectedCount && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        while (true) {
            List<GatewayClients.Receipts> receipts = clients.receipts();
            if (missing(commits, expected, receipts) == 0 || System.currentTimeMillis() >= deadline) {
                return receipts;
            }
            Thread.sleep(500);
        }
    }

    private long missing(List<Commit> commits, List<List<Integer>> expected, List<GatewayClients.Receipts> receipts) {
        long missing = 0;
        for (Commit commit : commits) {
            String key = GatewayListener.key(batches[commit.batch()].toString(), commit.updatedAt());
            for (int client : expected.get(commit.batch())) {
                if (!receipts.get(client).heard().containsKey(key)) {
                    missing++;
                }
            }
        }
        return missing;
    }

    /**
     * The writers: each owns every WRITERS-th batch and commits at rate / WRITERS, assigning a batch to its rider
     * or unassigning it again, through the services as a dispatcher does. A writer that falls behind catches up
     * without pause, so the rate offered does not drop when commits slow down; what was achieved is reported.
     */
    private List<Commit> commit(GatewayClients clients, GatewayServer gateway, double seconds, AtomicLong failed)
            throws Exception {
        int writers = Math.min(WRITERS, batches.length);
        long intervalNanos = (long) (1e9 * writers / settings.rate());
        long start = System.nanoTime() + 50_000_000L;
        long end = start + (long) (seconds * 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(writers, daemon("bench-writer"));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("bench-progress"));
        AtomicInteger done = new AtomicInteger();
        AtomicLong compiled = new AtomicLong(compilationMillis());
        ticker.scheduleAtFixedRate(() -> {
            try {
                long jit = compilationMillis();
                progress.printf("  %4.1f s: %d commits, %d events received, %d dropped; JIT %d ms%n",
                        (System.nanoTime() - start) / 1e9, done.get(), clients.events(), gateway.rooms().eventsDropped(),
                        jit - compiled.getAndSet(jit));
            } catch (Exception e) {
                progress.println("  (could not count the events received: " + e.getMessage() + ")");
            }
        }, 1050, 1000, TimeUnit.MILLISECONDS);
        List<Future<List<Commit>>> runs = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                int writer = w;
                long first = start + (long) (1e9 / settings.rate() * w);
                runs.add(pool.submit(() -> write(writer, writers, first, intervalNanos, end, done, failed)));
            }
            List<Commit> commits = new ArrayList<>();
            for (Future<List<Commit>> run : runs) {
                commits.addAll(run.get());
            }
            return commits;
        } finally {
            ticker.shutdownNow();
            pool.shutdownNow();
        }
    }

    private List<Commit> write(int writer, int writers, long first, long intervalNanos, long end, AtomicInteger done,
                               AtomicLong failed) {
        List<Integer> mine = new ArrayList<>();
        for (int b = writer; b < batches.length; b += writers) {
            mine.add(b);
        }
        List<Commit> commits = new ArrayList<>();
        long next = first;
        int turn = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                return commits;
            }
            if (now < next) {
                LockSupport.parkNanos(Math.min(next, end) - now);
                continue;
            }
            next += intervalNanos;
            int b = mine.get(turn++ % mine.size());
            try {
                BatchRow row = assigned[b] ? services.assignments().unassign(batches[b], ACTOR, null)
                        : services.assignments().assign(batches[b], riders.get(mix.riderOf(b)), ACTOR);
                long ack = wallMicros();
                assigned[b] = !assigned[b];
                commits.add(new Commit(b, row.updatedAt().toString(), ack, micros(row.updatedAt())));
                done.incrementAndGet();
            } catch (DispatchException e) {
                failed.incrementAndGet();
            }
        }
    }

    /** When the gateway's feed received each batch change, in wall-clock microseconds. */
    private static final class FeedProbe implements ChangeSubscriber {

        private final Map<String, Long> received = new ConcurrentHashMap<>();

        @Override
        public void onChanges(List<ChangeEvent> events) {
            long nowMicros = wallMicros();
            long nowNanos = System.nanoTime();
            for (ChangeEvent e : events) {
                if (e.entity() == ChangeEvent.Entity.BATCH && e.updatedAt() != null) {
                    received.putIfAbsent(GatewayListener.key(e.id().toString(), e.updatedAt().toString()),
                            nowMicros - (nowNanos - e.receivedNanos()) / 1000);
                }
            }
        }

        Long at(String key) {
            return received.get(key);
        }
    }

    /** Time this JVM's JIT compilers have spent so far, summed over its compiler threads. */
    private static long compilationMillis() {
        return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** p50, p99 and max in milliseconds. */
    private static Map<String, Object> millis(List<Double> values) {
        Map<String, Double> p = NotifyBenchmark.percentiles(values);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("p50Ms", p.getOrDefault("p50", 0.0));
        out.put("p99Ms", p.getOrDefault("p99", 0.0));
        out.put("maxMs", p.getOrDefault("max", 0.0));
        return out;
    }

    // ---- small things --------------------------------------------------------------------------------------------

    /** The wall clock in microseconds: the one clock the database, the gateway and the clients here share. */
    static long wallMicros() {
        return micros(Instant.now());
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Waits for the condition; past the deadline it fails with {@code what}, or just returns when that is null. */
    private static void waitFor(BooleanSupplier condition, long millis, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                if (what == null) {
                    return;
                }
                throw new IllegalStateException("Not within " + millis + " ms: " + what);
            }
            Thread.sleep(50);
        }
    }
}

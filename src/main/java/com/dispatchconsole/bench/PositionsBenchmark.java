package com.dispatchconsole.bench;

import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.VehicleType;
import com.dispatchconsole.domain.rows.NewOrder;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.RiderQueries;
import com.dispatchconsole.service.DispatchServices;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Rider positions at fleet size (issue 15): N riders (10,000 by default) reporting fixes through the service the
 * gateway's {@code POST /riders/{id}/location} calls, one transaction per fix, while dispatchers assign and unassign
 * batches to a set of those riders. Four phases of equal length: assignments alone, positions alone, both, and both
 * with the positions' NOTIFY trigger off (what remains when the NOTIFY commit lock is out of the way). Half of the
 * fixes (by default) go to the riders the assignments lock, the worst case for contention.
 *
 * <p>Before measuring, a lock probe shows which locks a fix takes on the rider's row: a fix is made to wait-or-not
 * behind a held assignment lock ({@code FOR NO KEY UPDATE} on delivery_riders), and an open fix transaction is
 * tested against {@code FOR NO KEY UPDATE NOWAIT} and {@code FOR UPDATE NOWAIT} on the same row.
 */
public final class PositionsBenchmark {

    public record Settings(int riders, int assignRiders, int positionClients, int assignClients, double seconds,
                           double hotShare, int fixesPerTransaction) {

        public Settings {
            if (riders < assignRiders || assignRiders < assignClients || positionClients < 1 || assignClients < 1
                    || seconds <= 0 || hotShare < 0 || hotShare > 1 || fixesPerTransaction < 1) {
                throw new IllegalArgumentException("riders >= assign riders >= assign clients >= 1, positive time, "
                        + "hot share in [0, 1]");
            }
        }
    }

    private static final String ACTOR = "bench-positions";

    private final Database database;
    private final Settings settings;
    private final PrintStream progress;
    private final DispatchServices services;
    private final List<UUID> riders = new ArrayList<>();
    private final List<UUID> assignRiders = new ArrayList<>();
    private final List<UUID> assignBatches = new ArrayList<>();

    private PositionsBenchmark(Database database, Settings settings, PrintStream progress) {
        this.database = database;
        this.settings = settings;
        this.progress = progress;
        this.services = new DispatchServices(database);
    }

    public static Map<String, Object> run(Database database, Settings settings, PrintStream progress)
            throws Exception {
        return new PositionsBenchmark(database, settings, progress).run();
    }

    private Map<String, Object> run() throws Exception {
        long t0 = System.nanoTime();
        setUp();
        progress.printf("Set up %d riders (%d taking assignments) with a position each in %.1f s%n", riders.size(),
                assignRiders.size(), (System.nanoTime() - t0) / 1e9);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "positions");
        out.put("riders", riders.size());
        out.put("assignRiders", assignRiders.size());
        out.put("positionClients", settings.positionClients());
        out.put("assignClients", settings.assignClients());
        out.put("secondsPerPhase", settings.seconds());
        out.put("hotShare", settings.hotShare());
        // Unmeasured warm-up of both paths, so the probe's timings are not the first calls'.
        phase("warm-up", true, true, Math.min(3, settings.seconds()));
        out.put("lockProbe", probe());
        progress.println("Lock probe: " + out.get("lockProbe"));
        List<Map<String, Object>> phases = new ArrayList<>();
        phases.add(phase("assignments alone", true, false, settings.seconds()));
        phases.add(phase("positions alone", false, true, settings.seconds()));
        phases.add(phase("both", true, true, settings.seconds()));
        setLocationNotify(false);
        try {
            phases.add(phase("both, positions without NOTIFY", true, true, settings.seconds()));
        } finally {
            setLocationNotify(true);
        }
        // What coalescing fixes into fewer transactions would give: the same statement on plain JDBC connections,
        // one fix per commit and then many fixes per commit (one NOTIFY commit lock per commit, not per fix).
        phases.add(rawPhase(1, settings.seconds()));
        phases.add(rawPhase(settings.fixesPerTransaction(), settings.seconds()));
        out.put("phases", phases);
        Map<String, Object> alone = phases.get(0);
        Map<String, Object> both = phases.get(2);
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("assignP99AloneMs", p99(alone.get("assignMs")));
        verdict.put("assignP99WithPositionsMs", p99(both.get("assignMs")));
        verdict.put("assignThroughputKept", Math.round((Double) both.get("assignTxPerSec")
                / Math.max(0.1, (Double) alone.get("assignTxPerSec")) * 100) / 100.0);
        verdict.put("positionsPerSecWithAssignments", both.get("positionsPerSec"));
        verdict.put("positionsPerSecAlone", phases.get(1).get("positionsPerSec"));
        verdict.put("positionsPerSecWithoutNotify", phases.get(3).get("positionsPerSec"));
        verdict.put("positionsPerSecRawOnePerCommit", phases.get(4).get("positionsPerSec"));
        verdict.put("positionsPerSecRawCoalesced", phases.get(5).get("positionsPerSec"));
        out.put("verdict", verdict);
        out.put("loadAverage", NotifyLockSampler.loadAverage());
        return out;
    }

    private static Object p99(Object percentiles) {
        return percentiles instanceof Map<?, ?> m ? m.get("p99") : null;
    }

    // ---- setting up ----------------------------------------------------------------------------------------------

    private void setUp() throws SQLException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        UUID outlet = services.fleet().createOutlet("Bench positions " + run, "positions benchmark");
        RiderLimits roomy = new RiderLimits(100_000, new BigDecimal("100000"), 100_000);
        for (int i = 0; i < settings.assignRiders(); i++) {
            assignRiders.add(services.fleet().createRider("Positions rider " + i, null, VehicleType.VAN, outlet,
                    roomy).id());
        }
        List<List<NewOrder>> orders = new ArrayList<>();
        for (int i = 0; i < settings.assignRiders(); i++) {
            orders.add(List.of(new NewOrder("Bench", i + " Position Road", new BigDecimal("1.50"))));
        }
        assignBatches.addAll(services.batches().createBatches(outlet, orders, ACTOR));
        riders.addAll(assignRiders);
        int more = settings.riders() - settings.assignRiders();
        try (Connection c = database.dataSource().getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement actor = c.prepareStatement("SELECT set_config('dispatch.operator', ?, true)");
                 PreparedStatement insert = c.prepareStatement("""
                         INSERT INTO delivery_riders (id, name, vehicle_type, home_outlet_id, max_capacity,
                                                      max_weight_kg, max_active_batches)
                         SELECT gen_random_uuid(), 'Fleet rider ' || i, 'SCOOTER', ?, 30, 120, 3
                         FROM generate_series(1, ?) i RETURNING id""");
                 PreparedStatement fixes = c.prepareStatement("""
                         INSERT INTO rider_locations (rider_id, lat, lon, accuracy_m, fix_at)
                         SELECT id, 51.5, -0.12, 10, now() - interval '1 minute' FROM delivery_riders
                         WHERE id = ANY (?) ON CONFLICT (rider_id) DO NOTHING""")) {
                actor.setString(1, ACTOR);
                actor.executeQuery().close();
                insert.setObject(1, outlet);
                insert.setInt(2, more);
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        riders.add(rs.getObject(1, UUID.class));
                    }
                }
                fixes.setArray(1, c.createArrayOf("uuid", riders.toArray()));
                fixes.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    private void setLocationNotify(boolean enabled) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE rider_locations " + (enabled ? "ENABLE" : "DISABLE") + " TRIGGER rider_locations_notify");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    // ---- the lock probe ------------------------------------------------------------------------------------------

    /**
     * Which locks a fix takes and whether it meets the assignments' lock. (1) An assignment's lock held on a rider
     * (FOR NO KEY UPDATE, as the services and the database's rider guard take it): does a fix through the service
     * for that rider finish, and how long does it take? (2) A fix left uncommitted: its table locks, and whether
     * another transaction can still take the rider row FOR NO KEY UPDATE (what assignments take) and FOR UPDATE
     * (which a FOR KEY SHARE lock from the fix's foreign keys would refuse); and does an assignment through the
     * service to that rider finish while the fix is open?
     */
    private Map<String, Object> probe() throws Exception {
        var config = database.config();
        UUID rider = assignRiders.get(0);
        UUID batch = assignBatches.get(0);
        Map<String, Object> out = new LinkedHashMap<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection holder = DriverManager.getConnection(config.url(), config.user(), config.password());
             Connection other = DriverManager.getConnection(config.url(), config.user(), config.password())) {
            holder.setAutoCommit(false);
            try (PreparedStatement ps = holder.prepareStatement(
                    "SELECT 1 FROM delivery_riders WHERE id = ? FOR NO KEY UPDATE")) {
                ps.setObject(1, rider);
                ps.executeQuery().close();
            }
            whileHeld(pool, holder, () -> services.fleet().reportPosition(rider, 51.51, -0.11, 5f, Instant.now()), out,
                    "fixWhileRiderLockedForAssignment", "fixWhileRiderLockedMs");

            // (2) an open fix
            try (PreparedStatement pid = holder.prepareStatement("SELECT pg_backend_pid()")) {
                holder.setAutoCommit(false);
                RiderQueries.reportPosition(holder, rider, 51.52, -0.10, 5f, Instant.now());
                int backend;
                try (ResultSet rs = pid.executeQuery()) {
                    rs.next();
                    backend = rs.getInt(1);
                }
                List<String> locks = new ArrayList<>();
                try (PreparedStatement ps = other.prepareStatement("SELECT c.relname, l.mode FROM pg_locks l "
                        + "JOIN pg_class c ON c.oid = l.relation WHERE l.pid = ? AND l.locktype = 'relation' "
                        + "AND c.relkind = 'r' ORDER BY 1, 2")) {
                    ps.setInt(1, backend);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            locks.add(rs.getString(1) + " " + rs.getString(2));
                        }
                    }
                }
                out.put("openFixTableLocks", locks);
                out.put("riderRowForNoKeyUpdateNowait", tryRowLock(other, rider, "FOR NO KEY UPDATE NOWAIT"));
                out.put("riderRowForUpdateNowait", tryRowLock(other, rider, "FOR UPDATE NOWAIT"));
                whileHeld(pool, holder, () -> {
                    services.assignments().assign(batch, rider, ACTOR);
                    services.assignments().unassign(batch, ACTOR, null);
                }, out, "assignWhileFixOpen", "assignWhileFixOpenMs");
            }
        } finally {
            pool.shutdownNow();
        }
        boolean contends = !"finished".equals(out.get("fixWhileRiderLockedForAssignment"))
                || !"finished".equals(out.get("assignWhileFixOpen"))
                || !"granted".equals(out.get("riderRowForNoKeyUpdateNowait"));
        out.put("fixTakesOnRiderRow", "refused".equals(out.get("riderRowForUpdateNowait"))
                ? "FOR KEY SHARE (the foreign keys of the rows it writes)" : "nothing");
        out.put("contendsWithAssignmentRowLocks", contends);
        return out;
    }

    /** A step of work a probe runs on another thread. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /**
     * Runs {@code step} on {@code pool} while {@code holder}'s transaction holds its locks: {@code resultKey} says
     * whether it finished within 2 s or waited, {@code msKey} how long that took; then the holder rolls back and a step
     * that waited is let finish.
     */
    private static void whileHeld(ExecutorService pool, Connection holder, Step step, Map<String, Object> out,
                                  String resultKey, String msKey) throws Exception {
        long began = System.nanoTime();
        Future<?> work = pool.submit(() -> {
            step.run();
            return null;
        });
        boolean done = finished(work);
        out.put(resultKey, done ? "finished" : "waited");
        out.put(msKey, Math.round((System.nanoTime() - began) / 1e5) / 10.0);
        holder.rollback();
        if (!done) {
            work.get(10, TimeUnit.SECONDS);
        }
    }

    private static boolean finished(Future<?> work) throws Exception {
        try {
            work.get(2, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    private static String tryRowLock(Connection c, UUID rider, String clause) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM delivery_riders WHERE id = ? " + clause)) {
            ps.setObject(1, rider);
            ps.executeQuery().close();
            return "granted";
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                return "refused";
            }
            throw e;
        } finally {
            c.rollback();
            c.setAutoCommit(auto);
        }
    }

    // ---- measuring -----------------------------------------------------------------------------------------------

    private Map<String, Object> phase(String name, boolean assignments, boolean positions, double seconds)
            throws Exception {
        var config = database.config();
        int threads = (assignments ? settings.assignClients() : 0) + (positions ? settings.positionClients() : 0);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long began = System.nanoTime();
        long deadline = began + (long) (seconds * 1e9);
        List<Future<List<Double>>> assignRuns = new ArrayList<>();
        List<Future<List<Double>>> positionRuns = new ArrayList<>();
        List<Double> load = NotifyLockSampler.loadAverage();
        Map<String, Object> lock;
        try (NotifyLockSampler sampler = NotifyLockSampler.start(config.url(), config.user(), config.password())) {
            if (assignments) {
                for (int c = 0; c < settings.assignClients(); c++) {
                    int client = c;
                    assignRuns.add(pool.submit(() -> assignLoop(client, deadline)));
                }
            }
            if (positions) {
                for (int c = 0; c < settings.positionClients(); c++) {
                    positionRuns.add(pool.submit(() -> positionLoop(deadline)));
                }
            }
            List<Double> assignMs = collect(assignRuns);
            List<Double> positionMs = collect(positionRuns);
            lock = sampler.stop();
            double elapsed = (System.nanoTime() - began) / 1e9;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("phase", name);
            out.put("assignTxPerSec", Math.round(assignMs.size() / elapsed * 10) / 10.0);
            out.put("assignMs", NotifyBenchmark.percentiles(assignMs));
            out.put("positionsPerSec", Math.round(positionMs.size() / elapsed * 10) / 10.0);
            out.put("positionMs", NotifyBenchmark.percentiles(positionMs));
            out.put("notifyLock", lock);
            out.put("loadAverageBefore", load);
            progress.println("  " + out);
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Positions alone on plain JDBC connections, {@code perCommit} fixes (distinct riders, as a gateway coalescing a
     * short window would send) per transaction; the same statement as the service's. Latency is per commit.
     */
    private Map<String, Object> rawPhase(int perCommit, double seconds) throws Exception {
        var config = database.config();
        ExecutorService pool = Executors.newFixedThreadPool(settings.positionClients());
        long began = System.nanoTime();
        long deadline = began + (long) (seconds * 1e9);
        List<Double> load = NotifyLockSampler.loadAverage();
        try (NotifyLockSampler sampler = NotifyLockSampler.start(config.url(), config.user(), config.password())) {
            List<Future<long[]>> runs = new ArrayList<>();
            List<List<Double>> latencies = new ArrayList<>();
            int clients = settings.positionClients();
            for (int c = 0; c < clients; c++) {
                List<Double> ms = new ArrayList<>();
                latencies.add(ms);
                // Each client its own riders (as each rider's fixes reach one gateway node), so that two commits
                // never wait on each other's rows or deadlock over them.
                List<UUID> hot = new ArrayList<>();
                List<UUID> all = new ArrayList<>();
                for (int i = c; i < assignRiders.size(); i += clients) {
                    hot.add(assignRiders.get(i));
                }
                for (int i = c; i < riders.size(); i += clients) {
                    all.add(riders.get(i));
                }
                if (hot.isEmpty()) {
                    hot = all;
                }
                List<UUID> hotRiders = hot;
                runs.add(pool.submit(() -> {
                    long fixes = 0;
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    try (Connection conn = DriverManager.getConnection(config.url(), config.user(), config.password())) {
                        conn.setAutoCommit(false);
                        while (System.nanoTime() < deadline) {
                            long t0 = System.nanoTime();
                            for (int i = 0; i < perCommit; i++) {
                                UUID rider = random.nextDouble() < settings.hotShare()
                                        ? hotRiders.get(random.nextInt(hotRiders.size()))
                                        : all.get(random.nextInt(all.size()));
                                RiderQueries.reportPosition(conn, rider, 51.4 + random.nextDouble() * 0.2,
                                        -0.2 + random.nextDouble() * 0.2, 8f, Instant.now());
                            }
                            conn.commit();
                            ms.add((System.nanoTime() - t0) / 1e6);
                            fixes += perCommit;
                        }
                    }
                    return new long[] {fixes};
                }));
            }
            long fixes = 0;
            for (Future<long[]> run : runs) {
                fixes += run.get()[0];
            }
            Map<String, Object> lock = sampler.stop();
            double elapsed = (System.nanoTime() - began) / 1e9;
            List<Double> commitMs = new ArrayList<>();
            latencies.forEach(commitMs::addAll);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("phase", "positions alone, plain JDBC, " + perCommit + " fix" + (perCommit == 1 ? "" : "es")
                    + " per commit");
            out.put("fixesPerCommit", perCommit);
            out.put("positionsPerSec", Math.round(fixes / elapsed * 10) / 10.0);
            out.put("commitMs", NotifyBenchmark.percentiles(commitMs));
            out.put("notifyLock", lock);
            out.put("loadAverageBefore", load);
            progress.println("  " + out);
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Double> collect(List<Future<List<Double>>> runs) throws Exception {
        List<Double> all = new ArrayList<>();
        for (Future<List<Double>> run : runs) {
            all.addAll(run.get());
        }
        return all;
    }

    /** Client c assigns and unassigns its own batches, each to its own rider: one call, one transaction, timed. */
    private List<Double> assignLoop(int client, long deadline) {
        List<Double> ms = new ArrayList<>();
        List<Integer> own = new ArrayList<>();
        for (int b = client; b < assignBatches.size(); b += settings.assignClients()) {
            own.add(b);
        }
        int turn = 0;
        while (System.nanoTime() < deadline) {
            int b = own.get(turn++ % own.size());
            long t0 = System.nanoTime();
            services.assignments().assign(assignBatches.get(b), assignRiders.get(b), ACTOR);
            long t1 = System.nanoTime();
            services.assignments().unassign(assignBatches.get(b), ACTOR, null);
            long t2 = System.nanoTime();
            ms.add((t1 - t0) / 1e6);
            ms.add((t2 - t1) / 1e6);
        }
        return ms;
    }

    /** Fixes through the service, one per call: hotShare of them for the riders assignments lock. */
    private List<Double> positionLoop(long deadline) {
        List<Double> ms = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < deadline) {
            UUID rider = random.nextDouble() < settings.hotShare()
                    ? assignRiders.get(random.nextInt(assignRiders.size()))
                    : riders.get(random.nextInt(riders.size()));
            long t0 = System.nanoTime();
            services.fleet().reportPosition(rider, 51.4 + random.nextDouble() * 0.2, -0.2 + random.nextDouble() * 0.2,
                    8f, Instant.now());
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        return ms;
    }
}

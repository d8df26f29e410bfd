package com.dispatchconsole.bench;

import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.VehicleType;
import com.dispatchconsole.domain.rows.NewOrder;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.realtime.ChangeEvent;
import com.dispatchconsole.realtime.ChangeFeed;
import com.dispatchconsole.realtime.ChangeSubscriber;
import com.dispatchconsole.realtime.FeedSettings;
import com.dispatchconsole.realtime.LiveState;
import com.dispatchconsole.service.DispatchServices;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One PostgreSQL at scale (issue 15): how many consoles one database carries. A console holds one LISTEN connection
 * (its {@link ChangeFeed}); the gateway holds one for all its Socket.IO clients. Writers commit single-row batch
 * changes at a fixed rate (assign a batch to its rider, unassign it again: each a real change through the database's
 * guards and triggers, one commit each, on the connection's own autocommit, so the client side stays cheap) while N
 * change feeds listen; commit → feed latency is measured for every change on every feed. The step passes when the
 * rate was held (≥ 95 %), nothing was missed and p99 stays under the target.
 */
public final class ScaleBenchmark {

    /** The commit → listener p99 a console count must stay under. */
    public static final double TARGET_P99_MS = 100;

    private final Database database;
    private final PrintStream progress;
    private final List<UUID> batches = new ArrayList<>();
    private final List<UUID> riderOf = new ArrayList<>();
    private final Map<UUID, Integer> index = new HashMap<>();

    public ScaleBenchmark(Database database, PrintStream progress) {
        this.database = database;
        this.progress = progress;
    }

    /** Riders and batches through the services, as a dispatcher would create them: all start unassigned. */
    public ScaleBenchmark prepare(int batchCount) {
        DispatchServices services = new DispatchServices(database);
        UUID outlet = services.fleet().createOutlet("bench-scale:" + UUID.randomUUID(), "benchmark");
        RiderLimits roomy = new RiderLimits(100_000, new BigDecimal("100000"), 100_000);
        List<UUID> riders = new ArrayList<>();
        int riderCount = Math.max(1, batchCount / 4);
        for (int i = 0; i < riderCount; i++) {
            riders.add(services.fleet().createRider("Scale rider " + i, null, VehicleType.VAN, outlet, roomy).id());
        }
        List<List<NewOrder>> orders = new ArrayList<>();
        for (int i = 0; i < batchCount; i++) {
            orders.add(List.of(new NewOrder("Bench", i + " Scale Road", new BigDecimal("1.50"))));
        }
        batches.addAll(services.batches().createBatches(outlet, orders, "bench-scale"));
        for (int i = 0; i < batches.size(); i++) {
            riderOf.add(riders.get(i % riders.size()));
            index.put(batches.get(i), i);
        }
        return this;
    }

    /** One listening console: its feed and when it heard each (batch, version), in System.nanoTime. */
    /**
     * Adds consoles to {@code consoles} until there are {@code count}, starts their feeds, and waits (60 s at most) until
     * every one of them is live; {@code what} names them in the failure.
     */
    private void startLive(List<Console> consoles, int count, FeedSettings feedSettings, String what)
            throws InterruptedException {
        while (consoles.size() < count) {
            Console console = new Console(feedSettings);
            consoles.add(console);
            console.feed.start();
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        for (Console console : consoles) {
            while (console.feed.state().status() != LiveState.Status.LIVE) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(what + " did not come up within 60 s");
                }
                Thread.sleep(10);
            }
        }
    }

    private final class Console implements ChangeSubscriber {
        final ChangeFeed feed;
        private long[] keys = new long[1 << 12];
        private long[] at = new long[1 << 12];
        private int size;

        Console(FeedSettings settings) {
            feed = new ChangeFeed(settings);
            feed.subscribe(this);
        }

        @Override
        public synchronized void onChanges(List<ChangeEvent> events) {
            for (ChangeEvent e : events) {
                Integer i = e.entity() == ChangeEvent.Entity.BATCH ? index.get(e.id()) : null;
                if (i == null) {
                    continue;
                }
                if (size == keys.length) {
                    keys = Arrays.copyOf(keys, size * 2);
                    at = Arrays.copyOf(at, size * 2);
                }
                keys[size] = key(i, e.version());
                at[size++] = e.receivedNanos();
            }
        }

        synchronized Map<Long, Long> drain() {
            Map<Long, Long> out = new HashMap<>(size * 2);
            for (int i = 0; i < size; i++) {
                out.putIfAbsent(keys[i], at[i]);
            }
            size = 0;
            return out;
        }
    }

    private static long key(int batch, long version) {
        return batch * 10_000_000L + version;
    }

    /**
     * Steps through the console counts, ascending, adding feeds as it goes; each step commits for {@code seconds}
     * at {@code rate} with {@code writers} threads. Stops early once a step's p99 is ten times the target.
     */
    public Map<String, Object> consoles(FeedSettings feedSettings, int[] counts, double rate, double seconds,
                                        int writers, int[] ceilingListeners) throws Exception {
        var config = database.config();
        List<Console> consoles = new ArrayList<>();
        List<Map<String, Object>> steps = new ArrayList<>();
        List<Map<String, Object>> ceiling = new ArrayList<>();
        int carried = 0;
        List<Connection> writerConnections = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                Connection c = DriverManager.getConnection(config.url(), config.user(), config.password());
                c.setAutoCommit(true);
                writerConnections.add(c);
            }
            boolean[] assigned = new boolean[batches.size()];
            // Unmeasured warm-up: the server's plans and this JVM's hot paths.
            write(writerConnections, assigned, rate, Math.min(3, seconds), new HashMap<>());
            // The ceiling: the writers flat out with no console listening, with the batches' NOTIFY trigger and
            // without it. Every notifying commit holds the NOTIFY commit lock across its WAL flush, so notifying
            // commits cannot share a flush (group commit) the way the others do.
            // With listening connections too: each notification wakes every listening backend, which reads it
            // from the queue; the gateway holds one listening connection whatever its number of clients.
            double ceilingSeconds = Math.min(3, seconds);
            setBatchNotify(false);
            try {
                ceiling.add(ceiling(writerConnections, assigned, ceilingSeconds, false, 0, feedSettings));
            } finally {
                setBatchNotify(true);
            }
            for (int n : ceilingListeners) {
                ceiling.add(ceiling(writerConnections, assigned, ceilingSeconds, true, n, feedSettings));
            }
            int[] sorted = counts.clone();
            Arrays.sort(sorted);
            for (int count : sorted) {
                startLive(consoles, count, feedSettings, "A console's feed");
                for (Console console : consoles) {
                    console.drain();
                }
                List<Double> load = NotifyLockSampler.loadAverage();
                Map<Long, Long> committed = new HashMap<>();
                NotifyLockSampler sampler = NotifyLockSampler.start(config.url(), config.user(), config.password());
                long began = System.nanoTime();
                long commits;
                Map<String, Object> lock;
                try (sampler) {
                    commits = write(writerConnections, assigned, rate, seconds, committed);
                    lock = sampler.stop();
                }
                double elapsed = (System.nanoTime() - began) / 1e9;
                Thread.sleep(2000);
                List<Double> latencies = new ArrayList<>();
                long missed = 0;
                for (Console console : consoles) {
                    Map<Long, Long> heard = console.drain();
                    for (Map.Entry<Long, Long> c : committed.entrySet()) {
                        Long h = heard.get(c.getKey());
                        if (h == null) {
                            missed++;
                        } else {
                            latencies.add((h - c.getValue()) / 1e6);
                        }
                    }
                }
                Map<String, Double> p = NotifyBenchmark.percentiles(latencies);
                double achieved = commits / elapsed;
                boolean pass = achieved >= rate * 0.95 && missed == 0 && p.getOrDefault("p99", 0.0) < TARGET_P99_MS;
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("consoles", count);
                step.put("commits", commits);
                step.put("achievedRatePerSec", Math.round(achieved));
                step.put("deliveries", latencies.size());
                step.put("missed", missed);
                step.put("commitToListenerMs", p);
                step.put("notifyLock", lock);
                step.put("loadAverageBefore", load);
                step.put("pass", pass);
                steps.add(step);
                progress.println("  " + step);
                if (pass) {
                    carried = Math.max(carried, count);
                }
                if (p.getOrDefault("p99", 0.0) > TARGET_P99_MS * 10) {
                    break;
                }
            }
        } finally {
            consoles.forEach(c -> c.feed.close());
            for (Connection c : writerConnections) {
                c.close();
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("commitCeiling", ceiling);
        Map<String, Object> one = null;
        Map<String, Object> most = null;
        for (Map<String, Object> row : ceiling) {
            int n = (Integer) row.get("listeners");
            if (Boolean.TRUE.equals(row.get("notifyTrigger")) && n == 1) {
                one = row;
            }
            if (Boolean.TRUE.equals(row.get("notifyTrigger")) && n > 1 && (most == null
                    || n > (Integer) most.get("listeners"))) {
                most = row;
            }
        }
        if (one != null && most != null) {
            Map<String, Object> gateway = new LinkedHashMap<>();
            gateway.put("consoles", most.get("listeners"));
            gateway.put("directCommitsPerSec", most.get("commitsPerSec"));
            gateway.put("behindOneGatewayCommitsPerSec", one.get("commitsPerSec"));
            gateway.put("gain", Math.round(((Number) one.get("commitsPerSec")).doubleValue()
                    / Math.max(1, ((Number) most.get("commitsPerSec")).doubleValue()) * 100) / 100.0);
            out.put("gatewayInsteadOfDirect", gateway);
        }
        out.put("ratePerSec", rate);
        out.put("writers", writers);
        out.put("secondsPerStep", seconds);
        out.put("targetP99Ms", TARGET_P99_MS);
        out.put("steps", steps);
        out.put("mostConsolesPassing", carried);
        return out;
    }

    private Map<String, Object> ceiling(List<Connection> writers, boolean[] assigned, double seconds, boolean notify,
                                       int listeners, FeedSettings feedSettings) throws Exception {
        var config = database.config();
        List<Console> consoles = new ArrayList<>();
        long began;
        long commits;
        Map<String, Object> lock;
        List<Double> load;
        try {
            startLive(consoles, listeners, feedSettings, "A listening connection");
            load = NotifyLockSampler.loadAverage();
            began = System.nanoTime();
            try (NotifyLockSampler sampler = NotifyLockSampler.start(config.url(), config.user(), config.password())) {
                commits = write(writers, assigned, 1e6, seconds, new HashMap<>());
                lock = sampler.stop();
            }
        } finally {
            consoles.forEach(c -> c.feed.close());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("notifyTrigger", notify);
        out.put("listeners", listeners);
        out.put("writers", writers.size());
        out.put("commitsPerSec", Math.round(commits / ((System.nanoTime() - began) / 1e9)));
        out.put("notifyLock", lock);
        out.put("loadAverageBefore", load);
        progress.println("  ceiling " + out);
        return out;
    }

    private void setBatchNotify(boolean enabled) throws java.sql.SQLException {
        try (Connection c = database.dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("ALTER TABLE delivery_batches " + (enabled ? "ENABLE" : "DISABLE")
                    + " TRIGGER delivery_batches_notify");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    /**
     * Commits at {@code rate} for {@code seconds}, writer w on every writers-th batch; a writer that falls behind
     * catches up without pause. Records the nanoTime each (batch, version) commit returned.
     */
    private long write(List<Connection> connections, boolean[] assigned, double rate, double seconds,
                       Map<Long, Long> committed) throws Exception {
        int writers = connections.size();
        long interval = (long) (1e9 * writers / rate);
        long start = System.nanoTime() + 20_000_000L;
        long end = start + (long) (seconds * 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        AtomicLong total = new AtomicLong();
        try {
            List<Future<Map<Long, Long>>> runs = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                runs.add(pool.submit(() -> {
                    Map<Long, Long> mine = new HashMap<>();
                    Connection c = connections.get(writer);
                    try (PreparedStatement assign = c.prepareStatement("UPDATE delivery_batches SET status = "
                            + "'ASSIGNED', rider_id = ? WHERE id = ? RETURNING version");
                         PreparedStatement unassign = c.prepareStatement("UPDATE delivery_batches SET status = "
                                 + "'CREATED', rider_id = NULL WHERE id = ? RETURNING version")) {
                        long next = start + (long) (1e9 / rate * writer);
                        int turn = 0;
                        List<Integer> own = new ArrayList<>();
                        for (int b = writer; b < batches.size(); b += writers) {
                            own.add(b);
                        }
                        while (true) {
                            long now = System.nanoTime();
                            if (now >= end) {
                                return mine;
                            }
                            if (now < next) {
                                LockSupport.parkNanos(Math.min(next, end) - now);
                                continue;
                            }
                            next += interval;
                            int b = own.get(turn++ % own.size());
                            PreparedStatement ps;
                            if (assigned[b]) {
                                ps = unassign;
                                ps.setObject(1, batches.get(b));
                            } else {
                                ps = assign;
                                ps.setObject(1, riderOf.get(b));
                                ps.setObject(2, batches.get(b));
                            }
                            try (ResultSet rs = ps.executeQuery()) {
                                rs.next();
                                mine.put(key(b, rs.getLong(1)), System.nanoTime());
                            }
                            assigned[b] = !assigned[b];
                            total.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<Map<Long, Long>> run : runs) {
                committed.putAll(run.get());
            }
        } finally {
            pool.shutdownNow();
        }
        return total.get();
    }

    /**
     * The NOTIFY commit lock: service assignment throughput with the triggers off, then on with 0, 1, 10 and 50
     * listening connections ({@link NotifyCostBenchmark}), with what the lock sampler saw. The gateway holds one
     * LISTEN connection whatever its number of Socket.IO clients, so N consoles behind a gateway cost what the row
     * for one listener costs; this computes that against N consoles listening directly.
     */
    public static Map<String, Object> notifyCost(Database database, int clients, double seconds, int[] listeners)
            throws Exception {
        List<Map<String, Object>> rows = NotifyCostBenchmark.run(database, clients, seconds, listeners, true);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clients", clients);
        out.put("secondsPerRow", seconds);
        out.put("runs", rows);
        Map<String, Object> one = null;
        Map<String, Object> most = null;
        for (Map<String, Object> row : rows) {
            if (!"triggers".equals(row.get("setup"))) {
                continue;
            }
            int n = (Integer) row.get("listeners");
            if (n == 1) {
                one = row;
            }
            if (n > 1 && (most == null || n > (Integer) most.get("listeners"))) {
                most = row;
            }
        }
        if (one != null && most != null) {
            Map<String, Object> gateway = new LinkedHashMap<>();
            gateway.put("consoles", most.get("listeners"));
            gateway.put("directTxPerSec", most.get("serviceTxPerSec"));
            gateway.put("behindOneGatewayTxPerSec", one.get("serviceTxPerSec"));
            gateway.put("gain", Math.round((Double) one.get("serviceTxPerSec")
                    / Math.max(0.1, (Double) most.get("serviceTxPerSec")) * 100) / 100.0);
            out.put("gatewayInsteadOfDirect", gateway);
        }
        return out;
    }
}

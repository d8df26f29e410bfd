package com.dispatchconsole.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Watches PostgreSQL's NOTIFY commit lock while a measurement runs. A transaction that called NOTIFY takes one
 * database-wide heavyweight lock (an AccessExclusiveLock on the "object" pg_database/0, in async.c's
 * PreCommit_Notify) just before it commits and holds it until the commit is over, the WAL flush included, so
 * notifying commits follow one another instead of sharing a flush. This samples pg_locks every few milliseconds on a
 * connection of its own: how often the lock was held, and how many transactions waited for it on average.
 */
public final class NotifyLockSampler implements AutoCloseable {

    private static final String SAMPLE = "SELECT count(*) FILTER (WHERE granted), count(*) FILTER (WHERE NOT granted) "
            + "FROM pg_locks WHERE locktype = 'object' AND classid = 'pg_database'::regclass AND objid = 0";

    private final Connection connection;
    private final Thread thread;
    private volatile boolean running = true;
    private long samples;
    private long held;
    private long waiters;
    private long maxWaiters;

    private NotifyLockSampler(Connection connection) {
        this.connection = connection;
        this.thread = new Thread(this::loop, "bench-notify-lock-sampler");
        this.thread.setDaemon(true);
    }

    /** Starts sampling on a connection of its own. */
    public static NotifyLockSampler start(String url, String user, String password) throws Exception {
        NotifyLockSampler sampler = new NotifyLockSampler(DriverManager.getConnection(url, user, password));
        sampler.thread.start();
        return sampler;
    }

    private void loop() {
        try (PreparedStatement ps = connection.prepareStatement(SAMPLE)) {
            while (running) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long g = rs.getLong(1);
                    long w = rs.getLong(2);
                    synchronized (this) {
                        samples++;
                        held += g > 0 ? 1 : 0;
                        waiters += w;
                        maxWaiters = Math.max(maxWaiters, w);
                    }
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            // the connection went away with the database: what was sampled so far stands
        }
    }

    /** Stops and returns: samples, share of samples with the lock held, average and most waiters. */
    public Map<String, Object> stop() throws InterruptedException {
        running = false;
        thread.join(2000);
        Map<String, Object> out = new LinkedHashMap<>();
        synchronized (this) {
            out.put("samples", samples);
            out.put("heldShare", samples == 0 ? 0.0 : round((double) held / samples));
            out.put("waitersAvg", samples == 0 ? 0.0 : round((double) waiters / samples));
            out.put("waitersMax", maxWaiters);
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join(2000);
        connection.close();
    }

    /** The machine's 1-, 5- and 15-minute load averages (all processes, not just this run's). */
    public static List<Double> loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            List<Double> out = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                out.add(Double.parseDouble(f[i]));
            }
            return out;
        } catch (Exception e) {
            return List.of(round(java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage()));
        }
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}

package com.dispatchconsole.bench;

import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.VehicleType;
import com.dispatchconsole.domain.rows.NewOrder;
import com.dispatchconsole.persistence.ServerIdentity;
import com.dispatchconsole.service.DispatchServices;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Throughput of the assignment transaction, Hibernate service against raw JDBC, on one database in one run.
 * Each client owns one batch and assigns and unassigns it in a loop (two transactions per cycle), either to
 * random riders among many ("spread") or always to the same rider ("hot", where the rider lock serialises).
 */
public final class AssignBenchmark {

    public record Result(int clients, String pattern, double rawTxPerSec, double serviceTxPerSec, double ratio) {
    }

    private final DispatchServices services;
    private final RawSqlAssignment raw;
    private final List<UUID> riders = new ArrayList<>();
    private final List<UUID> batches = new ArrayList<>();
    /** The server the riders and batches were made on; every measurement must end on it too. */
    private ServerIdentity server;

    public AssignBenchmark(DispatchServices services) {
        this.services = services;
        this.raw = new RawSqlAssignment(services.database().dataSource());
    }

    public List<Result> run(int[] clientCounts, double secondsPerRun) throws Exception {
        int maxClients = java.util.Arrays.stream(clientCounts).max().orElse(1);
        setUp(100, maxClients);
        // Warm both paths up first: on 2 cores the JIT otherwise penalises whichever path is measured first.
        measure(maxClients, false, true, 3.0);
        measure(maxClients, false, false, 3.0);
        List<Result> results = new ArrayList<>();
        for (String pattern : List.of("spread", "hot")) {
            for (int clients : clientCounts) {
                boolean hot = pattern.equals("hot");
                double rawRate = measure(clients, hot, true, secondsPerRun);
                double serviceRate = measure(clients, hot, false, secondsPerRun);
                results.add(new Result(clients, pattern, round(rawRate), round(serviceRate),
                        round(serviceRate / rawRate)));
            }
        }
        return results;
    }

    /** Service throughput in transactions per second, after {@link #prepare}; used by other benchmarks. */
    public double serviceThroughput(int clients, boolean hot, double seconds) throws Exception {
        return measure(clients, hot, false, seconds);
    }

    /** Creates the riders and batches the measurements cycle through. */
    public AssignBenchmark prepare(int maxClients) {
        setUp(100, maxClients);
        return this;
    }

    private void setUp(int riderCount, int batchCount) {
        try {
            server = ServerIdentity.of(services.database().dataSource());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not ask the database which server it is", e);
        }
        UUID outlet = services.fleet().createOutlet("bench:" + UUID.randomUUID(), "benchmark");
        RiderLimits roomy = new RiderLimits(100_000, new BigDecimal("100000"), 100_000);
        for (int i = 0; i < riderCount; i++) {
            riders.add(services.fleet().createRider("Bench rider " + i, null, VehicleType.VAN, outlet, roomy).id());
        }
        List<List<NewOrder>> orders = new ArrayList<>();
        for (int i = 0; i < batchCount; i++) {
            orders.add(List.of(new NewOrder("Bench", i + " Bench Road", new BigDecimal("1.50")),
                    new NewOrder("Bench", i + " Bench Road", new BigDecimal("2.00"))));
        }
        batches.addAll(services.batches().createBatches(outlet, orders, "bench"));
    }

    /**
     * One measurement. The first failure of any client (a refused call, a lost database) stops every client at
     * once and is thrown as it was: a benchmark does not retry, and never goes on against whatever server answers
     * on the port next.
     */
    private double measure(int clients, boolean hot, boolean useRaw, double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long began = System.nanoTime();
        AtomicReference<Exception> failed = new AtomicReference<>();
        List<Future<Long>> counts = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            UUID batch = batches.get(i);
            counts.add(pool.submit(() -> {
                try {
                    return cycle(batch, hot, useRaw, deadline, failed);
                } catch (Exception e) {
                    failed.compareAndSet(null, e);
                    throw e;
                }
            }));
        }
        long transactions = 0;
        try {
            for (Future<Long> count : counts) {
                try {
                    transactions += count.get();
                } catch (ExecutionException e) {
                    // reported below: the first failure in time, not the first client in the list
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (failed.get() != null) {
            throw failed.get();
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        server.require(services.database().dataSource(), "benchmark");
        return transactions / elapsed;
    }

    private long cycle(UUID batch, boolean hot, boolean useRaw, long deadline, AtomicReference<Exception> failed)
            throws Exception {
        long done = 0;
        while (System.nanoTime() < deadline && failed.get() == null) {
            UUID rider = hot ? riders.get(0) : riders.get(ThreadLocalRandom.current().nextInt(riders.size()));
            if (useRaw) {
                if (!raw.assign(batch, rider, "bench-raw") || !raw.unassign(batch, rider, "bench-raw")) {
                    throw new IllegalStateException("raw assignment refused in the benchmark");
                }
            } else {
                services.assignments().assign(batch, rider, "bench-service");
                services.assignments().unassign(batch, "bench-service", null);
            }
            done += 2;
        }
        return done;
    }

    public static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return machine;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}

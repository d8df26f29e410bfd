package com.dispatchconsole.stress;

import com.dispatchconsole.persistence.InvariantChecker;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.persistence.ServerIdentity;
import com.dispatchconsole.service.DispatchServices;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Concurrent dispatchers doing random assign / reassign / unassign / transition calls, many of them on the same
 * few riders, followed by the invariant check in SQL. The services passed in decide how safe the run is: the
 * real ones must end with zero violations; the test-only unsafe ones must not.
 *
 * <p>The first DATABASE_UNAVAILABLE stops every dispatcher and the run throws it: no retries against a server that
 * is gone, and no carrying on against whatever answers on that port next. The overload sampler's connection,
 * held for the whole run and never replaced, notices a lost server within milliseconds even while the
 * dispatchers' pool would silently reconnect; the server's identity is compared once more before the check.
 */
public final class StressHarness {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StressHarness.class);

    private final DispatchServices services;
    private final StressSettings settings;
    private final String actorPrefix;
    private final Map<UUID, BatchStatus> lastSeen = new ConcurrentHashMap<>();
    private final java.util.Set<UUID> lastSeenActive = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> rejected = new ConcurrentHashMap<>();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong expectedStatusRows = new AtomicLong();
    private final AtomicLong expectedAssignmentRows = new AtomicLong();
    /** The first sign that the database went away; once set, no dispatcher starts another call. */
    private final AtomicReference<DispatchException> lost = new AtomicReference<>();

    public StressHarness(DispatchServices services, StressSettings settings) {
        this.services = services;
        this.settings = settings;
        this.actorPrefix = "stress:" + settings.scenario() + ":" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    public StressReport run() throws SQLException, InterruptedException {
        StressScenario scenario = StressScenario.openOrCreate(services, services.database().dataSource(), settings);
        scenario.batchIds().forEach(id -> lastSeen.put(id, BatchStatus.CREATED));
        ServerIdentity server = ServerIdentity.of(services.database().dataSource());
        long deadlocksBefore = services.unitOfWork().deadlocks();
        ExecutorService pool = Executors.newFixedThreadPool(settings.dispatchers());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<long[]>> results = new ArrayList<>();
        for (int d = 0; d < settings.dispatchers(); d++) {
            Dispatcher dispatcher = new Dispatcher(scenario, actorPrefix + "d" + d, new Random(settings.seed() * 31 + d));
            results.add(pool.submit(() -> {
                start.await();
                return dispatcher.work();
            }));
        }
        OverloadSampler sampler = new OverloadSampler(services.database().dataSource(), scenario.outletId(),
                e -> lose(new DispatchException(ErrorCode.DATABASE_UNAVAILABLE, "The database at "
                        + services.database().config().displayUrl() + " went away (connection lost, SQLSTATE "
                        + e.getSQLState() + ").", e)));
        Thread samplerThread = new Thread(sampler, "stress-overload-sampler");
        samplerThread.setDaemon(true);
        samplerThread.start();
        long began = System.nanoTime();
        start.countDown();
        List<Long> latencies = new ArrayList<>();
        try {
            for (Future<long[]> result : results) {
                Arrays.stream(result.get()).forEach(latencies::add);
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("A stress dispatcher crashed", e.getCause());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            sampler.stop();
            samplerThread.join(5000);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        DispatchException gone = lost.get();
        if (gone != null) {
            throw new DispatchException(ErrorCode.DATABASE_UNAVAILABLE, gone.sentence() + " The stress run stopped "
                    + "after " + latencies.size() + " calls and checked nothing.", gone);
        }
        server.require(services.database().dataSource(), "stress run");
        sampler.failure().ifPresent(why -> log.warn("Overload sampling stopped early: {}", why));
        List<String> violations = new ArrayList<>(sampler.seen());
        violations.addAll(InvariantChecker.check(services.database().dataSource(), scenario.outletId()));
        violations.addAll(InvariantChecker.checkHistory(services.database().dataSource(), actorPrefix,
                expectedStatusRows.get(), expectedAssignmentRows.get()));
        latencies.sort(null);
        Map<String, Long> rejectedCounts = new TreeMap<>();
        rejected.forEach((code, count) -> rejectedCounts.put(code, count.get()));
        return new StressReport(latencies.size(), succeeded.get(), rejectedCounts, violations.size(),
                services.unitOfWork().deadlocks() - deadlocksBefore, round(latencies.size() / seconds),
                percentile(latencies, 0.50), percentile(latencies, 0.99), violations);
    }

    private void lose(DispatchException unavailable) {
        if (lost.compareAndSet(null, unavailable)) {
            // A dispatcher still waiting for a connection must not get one from whatever takes the port next.
            services.database().refuseNewConnections();
        }
    }

    private static boolean unavailable(DispatchException e) {
        return e.code() == ErrorCode.DATABASE_UNAVAILABLE;
    }

    /** One simulated console: picks a batch, guesses a sensible (or deliberately wrong) move, and tries it. */
    private final class Dispatcher {
        private final StressScenario scenario;
        private final String actor;
        private final Random random;

        Dispatcher(StressScenario scenario, String actor, Random random) {
            this.scenario = scenario;
            this.actor = actor;
            this.random = random;
        }

        long[] work() {
            int ops = settings.opsPerDispatcher();
            // Grown as calls are made: a long run stopped early (or a huge --ops) must not reserve it all up front.
            long[] latencies = new long[Math.min(ops, 4096)];
            int done = 0;
            for (; done < ops && lost.get() == null; done++) {
                if (done == latencies.length) {
                    latencies = Arrays.copyOf(latencies, (int) Math.min(ops, 2L * done));
                }
                UUID batch = pickBatch();
                long t0 = System.nanoTime();
                try {
                    Operation op = attempt(batch, lastSeen.getOrDefault(batch, BatchStatus.CREATED));
                    succeeded.incrementAndGet();
                    expectedStatusRows.addAndGet(op.statusRows);
                    expectedAssignmentRows.addAndGet(op.assignmentRows);
                } catch (DispatchException e) {
                    if (unavailable(e)) {
                        lose(e);
                        break;
                    }
                    rejected.computeIfAbsent(e.code().name(), k -> new AtomicLong()).incrementAndGet();
                    refresh(batch);
                }
                latencies[done] = System.nanoTime() - t0;
            }
            return Arrays.copyOf(latencies, done);
        }

        private Operation attempt(UUID batch, BatchStatus seen) {
            int dice = random.nextInt(100);
            switch (seen) {
                case CREATED:
                    if (dice < 80) {
                        return remember(services.assignments().assign(batch, pickRider(), actor), Operation.ASSIGN);
                    }
                    if (dice < 88) {
                        return remember(services.assignments().transition(batch, BatchStatus.CANCELLED, actor,
                                "stress cancel"), Operation.TRANSITION);
                    }
                    return remember(services.assignments().transition(batch, BatchStatus.PICKED, actor, null),
                            Operation.TRANSITION);
                case ASSIGNED:
                    if (dice < 35) {
                        return remember(services.assignments().reassign(batch, pickRider(), actor, "stress reassign"),
                                Operation.REASSIGN);
                    }
                    if (dice < 55) {
                        return remember(services.assignments().unassign(batch, actor, "stress unassign"),
                                Operation.UNASSIGN);
                    }
                    if (dice < 92) {
                        return remember(services.assignments().transition(batch, BatchStatus.PICKED, actor, null),
                                Operation.TRANSITION);
                    }
                    return remember(services.assignments().transition(batch, BatchStatus.CANCELLED, actor,
                            "stress cancel"), Operation.TRANSITION);
                case PICKED:
                    return remember(services.assignments().transition(batch,
                            dice < 85 ? BatchStatus.OUT_FOR_DELIVERY : BatchStatus.FAILED, actor, "stress"),
                            Operation.TRANSITION);
                case OUT_FOR_DELIVERY:
                    if (dice < 70) {
                        if (dice < 50) {
                            deliverAll(batch);
                        }
                        return remember(services.assignments().transition(batch, BatchStatus.COMPLETED, actor, null),
                                Operation.TRANSITION);
                    }
                    return remember(services.assignments().transition(batch, BatchStatus.FAILED, actor,
                            "stress failure"), Operation.TRANSITION);
                default:
                    // Terminal batches get the wrong call on purpose: it must be refused.
                    return remember(services.assignments().assign(batch, pickRider(), actor), Operation.ASSIGN);
            }
        }

        private void deliverAll(UUID batch) {
            for (BatchOrderRow order : services.queries().orders(batch)) {
                if (order.outcome() == OrderOutcome.PENDING) {
                    services.batches().recordOutcome(batch, order.orderId(), OrderOutcome.DELIVERED, null, actor);
                }
            }
        }

        private Operation remember(BatchRow row, Operation op) {
            see(row.id(), row.status());
            return op;
        }

        private void see(UUID batch, BatchStatus status) {
            lastSeen.put(batch, status);
            if (status.isActive()) {
                lastSeenActive.add(batch);
            } else {
                lastSeenActive.remove(batch);
            }
        }

        private void refresh(UUID batch) {
            try {
                see(batch, services.queries().batch(batch).status());
            } catch (DispatchException e) {
                // the refresh is only a better guess for the next pick; the run goes on without it, unless the
                // database is gone
                if (unavailable(e)) {
                    lose(e);
                }
            }
        }

        /**
         * Half the time a batch last seen on the road (so riders get freed again and keep being contended), else
         * any batch, preferring ones last seen alive over terminal rows.
         */
        private UUID pickBatch() {
            if (random.nextBoolean()) {
                Object[] active = lastSeenActive.toArray();
                if (active.length > 0) {
                    return (UUID) active[random.nextInt(active.length)];
                }
            }
            List<UUID> ids = scenario.batchIds();
            UUID pick = ids.get(random.nextInt(ids.size()));
            for (int tries = 0; tries < 6 && lastSeen.getOrDefault(pick, BatchStatus.CREATED).isTerminal(); tries++) {
                pick = ids.get(random.nextInt(ids.size()));
            }
            return pick;
        }

        private UUID pickRider() {
            List<UUID> riders = scenario.riderIds();
            return random.nextBoolean() ? riders.get(random.nextInt(settings.hotRiders()))
                    : riders.get(random.nextInt(riders.size()));
        }
    }

    /** How many audit rows a successful call of each kind writes. */
    private enum Operation {
        // A reassign keeps the batch ASSIGNED: one rider change, no status row.
        ASSIGN(1, 1), REASSIGN(0, 1), UNASSIGN(1, 1), TRANSITION(1, 0);

        final int statusRows;
        final int assignmentRows;

        Operation(int statusRows, int assignmentRows) {
            this.statusRows = statusRows;
            this.assignmentRows = assignmentRows;
        }
    }

    private static double percentile(List<Long> sortedNanos, double q) {
        if (sortedNanos.isEmpty()) {
            return 0;
        }
        int index = (int) Math.min(sortedNanos.size() - 1, Math.ceil(q * sortedNanos.size()) - 1);
        return round(sortedNanos.get(Math.max(0, index)) / 1e6);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}

package com.dispatchconsole.sim;

import com.dispatchconsole.demo.City;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * A simulated shift, played only through the gateway: it reads the outlets and riders with its system token,
 * connects every rider's phone to its room, then lets the outlets order, the riders ride and deliver, the roster
 * send riders home, and (if asked) the dispatch bot assign, until the time is up or {@link #stop()} is called.
 */
public final class Shift {

    /** Connection attempts in flight at once: the gateway checks each token against the database. */
    private static final int CONNECTING_AT_ONCE = 32;

    private final SimAccess access;
    private final SimSettings settings;
    private final Duration lateAfter;
    private final PrintStream progress;
    private final SimMetrics metrics = new SimMetrics();
    private final CountDownLatch stopAsked = new CountDownLatch(1);

    /** @param lateAfter the review's lateness threshold, as the database's review settings say */
    public Shift(SimAccess access, SimSettings settings, Duration lateAfter, PrintStream progress) {
        this.access = access;
        this.settings = settings;
        this.lateAfter = lateAfter;
        this.progress = progress;
    }

    /** Ends a shift that runs until stopped (or early). */
    public void stop() {
        stopAsked.countDown();
    }

    /** Plays the shift; returns what the clients saw. */
    public SimMetrics run() throws InterruptedException {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(48, daemon("sim-actor"));
        pool.setRemoveOnCancelPolicy(true);
        // Steps, orders and returns planned for later are dropped when the shift ends; calls in flight finish.
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        ExecutorService httpThreads = Executors.newFixedThreadPool(8, daemon("sim-http"));
        ExecutorService okHttpThreads = Executors.newCachedThreadPool(daemon("sim-socket"));
        Dispatcher dispatcher = new Dispatcher(okHttpThreads);
        dispatcher.setMaxRequests(access.riderOrder().size() + 64);
        dispatcher.setMaxRequestsPerHost(access.riderOrder().size() + 64);
        OkHttpClient sockets = new OkHttpClient.Builder().dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(5, 1, TimeUnit.MINUTES)).readTimeout(0, TimeUnit.MILLISECONDS)
                .connectTimeout(30, TimeUnit.SECONDS).build();
        ApiClient api = new ApiClient(access.http(), httpThreads, metrics);
        List<RiderApp> riders = new ArrayList<>();
        List<OutletSystem> outlets = new ArrayList<>();
        AutoDispatcher bot = null;
        Roster roster = null;
        try {
            Map<UUID, City.Point> places = new LinkedHashMap<>();
            Map<UUID, JsonNode> fleet = readFleet(api, places);
            SimContext ctx = new SimContext(api, pool, metrics, settings, lateAfter, new Exceptions(),
                    Map.copyOf(places));
            Random seeds = new Random(settings.seed());
            for (UUID riderId : access.riderOrder()) {
                JsonNode row = fleet.get(riderId);
                if (row != null && places.containsKey(UUID.fromString(row.path("homeOutletId").asText()))) {
                    riders.add(new RiderApp(row, access.riderTokens().get(riderId), ctx, new Random(seeds.nextLong())));
                }
            }
            int connected = connect(riders, sockets);
            progress.printf("Shift: %d riders connected to their rooms, %d outlets ordering %d orders a minute%s%n",
                    connected, places.size(), settings.ordersPerMinute(),
                    settings.autoDispatch() ? ", the dispatch bot assigning" : ", waiting for dispatchers");
            long start = System.currentTimeMillis();
            long runMillis = settings.untilStopped() ? Long.MAX_VALUE / 4 : (long) (settings.minutes() * 60_000);
            long end = start + runMillis;
            metrics.started(start);
            planBreaks(riders, seeds, start, runMillis);
            riders.forEach(RiderApp::start);
            double perOutlet = settings.ordersPerMinute() / (double) Math.max(1, places.size());
            for (UUID outlet : places.keySet()) {
                String token = access.outletTokens().get(outlet);
                if (token != null) {
                    OutletSystem system = new OutletSystem(outlet, token, ctx, new Random(seeds.nextLong()), perOutlet,
                            end);
                    outlets.add(system);
                    system.start();
                }
            }
            if (settings.autoDispatch()) {
                bot = new AutoDispatcher(access.systemToken(), ctx, new ArrayList<>(places.keySet()),
                        Roster.byId(riders));
                bot.start();
            }
            roster = new Roster(access.systemToken(), ctx, riders);
            long firstHome = settings.untilStopped() ? 45_000 : Math.max(3_000, runMillis / 5);
            roster.start(firstHome, settings.untilStopped() ? 300_000 : Math.max(60_000, runMillis / 2));
            if (settings.untilStopped()) {
                stopAsked.await();
            } else {
                stopAsked.await(runMillis, TimeUnit.MILLISECONDS);
            }
        } finally {
            progress.println("Ending the shift: finishing the calls in flight, then checking the guarantees.");
            outlets.forEach(OutletSystem::stop);
            if (bot != null) {
                bot.stop();
            }
            if (roster != null) {
                roster.stop();
            }
            riders.forEach(RiderApp::stop);
            metrics.ended(System.currentTimeMillis());
            pool.shutdown();
            if (!pool.awaitTermination(35, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
            dispatcher.cancelAll();
            okHttpThreads.shutdownNow();
            httpThreads.shutdownNow();
        }
        return metrics;
    }

    /** The outlets (with their places in the city) and every rider of them, as the system token sees them. */
    private Map<UUID, JsonNode> readFleet(ApiClient api, Map<UUID, City.Point> places) {
        ApiClient.Answer outlets = api.get("fleet.outlets", access.systemToken(), "/api/outlets");
        if (!outlets.ok()) {
            throw refusal("list the outlets", outlets);
        }
        Map<UUID, JsonNode> riders = new LinkedHashMap<>();
        for (JsonNode o : outlets.body().path("outlets")) {
            UUID id = UUID.fromString(o.path("outletId").asText());
            if (!access.outletTokens().containsKey(id)) {
                continue;
            }
            places.put(id, City.positionOf(o.path("address").asText()));
            ApiClient.Answer list = api.get("fleet.riders", access.systemToken(), "/api/riders?outletId=" + id);
            if (!list.ok()) {
                throw refusal("list the riders", list);
            }
            for (JsonNode r : list.body().path("riders")) {
                riders.put(UUID.fromString(r.path("riderId").asText()), r);
            }
        }
        return riders;
    }

    private DispatchException refusal(String what, ApiClient.Answer answer) {
        return new DispatchException(ErrorCode.GATEWAY_UNAVAILABLE, answer.status() == 0
                ? "The gateway at " + access.http() + " does not answer; is it running (see `gateway`)?"
                : "The gateway would not " + what + " for the simulator's system token (" + answer.status() + " "
                        + answer.code() + "); is it on the database the simulator issued its tokens on?");
    }

    /** A few riders connect at a time; every attempt gets an answer (connected or refused) within 30 s. */
    private int connect(List<RiderApp> riders, OkHttpClient sockets) throws InterruptedException {
        Semaphore permits = new Semaphore(CONNECTING_AT_ONCE);
        for (RiderApp rider : riders) {
            if (!permits.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new DispatchException(ErrorCode.GATEWAY_UNAVAILABLE, "The gateway's Socket.IO rooms at "
                        + access.socket() + " did not answer within 60 s.");
            }
            rider.connect(access.socket(), sockets, permits::release);
        }
        if (!permits.tryAcquire(CONNECTING_AT_ONCE, 60, TimeUnit.SECONDS)) {
            throw new DispatchException(ErrorCode.GATEWAY_UNAVAILABLE, "The gateway's Socket.IO rooms at "
                        + access.socket() + " did not answer within 60 s.");
        }
        return (int) riders.stream().filter(RiderApp::connected).count();
    }

    /**
     * Breaks: the first rider early in the run (so a short run shows one), then one rider in ten at a random
     * moment. Each starts when the rider next has nothing to carry.
     */
    private void planBreaks(List<RiderApp> riders, Random seeds, long start, long runMillis) {
        long span = settings.untilStopped() ? 30 * 60_000L : runMillis;
        RiderApp first = riders.stream().filter(RiderApp::available).findFirst().orElse(null);
        for (int i = 0; i < riders.size(); i++) {
            if (riders.get(i) == first) {
                first.planBreak(start + Math.max(2_000, span / 10));
            } else if (seeds.nextInt(10) == 0) {
                riders.get(i).planBreak(start + (long) (seeds.nextDouble() * span));
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}

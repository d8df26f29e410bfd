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

    /**
     * How long the gateway may answer nothing at all (connections refused, requests timing out) before the shift
     * ends on its own: a gateway that went away does not come back by itself, and a run until Ctrl+C would
     * otherwise count errors for ever. A gateway that answers, even 503 while its database is away, keeps the
     * shift going.
     */
    static final long GATEWAY_GONE_MILLIS = 30_000;

    /** Connection attempts in flight at once: the gateway checks each token against the database. */
    private static final int CONNECTING_AT_ONCE = 32;

    private final SimAccess access;
    private final SimSettings settings;
    private final Duration lateAfter;
    private final PrintStream progress;
    private final SimMetrics metrics = new SimMetrics();
    private final CountDownLatch stopAsked = new CountDownLatch(1);
    private volatile List<RiderApp> played = List.of();

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
        // At the end every player has stopped: what is still scheduled (an outlet's next order, a rider's next step,
        // the shift manager's "back on duty") is dropped rather than waited for; what runs finishes.
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
            played = List.copyOf(riders);
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
            playUntilTheEnd(end);
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

    /** Until the time is up, {@link #stop()} is called or the gateway has answered nothing for a while. */
    private void playUntilTheEnd(long end) throws InterruptedException {
        while (true) {
            long now = System.currentTimeMillis();
            long left = end - now;
            if (left <= 0 || stopAsked.await(Math.min(left, 1_000), TimeUnit.MILLISECONDS)) {
                return;
            }
            long silent = metrics.unansweredFor(System.currentTimeMillis());
            if (silent >= GATEWAY_GONE_MILLIS) {
                String why = "the gateway at " + access.http() + " has answered nothing for " + silent / 1000
                        + " s; the shift ended early";
                metrics.error("shift", why);
                progress.println("Shift: " + why + ".");
                return;
            }
        }
    }

    /** What each rider's app holds (as it last read its batches): for tests, after the run. */
    Map<UUID, java.util.Set<UUID>> held() {
        Map<UUID, java.util.Set<UUID>> held = new LinkedHashMap<>();
        played.forEach(r -> held.put(r.riderId, r.held()));
        return held;
    }

    /** The outlets (with their places in the city) and every rider of them, as the system token sees them. */
    private Map<UUID, JsonNode> readFleet(ApiClient api, Map<UUID, City.Point> places) {
        ApiClient.Answer outlets = patiently(() -> api.get("fleet.outlets", access.systemToken(), "/api/outlets"));
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
            ApiClient.Answer list = patiently(() -> api.get("fleet.riders", access.systemToken(),
                    "/api/riders?outletId=" + id));
            if (!list.ok()) {
                throw refusal("list the riders", list);
            }
            for (JsonNode r : list.body().path("riders")) {
                riders.put(UUID.fromString(r.path("riderId").asText()), r);
            }
        }
        return riders;
    }

    /**
     * A setup read that a rate limit refused (429, counted) is asked again once its {@code Retry-After} has passed,
     * a few times: the gateway said when, so that is no blind retry.
     */
    private static ApiClient.Answer patiently(java.util.function.Supplier<ApiClient.Answer> call) {
        ApiClient.Answer answer = call.get();
        for (int tries = 1; answer.status() == 429 && tries < 10; tries++) {
            try {
                Thread.sleep(answer.retryAfterMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
            answer = call.get();
        }
        return answer;
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

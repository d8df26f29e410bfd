package com.dispatchconsole.sim;

import com.dispatchconsole.demo.City;
import com.dispatchconsole.domain.BatchStatus;
import com.fasterxml.jackson.databind.JsonNode;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.json.JSONObject;

/**
 * One rider's phone: it follows its {@code rider:<id>} room, rides to the outlet when given batches, picks them up,
 * goes out, rides from door to door and records each order's outcome with a PoD (a generated photo uploaded first,
 * the position at the door, a signature when handed over), completes or fails each batch, and reports its position
 * every 5 to 15 seconds. It takes the odd break. Every move goes through the public API with the rider's token;
 * a refusal is counted and the app reads its batches again instead of trying the same call, and an answer that
 * says when to come back (429, 503: {@code Retry-After}) or no answer at all holds its next call back until then.
 *
 * <p>Steps of one rider never overlap: a step runs on the shared pool and schedules the next one when it ends (a
 * room event brings the next one forward).
 */
final class RiderApp {

    private static final double ARRIVED_METRES = 5;

    /** Speeds in a city, km/h. */
    private static double speedKmh(String vehicle) {
        return switch (vehicle) {
            case "BICYCLE" -> 15;
            case "SCOOTER" -> 25;
            case "MOTORBIKE" -> 30;
            case "CAR" -> 22;
            case "VAN" -> 20;
            default -> 18;
        };
    }

    private enum Goal { NONE, OUTLET, STOP }

    final UUID riderId;
    final String name;
    private final String token;
    private final UUID outletId;
    private final City.Point outlet;
    private final double metresPerSecond;
    private final SimContext ctx;
    private final Random random;
    private final long reportEveryMillis;

    private final Object lock = new Object();
    private boolean running;
    private boolean wakeAsked;
    private boolean stopped;
    private ScheduledFuture<?> next;

    private volatile boolean dirty = true;
    private volatile Socket socket;
    private final Map<UUID, Work> work = new LinkedHashMap<>();
    private volatile City.Point at;
    private final Deque<City.Point> path = new ArrayDeque<>();
    private Goal goal = Goal.NONE;
    private UUID goalBatch;
    private Work.Stop goalStop;
    private Exceptions.AtTheDoor doorCase;
    private long busyUntil;
    /** No call before this: the gateway asked to wait (429, 503 with Retry-After) or did not answer at all. */
    private long pauseUntil;
    private long lastStep = System.currentTimeMillis();
    private long nextReport;
    private volatile String availability;
    private volatile long breakAt = Long.MAX_VALUE;
    private long breakUntil;
    private volatile boolean offDuty;
    private volatile boolean leaving;

    RiderApp(JsonNode fleetRider, String token, SimContext ctx, Random random) {
        this.riderId = UUID.fromString(fleetRider.path("riderId").asText());
        this.name = fleetRider.path("name").asText();
        this.token = token;
        this.outletId = UUID.fromString(fleetRider.path("homeOutletId").asText());
        this.outlet = ctx.outletPlaces().get(outletId);
        this.metresPerSecond = speedKmh(fleetRider.path("vehicleType").asText()) / 3.6;
        this.ctx = ctx;
        this.random = random;
        this.reportEveryMillis = 5_000 + random.nextInt(10_001);
        this.availability = fleetRider.path("availability").asText("AVAILABLE");
        this.offDuty = "OFF_DUTY".equals(availability);
        JsonNode position = fleetRider.path("position");
        this.at = position.isObject() ? new City.Point(position.path("lat").asDouble(), position.path("lon").asDouble())
                : City.offset(outlet, random.nextDouble() * 300, random.nextDouble() * 360);
        this.nextReport = System.currentTimeMillis() + random.nextInt((int) reportEveryMillis);
        if ("ON_BREAK".equals(availability)) {
            breakUntil = System.currentTimeMillis() + ctx.realMillis(300 + random.nextInt(600));
        }
    }

    /** Plans a break: from {@code atMillis}, at the first moment the rider has nothing to carry. */
    void planBreak(long atMillis) {
        synchronized (lock) {
            breakAt = atMillis;
        }
    }

    boolean idle() {
        synchronized (lock) {
            // Unread news (an assignment's event) may mean work the list does not show yet.
            return work.isEmpty() && !running && !dirty && "AVAILABLE".equals(availability);
        }
    }

    /**
     * Whether the rider has asked for no more work: a break is due, or the shift manager is sending the rider home.
     * The dispatch bot gives such a rider nothing new, as a dispatcher told so on the radio would.
     */
    boolean wantsNoMoreWork() {
        return leaving || System.currentTimeMillis() >= breakAt || !"AVAILABLE".equals(availability) || offDuty;
    }

    /** The shift manager will send this rider home once the work in hand is done. */
    void sendHomeAfterWork() {
        leaving = true;
    }

    boolean breakPlanned() {
        return breakAt != Long.MAX_VALUE;
    }

    boolean available() {
        return "AVAILABLE".equals(availability) && !offDuty;
    }

    /** The shift manager could not send the rider home after all. */
    void stayOnDuty() {
        leaving = false;
    }

    boolean leaving() {
        return leaving;
    }

    /** Dispatch took the rider off duty (through the API); the app stops working until put back. */
    void offDuty(boolean off) {
        synchronized (lock) {
            availability = off ? "OFF_DUTY" : "AVAILABLE";
            breakUntil = 0;
        }
        leaving = false;
        offDuty = off;
        dirty = true;
        wake();
    }

    // ---- the room --------------------------------------------------------------------------------------------

    void connect(URI socketUri, OkHttpClient http, Runnable answered) {
        IO.Options options = IO.Options.builder().setForceNew(true).setReconnection(true)
                .setTransports(new String[] {io.socket.engineio.client.transports.WebSocket.NAME})
                .setTimeout(30_000).setAuth(Map.of("token", token)).build();
        options.callFactory = http;
        options.webSocketFactory = http;
        Socket s = IO.socket(socketUri, options);
        boolean[] once = {false};
        s.on(Socket.EVENT_CONNECT, args -> {
            dirty = true;
            wake();
            synchronized (once) {
                if (!once[0]) {
                    once[0] = true;
                    answered.run();
                }
            }
        });
        s.on(Socket.EVENT_CONNECT_ERROR, args -> {
            synchronized (once) {
                if (!once[0]) {
                    once[0] = true;
                    ctx.metrics().error("socket-connect", describe(args));
                    answered.run();
                }
            }
        });
        s.on("my_batch_updated", args -> {
            if (args.length > 0 && args[0] instanceof JSONObject payload) {
                heard(payload);
            }
        });
        s.on("resync", args -> {
            ctx.metrics().resync();
            dirty = true;
            wake();
        });
        socket = s;
        s.connect();
    }

    boolean connected() {
        Socket s = socket;
        return s != null && s.connected();
    }

    private void heard(JSONObject payload) {
        long now = System.currentTimeMillis();
        long lag = -1;
        try {
            long changed = Instant.parse(payload.optString("updatedAt")).toEpochMilli();
            // The state sent on connecting tells of older changes: counted, not timed.
            long started = ctx.metrics().startedMillis();
            if (started > 0 && changed >= started) {
                lag = (now - changed) * 1000;
            }
        } catch (DateTimeParseException ignored) {
            // counted without a lag
        }
        ctx.metrics().event(lag);
        String batch = payload.optString("batchId");
        String status = payload.optString("status");
        String rider = payload.optString("riderId");
        synchronized (lock) {
            Work known = work.get(safeUuid(batch));
            // Our own moves come back as events too; only news from elsewhere needs a fresh read.
            if (known != null && known.status.equals(status) && riderId.toString().equals(rider)) {
                return;
            }
        }
        dirty = true;
        wake();
    }

    private static UUID safeUuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String describe(Object... args) {
        if (args.length > 0 && args[0] instanceof JSONObject json) {
            return json.optString("message", "refused");
        }
        return args.length > 0 && args[0] instanceof Exception e ? e.getClass().getSimpleName() : "refused";
    }

    // ---- stepping --------------------------------------------------------------------------------------------

    void start() {
        schedule(random.nextInt(2000));
    }

    void wake() {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            if (running) {
                wakeAsked = true;
                return;
            }
            if (next != null && next.getDelay(TimeUnit.MILLISECONDS) <= 0) {
                return;
            }
            if (next != null) {
                next.cancel(false);
            }
            next = ctx.pool().schedule(this::step, 0, TimeUnit.MILLISECONDS);
        }
    }

    void stop() {
        synchronized (lock) {
            stopped = true;
            if (next != null) {
                next.cancel(false);
            }
        }
        Socket s = socket;
        if (s != null) {
            s.off();
            s.close();
        }
    }

    private void schedule(long delayMillis) {
        synchronized (lock) {
            if (!stopped) {
                next = ctx.pool().schedule(this::step, delayMillis, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void step() {
        synchronized (lock) {
            if (running || stopped) {
                return;
            }
            running = true;
        }
        long delay;
        try {
            delay = act();
        } catch (RuntimeException e) {
            ctx.metrics().error("rider-app", e.getClass().getSimpleName() + ": " + e.getMessage());
            delay = reportEveryMillis;
        }
        synchronized (lock) {
            running = false;
            if (wakeAsked) {
                wakeAsked = false;
                delay = 0;
            }
            if (!stopped) {
                next = ctx.pool().schedule(this::step, Math.max(0, delay), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** One step; returns how long until the next. */
    private long act() {
        long now = System.currentTimeMillis();
        double simulated = (now - lastStep) / 1000.0 * ctx.settings().pace();
        lastStep = now;
        if (offDuty) {
            path.clear();
            goal = Goal.NONE;
            return 5_000;
        }
        if (paused(now)) {
            // The phone waits before its next call; the rider keeps riding.
            move(simulated);
            return pauseUntil - now;
        }
        if (breakUntil > 0) {
            if (now < breakUntil) {
                return Math.min(breakUntil - now, 5_000);
            }
            if (!back()) {
                return reportEveryMillis;
            }
        }
        if (dirty) {
            refresh();
        }
        move(simulated);
        if (paused(now)) {
            return pauseUntil - now;
        }
        if (busyUntil > now) {
            reportIfDue(now);
            return untilNext(now, busyUntil - now);
        }
        if (path.isEmpty()) {
            arrive();
            now = System.currentTimeMillis();
            if (busyUntil > now) {
                reportIfDue(now);
                return untilNext(now, busyUntil - now);
            }
            if (path.isEmpty()) {
                plan();
            }
        }
        reportIfDue(now);
        if (breakUntil > 0 || offDuty) {
            return 1_000;
        }
        double metres = remainingMetres();
        long eta = metres <= 0 ? reportEveryMillis : ctx.realMillis(metres / metresPerSecond);
        return untilNext(now, eta);
    }

    private long untilNext(long now, long eta) {
        return Math.max(20, Math.min(eta, Math.max(20, nextReport - now)));
    }

    private void refresh() {
        dirty = false;
        ApiClient.Answer answer = get("rider.batches", "/api/riders/me/batches");
        if (!answer.ok()) {
            dirty = true;
            return;
        }
        synchronized (lock) {
            work.clear();
            for (JsonNode b : answer.body().path("batches")) {
                Work w = Work.of(b);
                work.put(w.batchId, w);
            }
        }
        // A stop of a batch that left (reassigned, cancelled, failed by dispatch) is no goal any more, and the
        // rider stops waiting at its door (a late delivery waits long).
        boolean goalLeft;
        synchronized (lock) {
            goalLeft = goalBatch == null || !work.containsKey(goalBatch)
                    || !"OUT_FOR_DELIVERY".equals(work.get(goalBatch).status);
        }
        if (goal == Goal.STOP && goalLeft) {
            goal = Goal.NONE;
            goalStop = null;
            doorCase = null;
            busyUntil = 0;
            path.clear();
        }
    }

    private void remember(ApiClient.Answer answer) {
        if (answer.ok() && answer.body().has("batchId")) {
            Work w = Work.of(answer.body());
            synchronized (lock) {
                if (BatchStatus.ACTIVE.contains(BatchStatus.valueOf(w.status))) {
                    work.put(w.batchId, w);
                } else {
                    work.remove(w.batchId);
                }
            }
        } else {
            dirty = true;
        }
    }

    private void move(double simulatedSeconds) {
        double metres = simulatedSeconds * metresPerSecond;
        while (metres > 0 && !path.isEmpty()) {
            City.Point target = path.peekFirst();
            double d = City.metres(at, target);
            if (d <= metres) {
                at = target;
                path.removeFirst();
                metres -= d;
            } else {
                double f = metres / d;
                at = new City.Point(at.lat() + (target.lat() - at.lat()) * f, at.lon() + (target.lon() - at.lon()) * f);
                metres = 0;
            }
        }
    }

    private double remainingMetres() {
        double total = 0;
        City.Point from = at;
        for (City.Point p : path) {
            total += City.metres(from, p);
            from = p;
        }
        return total;
    }

    private void rideTo(City.Point target, Goal newGoal) {
        path.clear();
        path.addAll(City.route(at, target));
        path.pollFirst();
        goal = newGoal;
    }

    private void reportIfDue(long now) {
        if (now < nextReport) {
            return;
        }
        nextReport = now + reportEveryMillis;
        Map<String, Object> fix = new LinkedHashMap<>();
        fix.put("lat", City.fix(at.lat()));
        fix.put("lon", City.fix(at.lon()));
        fix.put("accuracyM", 4 + random.nextInt(12));
        fix.put("fixAt", Instant.now().toString());
        ApiClient.Answer answer = post("rider.location", "/api/riders/me/location", fix);
        if (answer.ok()) {
            ctx.metrics().position(answer.body().path("accepted").asInt(1));
        }
    }

    /** Reached the goal (or had none): do what is done there. */
    private void arrive() {
        switch (goal) {
            case OUTLET -> atOutlet();
            case STOP -> atDoor();
            case NONE -> {
            }
        }
    }

    /** Picks up what was given, goes out with it. */
    private void atOutlet() {
        goal = Goal.NONE;
        List<Work> mine;
        synchronized (lock) {
            mine = new ArrayList<>(work.values());
        }
        boolean handled = false;
        for (Work w : mine) {
            if (paused(System.currentTimeMillis())) {
                break;
            }
            if ("ASSIGNED".equals(w.status)) {
                ApiClient.Answer picked = move("rider.pickup", w, "pickup", null);
                remember(picked);
                handled = true;
                if (!picked.ok()) {
                    continue;
                }
                w = Work.of(picked.body());
            }
            if ("PICKED".equals(w.status)) {
                // One batch in forty: the parcel is damaged at the counter, so the batch fails there.
                if (random.nextInt(40) == 0) {
                    ApiClient.Answer failed = move("rider.fail", w, "fail", "Damaged at pick-up: the outlet "
                            + "will remake the order");
                    remember(failed);
                    if (failed.ok()) {
                        ctx.metrics().played("batchFailedAtPickup");
                    }
                    continue;
                }
                remember(move("rider.out-for-delivery", w, "out-for-delivery", null));
                handled = true;
            }
        }
        if (handled) {
            // Handing over at the counter takes a couple of minutes.
            busyUntil = System.currentTimeMillis() + ctx.realMillis(60 + random.nextInt(120));
        }
    }

    private ApiClient.Answer move(String kind, Work w, String action, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("expectedVersion", w.version);
        if (reason != null) {
            body.put("reason", reason);
        }
        return post(kind, "/api/batches/" + w.batchId + "/" + action, body);
    }

    /** At a customer's door: record the outcome (playing the exception drawn for it), then close the batch. */
    private void atDoor() {
        Work w;
        synchronized (lock) {
            w = goalBatch == null ? null : work.get(goalBatch);
        }
        if (w == null || !"OUT_FOR_DELIVERY".equals(w.status) || goalStop == null) {
            goal = Goal.NONE;
            return;
        }
        if (doorCase == null) {
            doorCase = ctx.exceptions().next(random);
        }
        long now = System.currentTimeMillis();
        if (doorCase == Exceptions.AtTheDoor.LATE) {
            long lateFrom = w.statusChangedAt.toEpochMilli() + ctx.lateAfter().toMillis() + 2_000;
            if (now < lateFrom) {
                // Waiting past the promise (the customer asked for a later drop, the rider was held up).
                busyUntil = lateFrom;
                return;
            }
        }
        String photo = null;
        if (doorCase != Exceptions.AtTheDoor.NO_PHOTO && doorCase != Exceptions.AtTheDoor.FAILED) {
            ApiClient.Answer uploaded = upload("rider.photo", "/api/photos",
                    PodPhotos.doorstep(goalStop.address(), random));
            if (uploaded.ok()) {
                photo = uploaded.body().path("reference").asText();
            } else if (uploaded.retryAfterMillis() > 0) {
                // No answer, or "later": the app keeps the PoD and uploads the photo again once it may, rather
                // than recording a delivery without the photo it took.
                return;
            }
        }
        Map<String, Object> body = outcome(goalStop, doorCase, photo);
        ApiClient.Answer answer = post("rider.outcome",
                "/api/batches/" + w.batchId + "/orders/" + goalStop.orderId() + "/outcome", body);
        if (answer.ok()) {
            ctx.metrics().played(played(doorCase));
        }
        remember(answer);
        goal = Goal.NONE;
        goalStop = null;
        doorCase = null;
        busyUntil = System.currentTimeMillis() + ctx.realMillis(30 + random.nextInt(90));
        if (answer.ok()) {
            Work after = Work.of(answer.body());
            if (!after.pendingStops()) {
                close(after);
            }
        }
    }

    private static String played(Exceptions.AtTheDoor kind) {
        return switch (kind) {
            case NORMAL -> "delivered";
            case FAR -> "farFromAddress";
            case NO_PHOTO -> "noPhoto";
            case LATE -> "late";
            case FAILED -> "failedOrder";
        };
    }

    /** Every order has its outcome: complete the batch, or fail it when nothing could be delivered. */
    private void close(Work w) {
        if (w.anyDelivered()) {
            remember(move("rider.complete", w, "complete", null));
        } else {
            ApiClient.Answer failed = move("rider.fail", w, "fail", "Nobody was home at any address");
            remember(failed);
            if (failed.ok()) {
                ctx.metrics().played("batchFailed");
            }
        }
    }

    private Map<String, Object> outcome(Work.Stop stop, Exceptions.AtTheDoor kind, String photo) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("expectedOutcomeVersion", stop.outcomeVersion());
        if (kind == Exceptions.AtTheDoor.FAILED) {
            body.put("outcome", "FAILED");
            body.put("reason", random.nextBoolean() ? "Nobody home" : "Wrong address: no such flat");
            return body;
        }
        body.put("outcome", "DELIVERED");
        City.Point door = City.positionOf(stop.address());
        City.Point recordedAt = kind == Exceptions.AtTheDoor.FAR
                ? City.offset(door, 400 + random.nextInt(500), random.nextDouble() * 360)
                : City.offset(door, random.nextDouble() * 15, random.nextDouble() * 360);
        Map<String, Object> pod = new LinkedHashMap<>();
        String type = kind == Exceptions.AtTheDoor.NO_PHOTO ? "LEFT_AT_DOOR"
                : switch (random.nextInt(3)) {
                    case 0 -> "LEFT_AT_DOOR";
                    case 1 -> "SAFE_PLACE";
                    default -> "HANDED_TO_RECIPIENT";
                };
        pod.put("deliveryType", type);
        pod.put("recipientName", stop.customer());
        pod.put("notes", switch (type) {
            case "SAFE_PLACE" -> "In the porch, behind the plant pot";
            case "LEFT_AT_DOOR" -> "Left at the front door";
            default -> kind == Exceptions.AtTheDoor.FAR ? "Met the customer down the road" : "Handed over";
        });
        String now = Instant.now().toString();
        if (photo != null) {
            pod.put("photos", List.of(Map.of("url", photo, "takenAt", now)));
        }
        if ("HANDED_TO_RECIPIENT".equals(type)) {
            pod.put("signature", Map.of("strokes", List.of(
                    List.of(List.of(0, 20), List.of(8, 4 + random.nextInt(8)), List.of(16, 22), List.of(30, 6)),
                    List.of(List.of(34, 18), List.of(52, 10), List.of(60, 18)))));
        }
        pod.put("coordinates", Map.of("lat", City.fix(recordedAt.lat()), "lon", City.fix(recordedAt.lon()),
                "accuracyM", 3 + random.nextInt(20)));
        pod.put("deliveredAt", now);
        pod.put("deviceId", "sim-" + riderId.toString().substring(0, 8));
        body.put("pod", pod);
        return body;
    }

    /** Nothing in hand: choose where to go next. */
    private void plan() {
        List<Work> mine;
        synchronized (lock) {
            mine = new ArrayList<>(work.values());
        }
        Work.Stop nearest = null;
        Work nearestBatch = null;
        double best = Double.MAX_VALUE;
        for (Work w : mine) {
            if (!"OUT_FOR_DELIVERY".equals(w.status)) {
                continue;
            }
            for (Work.Stop s : w.stops) {
                if (s.pending()) {
                    double d = City.metres(at, City.positionOf(s.address()));
                    if (d < best) {
                        best = d;
                        nearest = s;
                        nearestBatch = w;
                    }
                }
            }
        }
        if (nearest != null) {
            goalBatch = nearestBatch.batchId;
            goalStop = nearest;
            doorCase = null;
            rideTo(City.positionOf(nearest.address()), Goal.STOP);
            return;
        }
        boolean toCollect = mine.stream().anyMatch(w -> "ASSIGNED".equals(w.status) || "PICKED".equals(w.status));
        // A batch out for delivery with no pending stop left needs closing (a refused complete, say).
        for (Work w : mine) {
            if ("OUT_FOR_DELIVERY".equals(w.status) && !w.pendingStops()) {
                close(w);
                return;
            }
        }
        if (toCollect || City.metres(at, outlet) > ARRIVED_METRES) {
            if (toCollect && City.metres(at, outlet) <= ARRIVED_METRES) {
                goal = Goal.OUTLET;
                atOutlet();
                return;
            }
            rideTo(outlet, Goal.OUTLET);
            return;
        }
        // Waiting at the outlet with nothing to carry: a planned break starts now.
        if (mine.isEmpty() && System.currentTimeMillis() >= breakAt && "AVAILABLE".equals(availability)) {
            takeBreak();
        }
    }

    private void takeBreak() {
        breakAt = Long.MAX_VALUE;
        ApiClient.Answer answer = post("rider.break", "/api/riders/me/break", Map.of());
        if (answer.ok()) {
            availability = "ON_BREAK";
            breakUntil = System.currentTimeMillis() + ctx.realMillis(600 + random.nextInt(900));
            ctx.metrics().played("break");
        }
    }

    private boolean back() {
        ApiClient.Answer answer = post("rider.back", "/api/riders/me/back", Map.of());
        if (answer.ok()) {
            availability = "AVAILABLE";
            breakUntil = 0;
            return true;
        }
        if ("RIDER_UNAVAILABLE".equals(answer.code())) {
            // Taken off duty meanwhile: the control room decides when the rider works again.
            breakUntil = 0;
            offDuty = true;
            return false;
        }
        // Try again at the next step; counted as a refusal or an error by the client.
        breakUntil = System.currentTimeMillis() + reportEveryMillis;
        return false;
    }

    // ---- calls ------------------------------------------------------------------------------------------------

    private ApiClient.Answer get(String kind, String path) {
        return noted(ctx.api().get(kind, token, path));
    }

    private ApiClient.Answer post(String kind, String path, Object body) {
        return noted(ctx.api().post(kind, token, path, body));
    }

    private ApiClient.Answer upload(String kind, String path, byte[] png) {
        return noted(ctx.api().upload(kind, token, path, png));
    }

    /** An answer that asks to wait (or none at all) holds the app's next call back until then. */
    private ApiClient.Answer noted(ApiClient.Answer answer) {
        if (answer.retryAfterMillis() > 0) {
            pauseUntil = Math.max(pauseUntil, System.currentTimeMillis() + answer.retryAfterMillis());
        }
        return answer;
    }

    private boolean paused(long now) {
        return now < pauseUntil;
    }

    /** The batches the app believes the rider holds. */
    java.util.Set<UUID> held() {
        synchronized (lock) {
            return java.util.Set.copyOf(work.keySet());
        }
    }

    /** Where the rider is now, for the dispatcher's choice and the tests. */
    City.Point position() {
        return at;
    }

    static Comparator<RiderApp> nearestTo(City.Point p) {
        return Comparator.comparingDouble(r -> City.metres(r.position(), p));
    }
}

package com.dispatchconsole.sim;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The shift manager, with the system token: every so often one rider is told to finish the work in hand and go
 * home; once the rider carries nothing, {@code POST /api/riders/{id}/off-duty} takes the rider off duty, and a
 * while later {@code on-duty} brings the rider back. A refusal (the rider took work in between:
 * RIDER_HAS_ACTIVE_BATCHES) is counted and the rider stays on duty; the next turn chooses someone else.
 */
final class Roster {

    private final String token;
    private final SimContext ctx;
    private final List<RiderApp> riders;
    private volatile boolean stopped;
    private int nextRider = 1;
    /** Riders this shift manager took off duty and has not put back yet. */
    private final java.util.Set<RiderApp> sentHome = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Roster(String token, SimContext ctx, List<RiderApp> riders) {
        this.token = token;
        this.ctx = ctx;
        this.riders = List.copyOf(riders);
    }

    /** The first one at {@code firstMillis}, then one every {@code everyMillis}; looks each second. */
    void start(long firstMillis, long everyMillis) {
        ctx.pool().scheduleWithFixedDelay(this::chooseOne, firstMillis, everyMillis, TimeUnit.MILLISECONDS);
        ctx.pool().scheduleWithFixedDelay(this::sendHomeWhenIdle, firstMillis, 1_000, TimeUnit.MILLISECONDS);
    }

    /**
     * Ends the shift manager's work: riders it sent home are put back on duty, so the next shift (or the next run)
     * finds them as this one did. A refusal is counted and the rider is left as the database says.
     */
    void stop() {
        stopped = true;
        for (RiderApp rider : List.copyOf(sentHome)) {
            putBack(rider);
        }
    }

    /** The next rider in turn who works and is not about to take a break (the first rider plays the break). */
    private synchronized void chooseOne() {
        for (int tries = 0; tries < riders.size() && !stopped; tries++) {
            RiderApp rider = riders.get(nextRider % riders.size());
            nextRider++;
            if (!rider.wantsNoMoreWork() && !rider.breakPlanned()) {
                rider.sendHomeAfterWork();
                return;
            }
        }
    }

    private void sendHomeWhenIdle() {
        if (stopped) {
            return;
        }
        for (RiderApp rider : riders) {
            if (!rider.leaving() || !rider.idle()) {
                continue;
            }
            ApiClient.Answer answer = ctx.api().post("roster.off-duty", token,
                    "/api/riders/" + rider.riderId + "/off-duty", Map.of());
            if (answer.ok()) {
                rider.offDuty(true);
                sentHome.add(rider);
                ctx.metrics().played("offDuty");
                ctx.pool().schedule(() -> backOnDuty(rider), ctx.realMillis(1_200), TimeUnit.MILLISECONDS);
            } else {
                // Refused (counted): the rider stays on duty and another is chosen; nothing is retried.
                rider.stayOnDuty();
                chooseOne();
            }
        }
    }

    private void backOnDuty(RiderApp rider) {
        if (!stopped) {
            putBack(rider);
        }
    }

    private void putBack(RiderApp rider) {
        if (!sentHome.remove(rider)) {
            return;
        }
        ApiClient.Answer answer = ctx.api().post("roster.on-duty", token,
                "/api/riders/" + rider.riderId + "/on-duty", Map.of());
        if (answer.ok()) {
            rider.offDuty(false);
        }
    }

    static Map<UUID, RiderApp> byId(List<RiderApp> riders) {
        Map<UUID, RiderApp> map = new java.util.LinkedHashMap<>();
        riders.forEach(r -> map.put(r.riderId, r));
        return map;
    }
}

package com.dispatchconsole.sim;

import com.dispatchconsole.demo.City;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A simple dispatcher bot with a system token: once a second, for each outlet, it reads the waiting batches
 * (oldest first) and the riders with room, and gives each batch to the nearest played rider it fits, through
 * {@code POST /api/batches/{id}/assign} with the version it read. A refusal (someone else assigned it, the rider
 * filled up meanwhile) is counted and the batch waits for the next round; a 429 or 503 (or no answer) holds the
 * rounds back for as long as its {@code Retry-After} says (5 s after no answer).
 */
final class AutoDispatcher {

    private final String token;
    private final SimContext ctx;
    private final List<UUID> outlets;
    private final Set<UUID> played;
    private final Map<UUID, RiderApp> apps;
    private ScheduledFuture<?> loop;
    /** No round before this: the gateway asked to wait (429, 503) or did not answer. */
    private volatile long pauseUntil;

    AutoDispatcher(String token, SimContext ctx, List<UUID> outlets, Map<UUID, RiderApp> apps) {
        this.token = token;
        this.ctx = ctx;
        this.outlets = List.copyOf(outlets);
        this.apps = apps;
        this.played = Set.copyOf(apps.keySet());
    }

    void start() {
        loop = ctx.pool().scheduleWithFixedDelay(this::round, 1_000, 1_000, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (loop != null) {
            loop.cancel(false);
        }
    }

    private void round() {
        for (UUID outlet : outlets) {
            if (System.currentTimeMillis() < pauseUntil) {
                return;
            }
            try {
                dispatch(outlet);
            } catch (RuntimeException e) {
                ctx.metrics().error("dispatcher", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    /** An answer that asks to wait (or none at all) holds the next round back until then. */
    private ApiClient.Answer noted(ApiClient.Answer answer) {
        if (answer.retryAfterMillis() > 0) {
            pauseUntil = Math.max(pauseUntil, System.currentTimeMillis() + answer.retryAfterMillis());
        }
        return answer;
    }

    private record Candidate(UUID riderId, int orders, BigDecimal weightKg, int batches, City.Point at) {
    }

    private void dispatch(UUID outlet) {
        ApiClient.Answer waiting = noted(ctx.api().get("dispatch.waiting", token,
                "/api/batches?outletId=" + outlet + "&status=CREATED&limit=100"));
        if (!waiting.ok() || waiting.body().path("count").asInt() == 0) {
            return;
        }
        ApiClient.Answer fleet = noted(ctx.api().get("dispatch.riders", token,
                "/api/riders?outletId=" + outlet + "&hasRoom=true"));
        if (!fleet.ok()) {
            return;
        }
        City.Point place = ctx.outletPlaces().get(outlet);
        List<Candidate> riders = new ArrayList<>();
        for (JsonNode r : fleet.body().path("riders")) {
            UUID id = UUID.fromString(r.path("riderId").asText());
            if (!played.contains(id) || apps.get(id).wantsNoMoreWork()) {
                continue;
            }
            JsonNode room = r.path("room");
            riders.add(new Candidate(id, room.path("orders").asInt(), room.path("weightKg").decimalValue(),
                    room.path("batches").asInt(), apps.get(id).position()));
        }
        riders.sort(Comparator.comparingDouble(c -> City.metres(c.at(), place)));
        List<JsonNode> batches = new ArrayList<>();
        waiting.body().path("batches").forEach(batches::add);
        batches.sort(Comparator.comparing(b -> b.path("createdAt").asText()));
        for (JsonNode batch : batches) {
            int orders = batch.path("orderCount").asInt();
            BigDecimal weight = batch.path("totalWeightKg").decimalValue();
            Candidate fits = riders.stream().filter(c -> c.batches() > 0 && c.orders() >= orders
                    && c.weightKg().compareTo(weight) >= 0).findFirst().orElse(null);
            if (fits == null) {
                continue;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("riderId", fits.riderId().toString());
            body.put("expectedVersion", batch.path("version").asLong());
            body.put("reason", "auto-dispatch: nearest rider with room");
            ApiClient.Answer assigned = noted(ctx.api().post("dispatch.assign", token,
                    "/api/batches/" + batch.path("batchId").asText() + "/assign", body));
            riders.remove(fits);
            if (assigned.retryAfterMillis() > 0) {
                return;
            }
            if (assigned.ok()) {
                riders.add(new Candidate(fits.riderId(), fits.orders() - orders, fits.weightKg().subtract(weight),
                        fits.batches() - 1, fits.at()));
                riders.sort(Comparator.comparingDouble(c -> City.metres(c.at(), place)));
            }
        }
    }
}

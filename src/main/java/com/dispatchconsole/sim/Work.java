package com.dispatchconsole.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A rider's batch as the API last showed it to the rider's app. */
final class Work {

    /** One order of the batch: where it goes and whether it has an outcome yet. */
    record Stop(UUID orderId, String customer, String address, String outcome, long outcomeVersion) {
        boolean pending() {
            return "PENDING".equals(outcome);
        }
    }

    final UUID batchId;
    final String status;
    final long version;
    final Instant statusChangedAt;
    final List<Stop> stops;

    private Work(UUID batchId, String status, long version, Instant statusChangedAt, List<Stop> stops) {
        this.batchId = batchId;
        this.status = status;
        this.version = version;
        this.statusChangedAt = statusChangedAt;
        this.stops = stops;
    }

    /** From a batch view ({@code GET /api/riders/me/batches}, or the answer to a move). */
    static Work of(JsonNode batch) {
        List<Stop> stops = new ArrayList<>();
        for (JsonNode o : batch.path("orders")) {
            stops.add(new Stop(UUID.fromString(o.path("orderId").asText()), o.path("customerName").asText(),
                    o.path("deliveryAddress").asText(), o.path("outcome").asText("PENDING"),
                    o.path("outcomeVersion").asLong()));
        }
        String changed = batch.path("statusChangedAt").asText(null);
        return new Work(UUID.fromString(batch.path("batchId").asText()), batch.path("status").asText(),
                batch.path("version").asLong(), changed == null ? Instant.now() : Instant.parse(changed),
                List.copyOf(stops));
    }

    boolean pendingStops() {
        return stops.stream().anyMatch(Stop::pending);
    }

    boolean anyDelivered() {
        return stops.stream().anyMatch(s -> "DELIVERED".equals(s.outcome()));
    }
}

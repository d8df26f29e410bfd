package com.dispatchconsole.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;

/**
 * One committed change, as the database announced it: which entity and row, the outlet it belongs to, and for a
 * batch its rider before and after, so a console knows which riders' loads to re-read. Never the row itself.
 */
public record ChangeEvent(Entity entity, UUID id, char operation, UUID outletId, UUID riderId, UUID previousRiderId,
                          UUID batchId, String status, long version, long receivedNanos) {

    public enum Entity { BATCH, RIDER, ORDER, LOCATION }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses a notification payload; throws IllegalArgumentException for anything that is not one of ours. */
    public static ChangeEvent parse(String payload, long receivedNanos) {
        try {
            JsonNode node = JSON.readTree(payload);
            Entity entity = Entity.valueOf(node.path("e").asText().toUpperCase());
            return new ChangeEvent(entity, uuid(node, "id"), node.path("op").asText("U").charAt(0),
                    uuid(node, "outlet"), uuid(node, "rider"), uuid(node, "oldRider"), uuid(node, "batch"),
                    node.hasNonNull("status") ? node.get("status").asText() : null, node.path("v").asLong(-1),
                    receivedNanos);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a dispatch change notification: " + payload, e);
        }
    }

    private static UUID uuid(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : UUID.fromString(value.asText());
    }
}

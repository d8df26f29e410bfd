package com.dispatchconsole.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One committed change, as the database announced it: which entity and row, the outlet it belongs to, and for a
 * batch its rider before and after, so a console knows which riders' loads to re-read. Never the row itself.
 *
 * <p>Since V11 a batch's notification also says when the row was last changed ({@code updatedAt}) and a position's
 * says where and when the rider was ({@code lat}, {@code lon}, {@code accuracyM}, {@code fixAt}): what the
 * gateway's rooms pass on without reading the row. Each is null when the payload does not carry it (an older
 * payload, another entity, an unknown accuracy).
 */
public record ChangeEvent(Entity entity, UUID id, char operation, UUID outletId, UUID riderId, UUID previousRiderId,
                          UUID batchId, String status, long version, Instant updatedAt, Double lat, Double lon,
                          Double accuracyM, Instant fixAt, long receivedNanos) {

    /** TOKEN: an API token was revoked (its id only); connections made with it must close. */
    public enum Entity { BATCH, RIDER, ORDER, LOCATION, TOKEN }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses a notification payload; throws IllegalArgumentException for anything that is not one of ours. */
    public static ChangeEvent parse(String payload, long receivedNanos) {
        try {
            JsonNode node = JSON.readTree(payload);
            Entity entity = Entity.valueOf(node.path("e").asText().toUpperCase());
            return new ChangeEvent(entity, uuid(node, "id"), node.path("op").asText("U").charAt(0),
                    uuid(node, "outlet"), uuid(node, "rider"), uuid(node, "oldRider"), uuid(node, "batch"),
                    node.hasNonNull("status") ? node.get("status").asText() : null, node.path("v").asLong(-1),
                    instant(node, "at"), number(node, "lat"), number(node, "lon"), number(node, "acc"),
                    instant(node, "fix"), receivedNanos);
        } catch (Exception e) {
            throw new IllegalArgumentException("not a dispatch change notification: " + payload, e);
        }
    }

    private static UUID uuid(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : UUID.fromString(value.asText());
    }

    /** A timestamptz as json_build_object writes it ("2025-05-01T10:42:07.123456+00:00"); absent or null: null. */
    private static Instant instant(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " is not a timestamp");
        }
        return OffsetDateTime.parse(value.asText()).toInstant();
    }

    /** A number; absent or null: null. A present value that is not a number is refused like any malformed field. */
    private static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(field + " is not a number");
        }
        return value.doubleValue();
    }
}

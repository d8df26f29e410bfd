package com.dispatchconsole.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a console says about itself on {@link PresenceSettings#CHANNEL}:
 * {@code {"v":1,"c":"<console instance>","o":"<operator>","k":"viewing|dragging|none","b":["<batch id>", …]}}.
 *
 * <p>Any login may {@code pg_notify} on that channel, so a received payload is untrusted: at most
 * {@link #MAX_PAYLOAD} characters, every field checked, an operator name of at most {@link #MAX_NAME} plain
 * characters (no control or invisible formatting characters), at most {@link #MAX_BATCHES} batch ids. Anything else
 * is ignored whole. The result is only ever shown as a label; it never reaches SQL or a decision.
 */
public record PresenceMessage(UUID instance, String operator, PresenceKind kind, List<UUID> batches) {

    public static final int MAX_PAYLOAD = 1024;
    public static final int MAX_NAME = 32;
    public static final int MAX_BATCHES = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    public PresenceMessage {
        batches = kind == PresenceKind.NONE ? List.of() : List.copyOf(batches);
    }

    /** The payload to send; the operator's name is cleaned and shortened to what receivers accept. */
    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", 1);
        node.put("c", instance.toString());
        node.put("o", cleanName(operator));
        node.put("k", kind.wire());
        ArrayNode ids = node.putArray("b");
        batches.stream().limit(MAX_BATCHES).forEach(id -> ids.add(id.toString()));
        return node.toString();
    }

    /** The message in {@code payload}, or empty for anything oversized, malformed or not ours. */
    public static Optional<PresenceMessage> parse(String payload) {
        if (payload == null || payload.length() > MAX_PAYLOAD) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(payload);
            if (node == null || !node.isObject() || node.path("v").asInt(0) != 1) {
                return Optional.empty();
            }
            JsonNode instance = node.get("c");
            JsonNode operator = node.get("o");
            JsonNode kind = node.get("k");
            JsonNode ids = node.get("b");
            if (instance == null || !instance.isTextual() || operator == null || !operator.isTextual()
                    || kind == null || !kind.isTextual() || ids == null || !ids.isArray() || ids.size() > MAX_BATCHES) {
                return Optional.empty();
            }
            String name = operator.asText();
            if (name.isEmpty() || !name.equals(cleanName(name))) {
                return Optional.empty();
            }
            Optional<PresenceKind> parsedKind = PresenceKind.fromWire(kind.asText());
            if (parsedKind.isEmpty()) {
                return Optional.empty();
            }
            List<UUID> batches = new ArrayList<>(ids.size());
            for (JsonNode id : ids) {
                if (!id.isTextual()) {
                    return Optional.empty();
                }
                batches.add(UUID.fromString(id.asText()));
            }
            return Optional.of(new PresenceMessage(UUID.fromString(instance.asText()), name, parsedKind.get(), batches));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /**
     * A name as it may be shown: control and invisible formatting characters (bidi overrides, zero-width) dropped,
     * runs of spaces made one, trimmed, at most {@link #MAX_NAME} code points.
     */
    static String cleanName(String name) {
        StringBuilder clean = new StringBuilder();
        name.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean invisible = Character.isISOControl(cp) || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE || type == Character.UNASSIGNED
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (!clean.isEmpty() && clean.charAt(clean.length() - 1) != ' ') {
                    clean.append(' ');
                }
            } else if (!invisible) {
                clean.appendCodePoint(cp);
            }
        });
        String trimmed = clean.toString().strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_NAME) {
            trimmed = trimmed.substring(0, trimmed.offsetByCodePoints(0, MAX_NAME)).strip();
        }
        return trimmed;
    }
}

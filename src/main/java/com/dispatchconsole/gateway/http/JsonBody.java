package com.dispatchconsole.gateway.http;

import com.dispatchconsole.domain.ErrorCode;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A request's JSON object, read strictly: one object, no duplicate keys, no trailing content, bounded depth and
 * lengths, and only the fields the endpoint knows (a typo is refused, not ignored). Every accessor names the field
 * it refuses, with its path inside arrays ({@code orders[2].weightKg}).
 */
final class JsonBody {

    static final int MAX_DEPTH = 16;
    static final int MAX_TEXT = 10_000;

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    static {
        STRICT.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_TEXT).maxNumberLength(40).build());
    }

    private final ObjectNode node;
    private final String path;

    private JsonBody(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Parses a request body; an empty body is an empty object (for endpoints whose fields are all optional). */
    static JsonBody parse(byte[] body) {
        if (body == null || body.length == 0) {
            return new JsonBody(STRICT.createObjectNode(), "");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new ApiFailure(ErrorCode.INVALID_ARGUMENT, "The body is not valid JSON" + where
                    + " (" + firstSentence(e.getOriginalMessage()) + "); nothing was changed.", null);
        } catch (IOException e) {
            throw new ApiFailure(ErrorCode.INVALID_ARGUMENT, "The body could not be read; nothing was changed.", null);
        }
        if (root == null || !root.isObject()) {
            throw new ApiFailure(ErrorCode.INVALID_ARGUMENT, "The body must be one JSON object.", null);
        }
        return new JsonBody((ObjectNode) root, "");
    }

    private static String firstSentence(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("unreadable");
        // Jackson quotes the offending text; never echo more than a few characters of a client's document.
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    /** Refuses any field not in {@code known}, naming it. */
    JsonBody allowOnly(String... known) {
        Set<String> allowed = Set.of(known);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw ApiFailure.badField(path + name, "Unknown field '" + shorten(name) + "'; this request takes "
                        + String.join(", ", known) + ".");
            }
        }
        return this;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** The field's name as a refusal names it, with its path inside arrays ({@code orders[2].weightKg}). */
    String field(String name) {
        return path + name;
    }

    boolean has(String field) {
        return node.hasNonNull(field);
    }

    UUID uuid(String field) {
        UUID value = optionalUuid(field);
        if (value == null) {
            throw ApiFailure.badField(path + field, "'" + path + field + "' is required (a UUID).");
        }
        return value;
    }

    UUID optionalUuid(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiFailure.badField(path + field, "'" + path + field + "' must be a UUID string.");
        }
        return Fields.uuid(value.asText(), path + field);
    }

    String text(String field, int maxLength) {
        String value = optionalText(field, maxLength);
        if (value == null) {
            throw ApiFailure.badField(path + field, "'" + path + field + "' is required.");
        }
        return value;
    }

    /** Trimmed text, or null when absent or blank. */
    String optionalText(String field, int maxLength) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiFailure.badField(path + field, "'" + path + field + "' must be a string.");
        }
        return Fields.text(value.asText(), path + field, maxLength);
    }

    Long optionalLong(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiFailure.badField(path + field, "'" + path + field + "' must be a whole number.");
        }
        return value.longValue();
    }

    Double optionalDouble(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw ApiFailure.badField(path + field, "'" + path + field + "' must be a number.");
        }
        double d = value.doubleValue();
        if (!Double.isFinite(d)) {
            throw ApiFailure.badField(path + field, "'" + path + field + "' must be a finite number.");
        }
        return d;
    }

    double number(String field) {
        Double value = optionalDouble(field);
        if (value == null) {
            throw ApiFailure.badField(path + field, "'" + path + field + "' is required (a number).");
        }
        return value;
    }

    BigDecimal decimal(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || !value.isNumber()) {
            throw ApiFailure.badField(path + field, "'" + path + field + "' is required (a number).");
        }
        return value.decimalValue();
    }

    Instant optionalInstant(String field) {
        String value = optionalText(field, 40);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiFailure.badField(path + field, "'" + path + field
                    + "' must be an ISO-8601 instant such as 2026-11-28T09:15:00Z.");
        }
    }

    /** The objects of an array field, each with its index in the path; null when absent. */
    List<JsonBody> optionalObjects(String field, int maxItems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw ApiFailure.badField(path + field, "'" + path + field + "' must be an array.");
        }
        if (value.size() > maxItems) {
            throw new ApiFailure(ErrorCode.TOO_LARGE, "'" + path + field + "' has " + value.size()
                    + " items; at most " + maxItems + " are accepted in one request.", path + field);
        }
        List<JsonBody> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = path + field + "[" + i + "]";
            if (!item.isObject()) {
                throw ApiFailure.badField(itemPath, "'" + itemPath + "' must be an object.");
            }
            items.add(new JsonBody((ObjectNode) item, itemPath + "."));
        }
        return items;
    }

    List<JsonBody> objects(String field, int maxItems) {
        List<JsonBody> items = optionalObjects(field, maxItems);
        if (items == null || items.isEmpty()) {
            throw ApiFailure.badField(path + field, "'" + path + field + "' needs at least one item.");
        }
        return items;
    }

    /** A nested object, serialized back to compact JSON text (e.g. a PoD document); null when absent. */
    String optionalObjectJson(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw ApiFailure.badField(path + field, "'" + path + field + "' must be an object.");
        }
        return value.toString();
    }
}

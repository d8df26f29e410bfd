package com.dispatchconsole.domain.pod;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Checks a proof-of-delivery document before anything is written. It must be one JSON object of at most 64 KiB
 * that PostgreSQL can store ({@link PodSyntax}: depth, number size, no {@code \u0000}, nothing after it); the
 * fields the product knows must be well-typed; photo and signature images must come from safe addresses
 * ({@link PhotoAddress}); every other field is kept exactly as sent. Each refusal names the field or the position,
 * e.g. {@code coordinates.lat must be a number between -90 and 90}, and never quotes more than a short value.
 *
 * <pre>
 * {
 *   "deliveryType": "LEFT_AT_DOOR",
 *   "photos": [{"url": "https://…/door.jpg", "takenAt": "2026-11-27T14:02:11Z"}],
 *   "coordinates": {"lat": 51.5007, "lon": -0.1246, "accuracyM": 8},
 *   "signature": {"imageUrl": "https://…/sig.png"}  or  {"strokes": [[[x, y], …], …]},
 *   "recipientName": "K. Mensah",
 *   "notes": "Left with the concierge",
 *   "arrivedAt": "…", "deliveredAt": "…"
 * }
 * </pre>
 */
public final class PodValidator {

    public static final int MAX_BYTES = 64 * 1024;
    static final Set<String> TIMESTAMPS = Set.of("arrivedAt", "deliveredAt", "capturedAt");
    static final Set<String> TEXTS = Set.of("recipientName", "notes", "deliveryType");

    private PodValidator() {
    }

    /** Returns the document as a JSON object, or throws {@link ErrorCode#INVALID_POD} naming the field. */
    public static ObjectNode validate(String document) {
        try {
            if (document != null && !document.isBlank()) {
                int bytes = document.getBytes(StandardCharsets.UTF_8).length;
                if (bytes > MAX_BYTES) {
                    throw invalid("The proof of delivery is " + bytes + " bytes; at most " + MAX_BYTES
                            + " (64 KiB) are allowed.");
                }
            }
            ObjectNode pod = check(document);
            requireSafeImageAddresses(pod);
            return pod;
        } catch (Refusal refusal) {
            throw new DispatchException(ErrorCode.INVALID_POD, refusal.getMessage() + " Nothing was saved.");
        }
    }

    /**
     * Photos and a signature image are shown by the viewer, so only addresses it may fetch are accepted (see
     * {@link PhotoAddress}). Only when writing: a stored document with another address stays readable, and the
     * viewer shows that image as not loaded instead of fetching it.
     */
    private static void requireSafeImageAddresses(ObjectNode pod) {
        JsonNode photos = pod.get("photos");
        if (photos != null && photos.isArray()) {
            for (int i = 0; i < photos.size(); i++) {
                requireSafe(photos.get(i).get("url"), "photos[" + i + "].url");
            }
        }
        JsonNode signature = pod.get("signature");
        if (signature != null && signature.isObject()) {
            requireSafe(signature.get("imageUrl"), "signature.imageUrl");
        }
    }

    private static void requireSafe(JsonNode url, String where) {
        if (url == null || !url.isTextual()) {
            return;
        }
        PhotoAddress.unsafeBecause(url.textValue()).ifPresent(why -> {
            throw invalid(where + " " + why + " (got \"" + shorten(url.textValue()) + "\"); images load only from "
                    + "https addresses on the internet or from data:image/png or data:image/jpeg URLs.");
        });
    }

    /** A value quoted in a sentence is cut short: a data URL can be tens of kilobytes. */
    static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }

    /**
     * The same rules without the size limit, for documents already stored: a document written around this class
     * (plain SQL, an older version) is judged by what the product can interpret, not by what it would accept.
     * Throws a {@link Refusal} whose message is the one sentence naming the field.
     */
    static ObjectNode check(String document) {
        if (document == null || document.isBlank()) {
            throw invalid("The proof of delivery is empty.");
        }
        // Syntax first: one JSON value, within the limits, storable by PostgreSQL; each refusal names where.
        JsonNode root = PodSyntax.parse(document);
        if (root == null || !root.isObject()) {
            throw invalid("The proof of delivery must be a JSON object"
                    + (root == null ? "" : ", not " + kind(root)) + ".");
        }
        ObjectNode pod = (ObjectNode) root;
        for (String field : TEXTS) {
            requireTextIfPresent(pod, field, field);
        }
        for (String field : TIMESTAMPS) {
            requireTimestampIfPresent(pod.get(field), field);
        }
        checkPhotos(pod.get("photos"));
        checkCoordinates(pod.get("coordinates"));
        checkSignature(pod.get("signature"));
        return pod;
    }

    /** "an array", "a number", …: what a document that is not an object is, so the sentence says what was found. */
    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case NULL -> "null";
            default -> "something else";
        };
    }

    private static void checkPhotos(JsonNode photos) {
        if (photos == null || photos.isNull()) {
            return;
        }
        if (!photos.isArray()) {
            throw invalid("photos must be an array of {url, takenAt}.");
        }
        for (int i = 0; i < photos.size(); i++) {
            JsonNode photo = photos.get(i);
            String where = "photos[" + i + "]";
            if (!photo.isObject()) {
                throw invalid(where + " must be an object with url and takenAt.");
            }
            requireUrl(photo.get("url"), where + ".url", true);
            requireTimestampIfPresent(photo.get("takenAt"), where + ".takenAt");
        }
    }

    private static void checkCoordinates(JsonNode coordinates) {
        if (coordinates == null || coordinates.isNull()) {
            return;
        }
        if (!coordinates.isObject()) {
            throw invalid("coordinates must be an object with lat, lon and accuracyM.");
        }
        requireNumber(coordinates.get("lat"), "coordinates.lat", -90, 90, true);
        requireNumber(coordinates.get("lon"), "coordinates.lon", -180, 180, true);
        requireNumber(coordinates.get("accuracyM"), "coordinates.accuracyM", 0, 1_000_000, false);
    }

    private static void checkSignature(JsonNode signature) {
        if (signature == null || signature.isNull()) {
            return;
        }
        if (!signature.isObject()) {
            throw invalid("signature must be an object with imageUrl or strokes.");
        }
        JsonNode strokes = signature.get("strokes");
        if (signature.get("imageUrl") == null && strokes == null) {
            throw invalid("signature needs imageUrl or strokes.");
        }
        requireUrl(signature.get("imageUrl"), "signature.imageUrl", false);
        if (strokes != null) {
            if (!strokes.isArray()) {
                throw invalid("signature.strokes must be an array of strokes, each an array of [x, y] points.");
            }
            for (int s = 0; s < strokes.size(); s++) {
                JsonNode stroke = strokes.get(s);
                if (!stroke.isArray()) {
                    throw invalid("signature.strokes[" + s + "] must be an array of [x, y] points.");
                }
                for (int p = 0; p < stroke.size(); p++) {
                    JsonNode point = stroke.get(p);
                    if (!point.isArray() || point.size() != 2 || !point.get(0).isNumber() || !point.get(1).isNumber()) {
                        throw invalid("signature.strokes[" + s + "][" + p + "] must be a point [x, y] of two numbers.");
                    }
                }
            }
        }
    }

    private static void requireTextIfPresent(JsonNode parent, String field, String where) {
        JsonNode value = parent.get(field);
        if (value != null && !value.isNull() && !value.isTextual()) {
            throw invalid(where + " must be text.");
        }
    }

    private static void requireTimestampIfPresent(JsonNode value, String where) {
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isTextual()) {
            throw invalid(where + " must be an ISO-8601 timestamp such as 2026-11-27T14:02:11Z.");
        }
        try {
            OffsetDateTime.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw invalid(where + " is not an ISO-8601 timestamp with an offset (got \"" + shorten(value.asText())
                    + "\"); use e.g. 2026-11-27T14:02:11Z.");
        }
    }

    private static void requireNumber(JsonNode value, String where, double min, double max, boolean required) {
        if (value == null || value.isNull()) {
            if (required) {
                throw invalid(where + " is missing.");
            }
            return;
        }
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            throw invalid(where + " must be a number between " + fmt(min) + " and " + fmt(max) + " (got " + value + ").");
        }
    }

    private static void requireUrl(JsonNode value, String where, boolean required) {
        if (value == null || value.isNull()) {
            if (required) {
                throw invalid(where + " is missing.");
            }
            return;
        }
        if (!value.isTextual()) {
            throw invalid(where + " must be a URL.");
        }
        // Well-formed is all a stored document needs to be readable; whether the viewer may fetch it is
        // PhotoAddress's question. data: URLs carry the image in the document itself.
        String text = value.asText();
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            boolean wellFormed = switch (scheme) {
                case "http", "https" -> uri.getHost() != null && !uri.getHost().isBlank();
                case "file", "data" -> true;
                default -> false;
            };
            if (!wellFormed) {
                throw invalid(where + " is not a well-formed http(s) URL (got \"" + shorten(text) + "\").");
            }
        } catch (URISyntaxException e) {
            throw invalid(where + " is not a well-formed URL (got \"" + shorten(text) + "\").");
        }
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static Refusal invalid(String sentence) {
        return new Refusal(sentence);
    }

    /**
     * One refusal sentence naming the field. Not a {@link DispatchException}: writing turns it into one, reading a
     * stored document turns it into an unreadable {@link PodDocument}. No stack trace: it is a verdict, not a bug,
     * and the review queue may meet one per row.
     */
    static final class Refusal extends RuntimeException {
        Refusal(String sentence) {
            super(sentence, null, false, false);
        }
    }

    /** Field names at the top level that this product interprets; everything else is kept untouched. */
    public static Set<String> knownFields() {
        return Set.of("photos", "coordinates", "signature", "recipientName", "notes", "deliveryType",
                "arrivedAt", "deliveredAt", "capturedAt");
    }
}

package com.dispatchconsole.domain.pod;

import static com.dispatchconsole.domain.pod.PodFields.ACCURACY_M;
import static com.dispatchconsole.domain.pod.PodFields.ARRIVED_AT;
import static com.dispatchconsole.domain.pod.PodFields.CAPTURED_AT;
import static com.dispatchconsole.domain.pod.PodFields.COORDINATES;
import static com.dispatchconsole.domain.pod.PodFields.DELIVERED_AT;
import static com.dispatchconsole.domain.pod.PodFields.DELIVERY_TYPE;
import static com.dispatchconsole.domain.pod.PodFields.LAT;
import static com.dispatchconsole.domain.pod.PodFields.LON;
import static com.dispatchconsole.domain.pod.PodFields.NOTES;
import static com.dispatchconsole.domain.pod.PodFields.PHOTOS;
import static com.dispatchconsole.domain.pod.PodFields.PHOTO_TAKEN_AT;
import static com.dispatchconsole.domain.pod.PodFields.PHOTO_URL;
import static com.dispatchconsole.domain.pod.PodFields.RECIPIENT_NAME;
import static com.dispatchconsole.domain.pod.PodFields.SIGNATURE;
import static com.dispatchconsole.domain.pod.PodFields.SIGNATURE_IMAGE_URL;
import static com.dispatchconsole.domain.pod.PodFields.SIGNATURE_STROKES;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a proof-of-delivery document before anything is written, and reads it into a typed {@link PodDocument}
 * in the same pass. It must be one JSON object of at most 64 KiB that PostgreSQL can store ({@link PodSyntax}:
 * depth, number size, no {@code \u0000}, nothing after it); the fields the product knows ({@link PodFields}) must
 * be well-typed; photo and signature images must come from safe addresses ({@link PhotoAddress}), and a photo may
 * be one stored in the database ({@code photo:<uuid>}, {@link PhotoReference}); every other
 * field is kept exactly as sent. Each refusal names the field or the position, e.g.
 * {@code coordinates.lat must be a number between -90 and 90}, and never quotes more than a short value.
 */
public final class PodValidator {

    public static final int MAX_BYTES = 64 * 1024;

    private PodValidator() {
    }

    /** Returns the typed document, or throws {@link ErrorCode#INVALID_POD} naming the field. */
    public static PodDocument validate(String document) {
        try {
            if (document != null && !document.isBlank()) {
                int bytes = document.getBytes(StandardCharsets.UTF_8).length;
                if (bytes > MAX_BYTES) {
                    throw invalid("The proof of delivery is " + bytes + " bytes; at most " + MAX_BYTES
                            + " (64 KiB) are allowed.");
                }
            }
            PodDocument pod = check(document);
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
    private static void requireSafeImageAddresses(PodDocument pod) {
        for (int i = 0; i < pod.photos().size(); i++) {
            requireSafe(pod.photos().get(i).url(), PHOTOS + "[" + i + "]." + PHOTO_URL);
        }
        if (pod.signature() != null) {
            requireSafe(pod.signature().imageUrl(), SIGNATURE + "." + SIGNATURE_IMAGE_URL);
        }
    }

    private static void requireSafe(String url, String where) {
        if (url == null) {
            return;
        }
        PhotoAddress.unsafeBecause(url).ifPresent(why -> {
            throw invalid(where + " " + why + " (got \"" + shorten(url) + "\"); images load only from "
                    + "https addresses on the internet or from data:image/png or data:image/jpeg URLs"
                    + (where.startsWith(PHOTOS) ? "; a photo may also be one stored in the database (photo:<uuid>)."
                    : "."));
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
    static PodDocument check(String document) {
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
        Map<String, String> texts = new HashMap<>();
        for (String field : PodFields.TEXTS) {
            texts.put(field, textIfPresent(pod.get(field), field));
        }
        Map<String, OffsetDateTime> times = new HashMap<>();
        for (String field : PodFields.TIMESTAMPS) {
            times.put(field, timestampIfPresent(pod.get(field), field));
        }
        List<PodDocument.Photo> photos = photos(pod.get(PHOTOS));
        PodDocument.Coordinates coordinates = coordinates(pod.get(COORDINATES));
        PodDocument.Signature signature = signature(pod.get(SIGNATURE));
        return new PodDocument(pod, document, texts.get(DELIVERY_TYPE), texts.get(RECIPIENT_NAME), texts.get(NOTES),
                photos, coordinates, signature, times.get(ARRIVED_AT), times.get(DELIVERED_AT),
                times.get(CAPTURED_AT));
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

    private static List<PodDocument.Photo> photos(JsonNode photos) {
        if (photos == null || photos.isNull()) {
            return List.of();
        }
        if (!photos.isArray()) {
            throw invalid(PHOTOS + " must be an array of {" + PHOTO_URL + ", " + PHOTO_TAKEN_AT + "}.");
        }
        List<PodDocument.Photo> read = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            JsonNode photo = photos.get(i);
            String where = PHOTOS + "[" + i + "]";
            if (!photo.isObject()) {
                throw invalid(where + " must be an object with " + PHOTO_URL + " and " + PHOTO_TAKEN_AT + ".");
            }
            String url = photoUrl(photo.get(PHOTO_URL), where + "." + PHOTO_URL);
            read.add(new PodDocument.Photo(url,
                    timestampIfPresent(photo.get(PHOTO_TAKEN_AT), where + "." + PHOTO_TAKEN_AT)));
        }
        return read;
    }

    private static PodDocument.Coordinates coordinates(JsonNode coordinates) {
        if (coordinates == null || coordinates.isNull()) {
            return null;
        }
        if (!coordinates.isObject()) {
            throw invalid(COORDINATES + " must be an object with " + LAT + ", " + LON + " and " + ACCURACY_M + ".");
        }
        Double lat = number(coordinates.get(LAT), COORDINATES + "." + LAT, -90, 90, true);
        Double lon = number(coordinates.get(LON), COORDINATES + "." + LON, -180, 180, true);
        Double accuracy = number(coordinates.get(ACCURACY_M), COORDINATES + "." + ACCURACY_M, 0, 1_000_000, false);
        return new PodDocument.Coordinates(lat, lon, accuracy);
    }

    private static PodDocument.Signature signature(JsonNode signature) {
        if (signature == null || signature.isNull()) {
            return null;
        }
        String where = SIGNATURE + "." + SIGNATURE_STROKES;
        if (!signature.isObject()) {
            throw invalid(SIGNATURE + " must be an object with " + SIGNATURE_IMAGE_URL + " or " + SIGNATURE_STROKES
                    + ".");
        }
        JsonNode strokes = signature.get(SIGNATURE_STROKES);
        if (signature.get(SIGNATURE_IMAGE_URL) == null && strokes == null) {
            throw invalid(SIGNATURE + " needs " + SIGNATURE_IMAGE_URL + " or " + SIGNATURE_STROKES + ".");
        }
        String imageUrl = url(signature.get(SIGNATURE_IMAGE_URL), SIGNATURE + "." + SIGNATURE_IMAGE_URL, false);
        if (strokes == null) {
            return new PodDocument.Signature(imageUrl, null);
        }
        if (!strokes.isArray()) {
            throw invalid(where + " must be an array of strokes, each an array of [x, y] points.");
        }
        List<List<PodDocument.Point>> read = new ArrayList<>();
        for (int s = 0; s < strokes.size(); s++) {
            JsonNode stroke = strokes.get(s);
            if (!stroke.isArray()) {
                throw invalid(where + "[" + s + "] must be an array of [x, y] points.");
            }
            List<PodDocument.Point> points = new ArrayList<>();
            for (int p = 0; p < stroke.size(); p++) {
                JsonNode point = stroke.get(p);
                if (!point.isArray() || point.size() != 2 || !point.get(0).isNumber() || !point.get(1).isNumber()) {
                    throw invalid(where + "[" + s + "][" + p + "] must be a point [x, y] of two numbers.");
                }
                points.add(new PodDocument.Point(point.get(0).asDouble(), point.get(1).asDouble()));
            }
            read.add(points);
        }
        return new PodDocument.Signature(imageUrl, read);
    }

    /** The text, or null when absent or null. */
    private static String textIfPresent(JsonNode value, String where) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(where + " must be text.");
        }
        return value.textValue();
    }

    private static OffsetDateTime timestampIfPresent(JsonNode value, String where) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(where + " must be an ISO-8601 timestamp such as 2026-11-27T14:02:11Z.");
        }
        try {
            return OffsetDateTime.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw invalid(where + " is not an ISO-8601 timestamp with an offset (got \"" + shorten(value.asText())
                    + "\"); use e.g. 2026-11-27T14:02:11Z.");
        }
    }

    private static Double number(JsonNode value, String where, double min, double max, boolean required) {
        if (value == null || value.isNull()) {
            if (required) {
                throw invalid(where + " is missing.");
            }
            return null;
        }
        if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            throw invalid(where + " must be a number between " + fmt(min) + " and " + fmt(max) + " (got " + value + ").");
        }
        return value.asDouble();
    }

    /**
     * A photo's address: a URL as {@link #url} reads it, or a photo stored in the database, {@code photo:<uuid>}
     * ({@link PhotoReference}). Only photos may be stored ones: the upload path is for the rider's camera.
     */
    private static String photoUrl(JsonNode value, String where) {
        if (value != null && value.isTextual() && PhotoReference.looksLikeOne(value.asText())) {
            if (PhotoReference.parse(value.asText()).isEmpty()) {
                throw invalid(where + " is not a stored photo's reference photo:<uuid> (got \""
                        + shorten(value.asText()) + "\").");
            }
            return value.asText();
        }
        return url(value, where, true);
    }

    private static String url(JsonNode value, String where, boolean required) {
        if (value == null || value.isNull()) {
            if (required) {
                throw invalid(where + " is missing.");
            }
            return null;
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
        return text;
    }

    /** A limit as people write it: 90, not 90.0. */
    static String fmt(double value) {
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
}

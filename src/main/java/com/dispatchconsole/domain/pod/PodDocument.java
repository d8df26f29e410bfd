package com.dispatchconsole.domain.pod;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A proof of delivery, read once by {@link PodValidator}: the fields the product interprets as typed values, and
 * the whole document as it was sent, which is what is stored (so the device's own fields, the exact timestamps and
 * numbers survive the round trip) and what the viewer shows whole.
 *
 * <p>A stored document is read with {@link #read(String)}: readable, or unreadable with why and the raw text. The
 * column is plain JSONB, so a document written around the validator can hold anything; reading never throws, so
 * one such document cannot take a whole list down with it. An unreadable document has no typed fields at all, so
 * nothing downstream guesses from fields of the wrong type.
 */
public final class PodDocument {

    /** A photo of the delivery; {@code takenAt} is null when the device did not say. */
    public record Photo(String url, OffsetDateTime takenAt) {
    }

    /** Where the PoD was recorded; {@code accuracyMetres} is null when the device did not say. */
    public record Coordinates(double lat, double lon, Double accuracyMetres) {
    }

    /** A point of a signature stroke, in the rider's screen units. */
    public record Point(double x, double y) {
    }

    /** A signature: an image, strokes, or both; {@code strokes} is null when there are none. */
    public record Signature(String imageUrl, List<List<Point>> strokes) {

        public Signature {
            strokes = strokes == null ? null : strokes.stream().map(List::copyOf).toList();
        }
    }

    private static final PodDocument NONE = new PodDocument(JsonNodeFactory.instance.objectNode(), null, null, null,
            null, null, List.of(), null, null, null, null, null);

    /** Exact numbers, so the raw text shows what is stored rather than what a double makes of it. */
    private static final ObjectMapper PRETTY = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final ObjectNode json;
    private final String problem;
    private final String raw;
    private final String deliveryType;
    private final String recipientName;
    private final String notes;
    private final List<Photo> photos;
    private final Coordinates coordinates;
    private final Signature signature;
    private final OffsetDateTime arrivedAt;
    private final OffsetDateTime deliveredAt;
    private final OffsetDateTime capturedAt;

    /** A readable document; only {@link PodValidator} makes one, after checking every typed field. */
    PodDocument(ObjectNode json, String raw, String deliveryType, String recipientName, String notes,
                List<Photo> photos, Coordinates coordinates, Signature signature, OffsetDateTime arrivedAt,
                OffsetDateTime deliveredAt, OffsetDateTime capturedAt) {
        this(json, null, raw, deliveryType, recipientName, notes, photos, coordinates, signature, arrivedAt,
                deliveredAt, capturedAt);
    }

    private PodDocument(ObjectNode json, String problem, String raw, String deliveryType, String recipientName,
                        String notes, List<Photo> photos, Coordinates coordinates, Signature signature,
                        OffsetDateTime arrivedAt, OffsetDateTime deliveredAt, OffsetDateTime capturedAt) {
        this.json = json;
        this.problem = problem;
        this.raw = raw;
        this.deliveryType = deliveryType;
        this.recipientName = recipientName;
        this.notes = notes;
        this.photos = List.copyOf(photos);
        this.coordinates = coordinates;
        this.signature = signature;
        this.arrivedAt = arrivedAt;
        this.deliveredAt = deliveredAt;
        this.capturedAt = capturedAt;
    }

    /** Reads a stored document; null (no PoD recorded) reads as an empty one, since nothing in it can be wrong. */
    public static PodDocument read(String stored) {
        if (stored == null) {
            return NONE;
        }
        try {
            return PodValidator.check(stored);
        } catch (PodValidator.Refusal refusal) {
            return new PodDocument(JsonNodeFactory.instance.objectNode(), refusal.getMessage(), stored, null, null,
                    null, List.of(), null, null, null, null, null);
        }
    }

    /** A document written by this product itself, field by field; see {@link PodDocumentBuilder}. */
    public static PodDocumentBuilder builder() {
        return new PodDocumentBuilder();
    }

    public boolean readable() {
        return problem == null;
    }

    /** The validator's sentence naming the field, e.g. "coordinates.lat must be a number …"; null when readable. */
    public String problem() {
        return problem;
    }

    /** E.g. LEFT_AT_DOOR; null when absent. */
    public String deliveryType() {
        return deliveryType;
    }

    public String recipientName() {
        return recipientName;
    }

    public String notes() {
        return notes;
    }

    /** The photos in the order sent; empty when there are none. */
    public List<Photo> photos() {
        return photos;
    }

    /** Null when the document has no position. */
    public Coordinates coordinates() {
        return coordinates;
    }

    /** Null when the document has no signature. */
    public Signature signature() {
        return signature;
    }

    public OffsetDateTime arrivedAt() {
        return arrivedAt;
    }

    public OffsetDateTime deliveredAt() {
        return deliveredAt;
    }

    public OffsetDateTime capturedAt() {
        return capturedAt;
    }

    /** The top-level fields this product does not interpret (a device's own), in the order sent. */
    public Map<String, JsonNode> unknownFields() {
        Map<String, JsonNode> unknown = new LinkedHashMap<>();
        json.fields().forEachRemaining(field -> {
            if (!PodFields.KNOWN.contains(field.getKey())) {
                unknown.put(field.getKey(), field.getValue().deepCopy());
            }
        });
        return Collections.unmodifiableMap(unknown);
    }

    /**
     * The whole document as sent, known and unknown fields alike, for showing it whole; an empty object when
     * unreadable. A copy: the document itself does not change.
     */
    public ObjectNode json() {
        return json.deepCopy();
    }

    /** The document as JSON text to store: what was sent, every field kept, numbers and timestamps as written. */
    public String toJson() {
        return json.toString();
    }

    /** The stored text, pretty-printed when it parses as JSON and verbatim otherwise; "" when there is none. */
    public String rawForDisplay() {
        if (raw == null) {
            return "";
        }
        try {
            return PRETTY.writerWithDefaultPrettyPrinter().writeValueAsString(PRETTY.readTree(raw));
        } catch (JsonProcessingException notJson) {
            // Too long, too deep or not JSON at all: the text as stored is still worth showing.
            return raw;
        }
    }
}

package com.dispatchconsole.domain.pod;

import com.dispatchconsole.domain.ErrorCode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * Writes a proof of delivery field by field, for documents this product makes itself (the demo data), so that
 * nobody outside {@link PodFields} spells a field name. {@link #build()} goes through {@link PodValidator} like
 * any document from a device.
 */
public final class PodDocumentBuilder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode json = NODES.objectNode();

    PodDocumentBuilder() {
    }

    public PodDocumentBuilder deliveryType(String type) {
        json.put(PodFields.DELIVERY_TYPE, type);
        return this;
    }

    public PodDocumentBuilder recipientName(String name) {
        json.put(PodFields.RECIPIENT_NAME, name);
        return this;
    }

    public PodDocumentBuilder notes(String notes) {
        json.put(PodFields.NOTES, notes);
        return this;
    }

    /** Writes the photos field, empty when {@code photos} is. */
    public PodDocumentBuilder photos(List<PodDocument.Photo> photos) {
        ArrayNode array = json.putArray(PodFields.PHOTOS);
        for (PodDocument.Photo photo : photos) {
            ObjectNode node = array.addObject().put(PodFields.PHOTO_URL, photo.url());
            if (photo.takenAt() != null) {
                node.put(PodFields.PHOTO_TAKEN_AT, photo.takenAt().toString());
            }
        }
        return this;
    }

    public PodDocumentBuilder coordinates(PodDocument.Coordinates coordinates) {
        ObjectNode node = json.putObject(PodFields.COORDINATES);
        node.set(PodFields.LAT, number(coordinates.lat()));
        node.set(PodFields.LON, number(coordinates.lon()));
        if (coordinates.accuracyMetres() != null) {
            node.set(PodFields.ACCURACY_M, number(coordinates.accuracyMetres()));
        }
        return this;
    }

    public PodDocumentBuilder signature(PodDocument.Signature signature) {
        ObjectNode node = json.putObject(PodFields.SIGNATURE);
        if (signature.imageUrl() != null) {
            node.put(PodFields.SIGNATURE_IMAGE_URL, signature.imageUrl());
        }
        if (signature.strokes() != null) {
            ArrayNode strokes = node.putArray(PodFields.SIGNATURE_STROKES);
            for (List<PodDocument.Point> stroke : signature.strokes()) {
                ArrayNode points = strokes.addArray();
                for (PodDocument.Point point : stroke) {
                    points.addArray().add(number(point.x())).add(number(point.y()));
                }
            }
        }
        return this;
    }

    public PodDocumentBuilder arrivedAt(Instant at) {
        json.put(PodFields.ARRIVED_AT, at.toString());
        return this;
    }

    public PodDocumentBuilder deliveredAt(Instant at) {
        json.put(PodFields.DELIVERED_AT, at.toString());
        return this;
    }

    /** A field of the device's own, kept as it is; a known field is refused (use its own method). */
    public PodDocumentBuilder extra(String field, String value) {
        if (PodFields.KNOWN.contains(field)) {
            throw new IllegalArgumentException(field + " is a known field; set it with its own method.");
        }
        json.put(field, value);
        return this;
    }

    /** The document, checked as any other; throws {@link ErrorCode#INVALID_POD} naming the field. */
    public PodDocument build() {
        return PodValidator.validate(json.toString());
    }

    /** A whole number is written as one (3, not 3.0), as a device would. */
    private static com.fasterxml.jackson.databind.node.ValueNode number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? NODES.numberNode((long) value)
                : NODES.numberNode(value);
    }
}

package com.dispatchconsole.domain.pod;

import java.util.List;

/**
 * The names of the fields a proof-of-delivery document may carry, in one place: the validator checks them, the
 * typed {@link PodDocument} is read by them, the PoD searches address them in SQL and the demo data writes them.
 * Every other field is the device's own and is kept untouched.
 *
 * <pre>
 * {
 *   "deliveryType": "LEFT_AT_DOOR",
 *   "photos": [{"url": "https://…/door.jpg", "takenAt": "2026-11-27T14:02:11Z"},
 *              {"url": "photo:3f2b9c1e-…"}],          (a photo uploaded to the database, see PhotoReference)
 *   "coordinates": {"lat": 51.5007, "lon": -0.1246, "accuracyM": 8},
 *   "signature": {"imageUrl": "https://…/sig.png"}  or  {"strokes": [[[x, y], …], …]},
 *   "recipientName": "K. Mensah",
 *   "notes": "Left with the concierge",
 *   "arrivedAt": "…", "deliveredAt": "…", "capturedAt": "…"
 * }
 * </pre>
 */
public final class PodFields {

    public static final String DELIVERY_TYPE = "deliveryType";
    public static final String RECIPIENT_NAME = "recipientName";
    public static final String NOTES = "notes";
    public static final String PHOTOS = "photos";
    public static final String COORDINATES = "coordinates";
    public static final String SIGNATURE = "signature";
    public static final String ARRIVED_AT = "arrivedAt";
    public static final String DELIVERED_AT = "deliveredAt";
    public static final String CAPTURED_AT = "capturedAt";

    /** In each of {@link #PHOTOS}. */
    public static final String PHOTO_URL = "url";
    public static final String PHOTO_TAKEN_AT = "takenAt";

    /** In {@link #COORDINATES}. */
    public static final String LAT = "lat";
    public static final String LON = "lon";
    public static final String ACCURACY_M = "accuracyM";

    /** In {@link #SIGNATURE}: an image, or the strokes drawn on the rider's screen. */
    public static final String SIGNATURE_IMAGE_URL = "imageUrl";
    public static final String SIGNATURE_STROKES = "strokes";

    /** Free text at the top level. */
    static final List<String> TEXTS = List.of(RECIPIENT_NAME, NOTES, DELIVERY_TYPE);
    /** ISO-8601 timestamps with an offset at the top level. */
    static final List<String> TIMESTAMPS = List.of(ARRIVED_AT, DELIVERED_AT, CAPTURED_AT);
    /** Every field at the top level that this product interprets. */
    public static final List<String> KNOWN = List.of(PHOTOS, COORDINATES, SIGNATURE, RECIPIENT_NAME, NOTES,
            DELIVERY_TYPE, ARRIVED_AT, DELIVERED_AT, CAPTURED_AT);

    private PodFields() {
    }
}

package com.dispatchconsole.domain.pod;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What a supervisor should look at twice in a proof of delivery. */
public final class PodFlags {

    public enum Flag {
        NO_PHOTO("No photo", "No photo, but the delivery type needs one"),
        LATE("Late", "Delivered long after the batch went out");

        private final String shortLabel;
        private final String sentence;

        Flag(String shortLabel, String sentence) {
            this.shortLabel = shortLabel;
            this.sentence = sentence;
        }

        public String shortLabel() {
            return shortLabel;
        }

        public String sentence() {
            return sentence;
        }
    }

    /** Delivery types where nobody signed, so a photo is the only proof. */
    public static final Set<String> PHOTO_REQUIRED = Set.of("LEFT_AT_DOOR", "SAFE_PLACE", "NEIGHBOUR", "PARCEL_LOCKER");
    public static final Duration LATE_AFTER = Duration.ofMinutes(90);

    private PodFlags() {
    }

    public static List<Flag> of(JsonNode document, Instant completedAt, Instant outForDeliveryAt) {
        List<Flag> flags = new ArrayList<>();
        String type = document.path("deliveryType").asText("");
        JsonNode photos = document.get("photos");
        if (PHOTO_REQUIRED.contains(type) && (photos == null || !photos.isArray() || photos.isEmpty())) {
            flags.add(Flag.NO_PHOTO);
        }
        Instant delivered = deliveredAt(document, completedAt);
        if (delivered != null && outForDeliveryAt != null
                && Duration.between(outForDeliveryAt, delivered).compareTo(LATE_AFTER) > 0) {
            flags.add(Flag.LATE);
        }
        return flags;
    }

    /** The document's own deliveredAt when present, else when the outcome was recorded. */
    public static Instant deliveredAt(JsonNode document, Instant completedAt) {
        JsonNode value = document.get("deliveredAt");
        if (value != null && value.isTextual()) {
            return OffsetDateTime.parse(value.asText()).toInstant();
        }
        return completedAt;
    }
}

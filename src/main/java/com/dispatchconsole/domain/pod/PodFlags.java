package com.dispatchconsole.domain.pod;

import com.dispatchconsole.domain.ShortDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** What a supervisor should look at twice in a proof of delivery. */
public final class PodFlags {

    public enum Flag {
        FAR_FROM_ADDRESS("Far away", "Recorded more than 250 m from the delivery address"),
        NO_PHOTO("No photo", "No photo, but the delivery type needs one"),
        /** Its sentence names the threshold in force: see {@link #sentence(Duration)}. */
        LATE("Late", "Delivered more than %s after the batch went out"),
        UNREADABLE("Unreadable", "The document cannot be read; see why and the raw JSON");

        private final String shortLabel;
        private final String sentence;

        Flag(String shortLabel, String sentence) {
            this.shortLabel = shortLabel;
            this.sentence = sentence;
        }

        public String shortLabel() {
            return shortLabel;
        }

        /** What the flag means, in words; {@code lateAfter} is the threshold the flag was raised with. */
        public String sentence(Duration lateAfter) {
            return this == LATE ? sentence.formatted(ShortDuration.words(lateAfter)) : sentence;
        }
    }

    /** Delivery types where nobody signed, so a photo is the only proof. */
    public static final Set<String> PHOTO_REQUIRED = Set.of("LEFT_AT_DOOR", "SAFE_PLACE", "NEIGHBOUR", "PARCEL_LOCKER");
    public static final double FAR_AFTER_METRES = 250;

    private PodFlags() {
    }

    /**
     * Flags of a document. An unreadable one gets {@link Flag#UNREADABLE} alone: any other flag would be a guess
     * from fields of the wrong type or out of range. The distance check needs the address position and is skipped
     * without it. A delivery is late when it came more than {@code lateAfter} after the batch went out: the
     * control room's setting ({@link ReviewSettings#lateAfter()}), read from the database by whoever shows flags.
     */
    public static List<Flag> of(PodDocument document, Instant completedAt, Instant outForDeliveryAt, Double addressLat,
                                Double addressLon, Duration lateAfter) {
        Objects.requireNonNull(lateAfter, "lateAfter");
        if (!document.readable()) {
            return List.of(Flag.UNREADABLE);
        }
        List<Flag> flags = new ArrayList<>();
        Double metres = distanceToAddress(document, addressLat, addressLon);
        if (metres != null && metres > FAR_AFTER_METRES) {
            flags.add(Flag.FAR_FROM_ADDRESS);
        }
        // Set.of refuses to look up null, and a document without a delivery type needs no photo.
        String type = document.deliveryType() == null ? "" : document.deliveryType();
        if (PHOTO_REQUIRED.contains(type) && document.photos().isEmpty()) {
            flags.add(Flag.NO_PHOTO);
        }
        Instant delivered = deliveredAt(document, completedAt);
        if (delivered != null && outForDeliveryAt != null
                && Duration.between(outForDeliveryAt, delivered).compareTo(lateAfter) > 0) {
            flags.add(Flag.LATE);
        }
        return flags;
    }

    public static List<Flag> of(PodDocument document, Instant completedAt, Instant outForDeliveryAt,
                                Duration lateAfter) {
        return of(document, completedAt, outForDeliveryAt, null, null, lateAfter);
    }

    /** Great-circle distance in metres from the PoD position to the address, or null when either is unknown. */
    public static Double distanceToAddress(PodDocument document, Double addressLat, Double addressLon) {
        PodDocument.Coordinates coordinates = document.coordinates();
        if (addressLat == null || addressLon == null || coordinates == null) {
            return null;
        }
        return com.dispatchconsole.domain.GreatCircle.metres(coordinates.lat(), coordinates.lon(), addressLat,
                addressLon);
    }

    /** The document's own deliveredAt when present, else when the outcome was recorded. */
    public static Instant deliveredAt(PodDocument document, Instant completedAt) {
        return document.deliveredAt() != null ? document.deliveredAt().toInstant() : completedAt;
    }
}

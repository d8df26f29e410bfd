package com.dispatchconsole.domain.pod;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A photo stored in the database ({@code pod_photos}), as a PoD document names it in {@code photos[i].url}:
 * {@code photo:} and the photo's id, e.g. {@code photo:3f2b9c1e-8a4d-4c1b-9e2f-0a1b2c3d4e5f}. The viewer reads such a
 * photo from the database; nothing is fetched over the network.
 */
public final class PhotoReference {

    public static final String PREFIX = "photo:";

    /** Lower-case "photo:" and a UUID in its canonical 8-4-4-4-12 spelling; nothing before or after. */
    private static final Pattern REFERENCE = Pattern.compile(
            "photo:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private PhotoReference() {
    }

    /** {@code photo:<id>}, what a document stores for a photo uploaded with this id. */
    public static String of(UUID photoId) {
        return PREFIX + photoId;
    }

    /** The photo's id if {@code address} is a well-formed reference; empty for any other text. */
    public static Optional<UUID> parse(String address) {
        if (address == null || !REFERENCE.matcher(address).matches()) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(address.substring(PREFIX.length())));
    }

    /** Whether {@code address} means to be a reference (starts with "photo:" in any case), well-formed or not. */
    static boolean looksLikeOne(String address) {
        return address != null && address.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }
}

package com.dispatchconsole.domain.rows;

import com.dispatchconsole.domain.pod.PhotoReference;
import com.dispatchconsole.domain.pod.PhotoType;
import java.time.Instant;
import java.util.UUID;

/**
 * A photo stored in the database, without its bytes: what it is, how big, its SHA-256 (lower-case hex, computed by
 * the database), and who uploaded it when (the database's clock and its operator name, never the client's say).
 * A PoD document names it as {@link #reference()}.
 */
public record StoredPhoto(UUID id, PhotoType type, int sizeBytes, String sha256, Instant uploadedAt,
                          String uploadedBy) {

    /** {@code photo:<id>}: what a PoD document's {@code photos[i].url} holds to show this photo. */
    public String reference() {
        return PhotoReference.of(id);
    }

    /** E.g. {@code image/png}. */
    public String contentType() {
        return type.contentType();
    }
}

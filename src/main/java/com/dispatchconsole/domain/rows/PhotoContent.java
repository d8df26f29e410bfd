package com.dispatchconsole.domain.rows;

import java.util.UUID;

/**
 * A stored photo with its bytes, as read back from the database. The bytes are copied in and out, so the record
 * stays immutable; {@link #toString()} leaves them out (a PoD photo is evidence, not log material).
 */
public record PhotoContent(StoredPhoto photo, byte[] bytes) {

    public PhotoContent {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public UUID id() {
        return photo.id();
    }

    /** E.g. {@code image/png}: the type the database checked the bytes against. */
    public String contentType() {
        return photo.contentType();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PhotoContent that && photo.equals(that.photo)
                && java.util.Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return photo.hashCode();
    }

    @Override
    public String toString() {
        return "PhotoContent[" + photo + "]";
    }
}

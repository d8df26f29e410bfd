package com.dispatchconsole.domain.pod;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a stored photo may be: a PNG, JPEG or WebP image, told by its own first bytes (the "magic number"), never
 * by a file name or a declared type, and at most 5 MiB. Migration V12 checks both again for every writer
 * ({@code pod_photos}: the size, and that the bytes start with the magic number of the declared type); a test
 * compares the two on the same samples.
 */
public enum PhotoType {

    PNG("image/png"),
    JPEG("image/jpeg"),
    WEBP("image/webp");

    /** 5 MiB: a phone photo of a door, compressed, with room to spare. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] RIFF = {'R', 'I', 'F', 'F'};
    private static final byte[] WEBP_TAG = {'W', 'E', 'B', 'P'};

    private final String contentType;

    PhotoType(String contentType) {
        this.contentType = contentType;
    }

    /** The MIME type stored next to the bytes and sent with them, e.g. {@code image/png}. */
    public String contentType() {
        return contentType;
    }

    /** The type whose MIME type this is; empty for any other. */
    public static Optional<PhotoType> ofContentType(String contentType) {
        return Arrays.stream(values()).filter(t -> t.contentType.equals(contentType)).findFirst();
    }

    /**
     * The type the bytes say they are: PNG's 8-byte signature, JPEG's FF D8 FF, or WebP's "RIFF", four bytes of
     * length, "WEBP". Empty for anything else, including too few bytes to tell.
     */
    public static Optional<PhotoType> sniff(byte[] bytes) {
        if (bytes == null) {
            return Optional.empty();
        }
        if (startsWith(bytes, 0, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (startsWith(bytes, 0, JPEG_MAGIC)) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, 0, RIFF) && startsWith(bytes, 8, WEBP_TAG)) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /**
     * The type of an upload about to be stored, or the refusal: nothing, more than {@link #MAX_BYTES}
     * ({@link ErrorCode#TOO_LARGE}), or bytes that are no PNG, JPEG or WebP ({@link ErrorCode#INVALID_PHOTO}).
     */
    public static PhotoType require(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new DispatchException(ErrorCode.INVALID_PHOTO, "The photo is empty; nothing was stored.");
        }
        if (bytes.length > MAX_BYTES) {
            throw new DispatchException(ErrorCode.TOO_LARGE, "The photo is " + bytes.length + " bytes; at most "
                    + MAX_BYTES + " (5 MiB) are allowed. Nothing was stored.");
        }
        return sniff(bytes).orElseThrow(() -> new DispatchException(ErrorCode.INVALID_PHOTO,
                "The photo is not a PNG, JPEG or WebP image (its first bytes say otherwise); nothing was stored."));
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] magic) {
        if (bytes.length < offset + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[offset + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}

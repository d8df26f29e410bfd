package com.dispatchconsole.domain;

/** Every refusal the product can give, as a stable code a caller can branch on. */
public enum ErrorCode {
    RIDER_NOT_FOUND,
    BATCH_NOT_FOUND,
    OUTLET_NOT_FOUND,
    ORDER_NOT_FOUND,
    /** No API token has this id. */
    TOKEN_NOT_FOUND,
    RIDER_UNAVAILABLE,
    RIDER_HAS_ACTIVE_BATCHES,
    INVALID_BATCH_STATUS,
    ILLEGAL_TRANSITION,
    CAPACITY_EXCEEDED,
    WEIGHT_EXCEEDED,
    ACTIVE_BATCH_LIMIT,
    OUTCOMES_MISSING,
    INVALID_POD,
    PERMISSION_DENIED,
    /** An API token acted outside what it speaks for (another rider's batch, another outlet, a write by a tracking token). */
    OUT_OF_SCOPE,
    /** An API request without a valid token (none, malformed, unknown or revoked: all alike). */
    UNAUTHENTICATED,
    /** An API token sent more requests than its rate allows; nothing was done. */
    RATE_LIMITED,
    /** A request, document or photo over its size limit; nothing was stored. */
    TOO_LARGE,
    /** An uploaded photo that is not a PNG, JPEG or WebP image by its own bytes. */
    INVALID_PHOTO,
    PHOTO_NOT_FOUND,
    /** An API path or method the gateway does not have. */
    NOT_FOUND,
    INVALID_ARGUMENT,
    RIDER_BUSY,
    CONCURRENT_UPDATE,
    /** The row changed since the caller saw it (a stale screen); the sentence says who changed it and when. */
    ALREADY_CHANGED,
    /** A transaction not at READ COMMITTED tried to change a rider's load; the database refuses it. */
    UNSAFE_ISOLATION,
    DATABASE_TIMEOUT,
    DATABASE_UNAVAILABLE,
    /** {@code db --port N}: another program holds the port, so the embedded database did not start at all. */
    PORT_IN_USE,
    /** {@code sim --gateway URL}: the gateway does not answer, or does not know the simulator's tokens. */
    GATEWAY_UNAVAILABLE,
    /** The console window cannot open: no graphical display (DISPLAY unset or unreachable). */
    NO_DISPLAY,
    /** An export or a saved picture could not be written (no permission, disk full, folder gone); nothing was. */
    FILE_NOT_WRITTEN,
    UNEXPECTED
}

package com.dispatchconsole.gateway.http;

import com.dispatchconsole.domain.ErrorCode;

/**
 * The HTTP status of each refusal, in one place. The switch has no default on purpose: a new error code does not
 * compile until someone decides what a client should see for it.
 */
final class HttpStatuses {

    private HttpStatuses() {
    }

    static int of(ErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENT, INVALID_POD, INVALID_PHOTO -> 400;
            case UNAUTHENTICATED -> 401;
            case OUT_OF_SCOPE, PERMISSION_DENIED -> 403;
            case RIDER_NOT_FOUND, BATCH_NOT_FOUND, OUTLET_NOT_FOUND, ORDER_NOT_FOUND, TOKEN_NOT_FOUND,
                 PHOTO_NOT_FOUND, NOT_FOUND -> 404;
            // Rules of the product and stale actions: the request was understood and refused as it stands.
            case RIDER_UNAVAILABLE, RIDER_HAS_ACTIVE_BATCHES, INVALID_BATCH_STATUS, ILLEGAL_TRANSITION,
                 CAPACITY_EXCEEDED, WEIGHT_EXCEEDED, ACTIVE_BATCH_LIMIT, OUTCOMES_MISSING, RIDER_BUSY,
                 CONCURRENT_UPDATE, ALREADY_CHANGED -> 409;
            case TOO_LARGE -> 413;
            case RATE_LIMITED -> 429;
            case DATABASE_UNAVAILABLE, DATABASE_TIMEOUT -> 503;
            case UNSAFE_ISOLATION, PORT_IN_USE, GATEWAY_UNAVAILABLE, NO_DISPLAY, FILE_NOT_WRITTEN, UNEXPECTED -> 500;
        };
    }
}

package com.dispatchconsole.gateway.http;

import com.dispatchconsole.domain.ErrorCode;

/**
 * A refusal found at the HTTP edge, before any service is called (a malformed body, a missing field, a header that
 * does not parse): the same {@code CODE: sentence} as a service refusal, plus the request field it is about.
 */
final class ApiFailure extends RuntimeException {

    private final ErrorCode code;
    private final String field;

    ApiFailure(ErrorCode code, String message, String field) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    static ApiFailure badField(String field, String message) {
        return new ApiFailure(ErrorCode.INVALID_ARGUMENT, message, field);
    }

    ErrorCode code() {
        return code;
    }

    String field() {
        return field;
    }
}

package com.dispatchconsole.gateway.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What every refused request answers: {@code {"code": "CAPACITY_EXCEEDED", "message": "…", "field": "…"}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ErrorBody(String code, String message, String field) {
}

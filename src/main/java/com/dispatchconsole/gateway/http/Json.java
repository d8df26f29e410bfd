package com.dispatchconsole.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;

/** Writes the API's answers: UTF-8 JSON, instants as ISO-8601 text. */
final class Json {

    private static final ObjectMapper WRITER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Json() {
    }

    static void answer(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(bytes(body));
    }

    static byte[] bytes(Object body) {
        try {
            return WRITER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an API view did not serialize", e);
        }
    }
}

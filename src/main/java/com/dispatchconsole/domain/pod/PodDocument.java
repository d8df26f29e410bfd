package com.dispatchconsole.domain.pod;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stored proof of delivery as the console reads it: readable (the parsed object) or unreadable (why, and the raw
 * text). The column is plain JSONB, so a document written around {@link PodValidator} can hold anything; reading
 * never throws, so one such document cannot take a whole list down with it.
 */
public final class PodDocument {

    /** Exact numbers, so the raw text shows what is stored rather than what a double makes of it. */
    private static final ObjectMapper PRETTY = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final ObjectNode json;
    private final String problem;
    private final String raw;

    private PodDocument(ObjectNode json, String problem, String raw) {
        this.json = json;
        this.problem = problem;
        this.raw = raw;
    }

    /** Reads a stored document; null (no PoD recorded) reads as an empty one, since nothing in it can be wrong. */
    public static PodDocument read(String stored) {
        if (stored == null) {
            return new PodDocument(JsonNodeFactory.instance.objectNode(), null, null);
        }
        try {
            return new PodDocument(PodValidator.check(stored), null, stored);
        } catch (PodValidator.Refusal refusal) {
            return new PodDocument(JsonNodeFactory.instance.objectNode(), refusal.getMessage(), stored);
        }
    }

    public boolean readable() {
        return problem == null;
    }

    /** The document; an empty object when unreadable, so nothing downstream guesses from fields of the wrong type. */
    public ObjectNode json() {
        return json;
    }

    /** The validator's sentence naming the field, e.g. "coordinates.lat must be a number …"; null when readable. */
    public String problem() {
        return problem;
    }

    /** The stored text, pretty-printed when it parses as JSON and verbatim otherwise; "" when there is none. */
    public String rawForDisplay() {
        if (raw == null) {
            return "";
        }
        try {
            return PRETTY.writerWithDefaultPrettyPrinter().writeValueAsString(PRETTY.readTree(raw));
        } catch (JsonProcessingException notJson) {
            // Too long, too deep or not JSON at all: the text as stored is still worth showing.
            return raw;
        }
    }
}

package com.dispatchconsole.domain.pod;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * The text of a PoD document as JSON that PostgreSQL can store: exactly one JSON value, nested at most
 * {@value #MAX_DEPTH} levels, numbers of at most {@value #MAX_NUMBER_LENGTH} characters that fit a double, and no
 * {@code \u0000} or unpaired surrogate in any text (jsonb refuses both). Each refusal names the field or the line
 * and column; none quotes the document, so a refusal can be logged or shown anywhere.
 */
final class PodSyntax {

    /** A PoD nests 5 levels (signature.strokes[s][p][xy]); 32 leaves room for any device's extra fields. */
    static final int MAX_DEPTH = 32;
    /** Coordinates need ~20 characters; Jackson's default (1000) would let a 64 KiB document be one number. */
    static final int MAX_NUMBER_LENGTH = 64;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build());

    private PodSyntax() {
    }

    /** The one JSON value in {@code document}, or a {@link PodValidator.Refusal} naming where it goes wrong. */
    static JsonNode parse(String document) {
        JsonNode root;
        try (JsonParser parser = JSON.createParser(document)) {
            root = readOneValue(parser);
        } catch (IOException e) {
            // Closing a parser over a String does no I/O; a read error is turned into a refusal above.
            throw new PodValidator.Refusal("The proof of delivery could not be read.");
        }
        if (root != null) {
            requireStorable(root, new ArrayDeque<>());
        }
        return root;
    }

    /**
     * Reads the value, then insists on the end of the text. Checked here rather than with Jackson's
     * FAIL_ON_TRAILING_TOKENS, whose error cannot tell garbage after the object from garbage instead of one.
     */
    private static JsonNode readOneValue(JsonParser parser) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(parser);
        } catch (StreamConstraintsException e) {
            throw tooBig(e, parser);
        } catch (JsonProcessingException e) {
            throw new PodValidator.Refusal("The proof of delivery is not valid JSON: " + e.getOriginalMessage()
                    + at(e.getLocation() != null ? e.getLocation() : parser.currentLocation()) + ".");
        }
        try {
            if (parser.nextToken() == null) {
                return root;
            }
        } catch (JsonProcessingException garbage) {
            // Not even a token: still content after the value.
        }
        throw new PodValidator.Refusal("The proof of delivery has more content after its JSON value"
                + at(parser.currentTokenLocation()) + "; a document is exactly one JSON object.");
    }

    private static PodValidator.Refusal tooBig(StreamConstraintsException e, JsonParser parser) {
        String path = pathOf(parser.getParsingContext());
        String where = at(parser.currentLocation());
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.startsWith("Number")) {
            return new PodValidator.Refusal((path.isEmpty() ? "A number" : path) + " has a number longer than "
                    + MAX_NUMBER_LENGTH + " characters" + where + "; at most " + MAX_NUMBER_LENGTH + " are allowed.");
        }
        if (message.contains("nesting depth")) {
            String top = path.split("[.\\[]", 2)[0];
            return new PodValidator.Refusal("The proof of delivery nests deeper than " + MAX_DEPTH + " levels"
                    + (top.isEmpty() ? "" : " inside " + top) + where + ".");
        }
        return new PodValidator.Refusal("The proof of delivery exceeds a parser limit" + where + ".");
    }

    /** Walks the tree for what jsonb refuses, naming the field: \u0000, unpaired surrogates, numbers beyond a double. */
    private static void requireStorable(JsonNode node, Deque<String> path) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String problem = textProblem(field.getKey());
                if (problem != null) {
                    throw new PodValidator.Refusal("A field name" + (path.isEmpty() ? "" : " in " + join(path))
                            + " contains " + problem + ".");
                }
                path.addLast((path.isEmpty() ? "" : ".") + field.getKey());
                requireStorable(field.getValue(), path);
                path.removeLast();
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.addLast("[" + i + "]");
                requireStorable(node.get(i), path);
                path.removeLast();
            }
        } else if (node.isTextual()) {
            String problem = textProblem(node.textValue());
            if (problem != null) {
                throw new PodValidator.Refusal(join(path) + " contains " + problem + ".");
            }
        } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            throw new PodValidator.Refusal(join(path) + " is a number too large to store.");
        }
    }

    /** What jsonb cannot store in a string, as the end of a sentence; null when the text is fine. */
    private static String textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "\\u0000 (a NUL character), which PostgreSQL cannot store (at character " + (i + 1) + ")";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("an unpaired surrogate \\u%04X, which is not a character (at character %d)",
                        (int) c, i + 1);
            }
        }
        return null;
    }

    private static String join(Deque<String> path) {
        return path.isEmpty() ? "The document" : String.join("", path);
    }

    /** "photos[0].url" for the parser's current position; "" at the top. */
    private static String pathOf(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.addFirst("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.addFirst("." + c.getCurrentName());
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}

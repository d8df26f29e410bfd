package com.dispatchconsole.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * The simulator's only way into the system: the gateway's public HTTP API with a token, as an outlet's system, a
 * rider's app or a dispatch bot calls it. Every call is timed by its kind; every answer is sorted into success, a
 * refusal by a rule (counted by its code and obeyed: the caller decides what to do next, nothing is retried
 * blindly) or an error (what no rule explains: a malformed request, a lost token, a server failure, no answer).
 */
final class ApiClient {

    /** Answers that a rule gave: the world moved on (409), the token may not (403), slow down (429). */
    private static final Set<Integer> RULE_STATUSES = Set.of(403, 409, 429);

    /** How long a caller waits after no answer, or a 429/503 without a usable {@code Retry-After}. */
    static final long DEFAULT_RETRY_AFTER_MILLIS = 5_000;

    /**
     * One answer: its HTTP status (0 for none), its JSON body (missing when none), for a refusal its code, and how
     * long the caller should wait before its next call: the {@code Retry-After} of a 429 or 503, a few seconds
     * after no answer or a server failure, 0 otherwise.
     */
    record Answer(int status, JsonNode body, String code, long retryAfterMillis) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        static Answer failed() {
            return new Answer(0, MissingNode.getInstance(), null, DEFAULT_RETRY_AFTER_MILLIS);
        }
    }

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final SimMetrics metrics;

    ApiClient(URI base, Executor executor, SimMetrics metrics) {
        this.base = base;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    ObjectMapper json() {
        return json;
    }

    Answer get(String kind, String token, String path) {
        return send(kind, request(token, path).GET().build());
    }

    Answer post(String kind, String token, String path, Object body) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body == null ? java.util.Map.of() : body);
        } catch (IOException e) {
            metrics.error(kind, "could not write the request body: " + e.getMessage());
            return Answer.failed();
        }
        return send(kind, request(token, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    /** A photo as a rider's app uploads it: multipart/form-data, one part named {@code photo}. */
    Answer upload(String kind, String token, String path, byte[] png) {
        String boundary = "sim-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(png.length + 256);
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"pod.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(png);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return send(kind, request(token, path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private HttpRequest.Builder request(String token, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private Answer send(String kind, HttpRequest request) {
        long start = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            metrics.unanswered(kind, "no answer (" + e.getClass().getSimpleName() + ")");
            return Answer.failed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.failed();
        }
        metrics.call(kind, (System.nanoTime() - start) / 1000);
        JsonNode body = read(response.body());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Answer(status, body, null, 0);
        }
        String code = body.path("code").asText("HTTP_" + status);
        if (RULE_STATUSES.contains(status)) {
            metrics.refused(code);
        } else {
            metrics.error(kind, status + " " + code + ": " + body.path("message").asText(""));
        }
        return new Answer(status, body, code, retryAfter(response));
    }

    /** Slow down (429) or come back later (5xx): the seconds the gateway asks for, else a few. */
    private static long retryAfter(HttpResponse<?> response) {
        int status = response.statusCode();
        if (status != 429 && status < 500) {
            return 0;
        }
        String header = response.headers().firstValue("Retry-After").orElse("");
        try {
            long seconds = Long.parseLong(header.strip());
            if (seconds >= 0 && seconds <= 300) {
                return Math.max(1_000, seconds * 1000);
            }
        } catch (NumberFormatException notSeconds) {
            // an HTTP date or nothing: the default
        }
        return DEFAULT_RETRY_AFTER_MILLIS;
    }

    private JsonNode read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}

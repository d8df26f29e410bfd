package com.dispatchconsole.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP assign throughput: K clients, each with its own batch and rider, POST assign then unassign in a loop through
 * the gateway's API with one system token, as an outlet's dispatching system would. Each request's time is from
 * sending to the whole answer read; a request that is not answered 200 counts as an error.
 */
final class HttpAssignLoad {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String token;

    HttpAssignLoad(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    /**
     * Runs {@code warmUpSeconds} unmeasured (so the JIT has compiled the request path), then {@code seconds}
     * measured; {@code pairs} holds one (batch, rider) per client.
     */
    Map<String, Object> run(List<UUID[]> pairs, double warmUpSeconds, double seconds) throws Exception {
        if (warmUpSeconds > 0) {
            measure(pairs, warmUpSeconds);
        }
        return measure(pairs, seconds);
    }

    private Map<String, Object> measure(List<UUID[]> pairs, double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(pairs.size());
        AtomicLong errors = new AtomicLong();
        long began = System.nanoTime();
        long deadline = began + (long) (seconds * 1e9);
        List<Future<List<Double>>> runs = new ArrayList<>();
        try {
            for (UUID[] pair : pairs) {
                runs.add(pool.submit(() -> cycle(pair[0], pair[1], deadline, errors)));
            }
            List<Double> millis = new ArrayList<>();
            for (Future<List<Double>> run : runs) {
                millis.addAll(run.get());
            }
            double elapsed = (System.nanoTime() - began) / 1e9;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("clients", pairs.size());
            out.put("seconds", GatewayBenchmark.round(elapsed));
            out.put("requests", millis.size());
            out.put("perSecond", GatewayBenchmark.round(millis.size() / elapsed));
            Map<String, Double> p = NotifyBenchmark.percentiles(millis);
            out.put("p50Ms", p.getOrDefault("p50", 0.0));
            out.put("p99Ms", p.getOrDefault("p99", 0.0));
            out.put("maxMs", p.getOrDefault("max", 0.0));
            out.put("errors", errors.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Double> cycle(UUID batch, UUID rider, long deadline, AtomicLong errors) {
        List<Double> millis = new ArrayList<>();
        String assign = "{\"riderId\":\"" + rider + "\"}";
        while (System.nanoTime() < deadline) {
            if (!post("/api/batches/" + batch + "/assign", assign, millis)) {
                errors.incrementAndGet();
            }
            if (!post("/api/batches/" + batch + "/unassign", "{}", millis)) {
                errors.incrementAndGet();
            }
        }
        return millis;
    }

    /** One request, timed; true if it was answered 200. */
    private boolean post(String path, String json, List<Double> millis) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        long t0 = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            millis.add((System.nanoTime() - t0) / 1e6);
            return response.statusCode() == 200;
        } catch (java.io.IOException e) {
            millis.add((System.nanoTime() - t0) / 1e6);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

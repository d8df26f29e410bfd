package com.dispatchconsole.gateway.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (an API token's id, or a client address for failed sign-ins): {@code perSecond} requests
 * a second on average, up to {@code burst} at once. Keys not seen for a minute are forgotten so the map stays
 * bounded by the callers of the last minute.
 */
final class RateLimiter {

    private static final long FORGET_AFTER_NANOS = 60_000_000_000L;

    private final double perSecond;
    private final double burst;
    private final ConcurrentHashMap<Object, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long lastSweep = System.nanoTime();

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    /** {@code perSecond} of 0 or less turns the limit off. */
    RateLimiter(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
    }

    boolean enabled() {
        return perSecond > 0;
    }

    double perSecond() {
        return perSecond;
    }

    /** Takes one request's token; false when the key has none left. */
    boolean tryAcquire(Object key) {
        if (!enabled()) {
            return true;
        }
        long now = System.nanoTime();
        sweep(now);
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            double elapsed = (now - bucket.refilledAt) / 1e9;
            bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perSecond);
            bucket.refilledAt = now;
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }

    private void sweep(long now) {
        if (now - lastSweep < FORGET_AFTER_NANOS) {
            return;
        }
        lastSweep = now;
        buckets.entrySet().removeIf(e -> now - e.getValue().refilledAt > FORGET_AFTER_NANOS);
    }
}

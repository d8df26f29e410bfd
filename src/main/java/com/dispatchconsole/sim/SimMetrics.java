package com.dispatchconsole.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a simulated shift saw, from the clients' side: every API call's time by kind, every refusal by its code,
 * every error (anything that is not an answer the API documents for a rule), the events the riders' phones got
 * and how long after the change each arrived, the positions the gateway accepted, and the exceptions played.
 */
public final class SimMetrics {

    /** Latencies of one kind of call, in microseconds; kept whole (a five-minute run makes at most a few 100,000). */
    private static final class Samples {
        private long[] values = new long[1024];
        private int size;

        synchronized void add(long micros) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = micros;
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }

    private final Map<String, Samples> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final List<String> errorSamples = new ArrayList<>();
    private final Samples eventLag = new Samples();
    private final LongAdder events = new LongAdder();
    private final LongAdder resyncs = new LongAdder();
    private final LongAdder positions = new LongAdder();
    private final Map<String, LongAdder> played = new ConcurrentHashMap<>();
    private final AtomicLong lastAnswer = new AtomicLong();
    private final AtomicLong lastUnanswered = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();

    /** A call the gateway answered (whatever it said), in {@code micros}. */
    void call(String kind, long micros) {
        lastAnswer.accumulateAndGet(System.currentTimeMillis(), Math::max);
        calls.computeIfAbsent(kind, k -> new Samples()).add(micros);
    }

    /** A call the gateway did not answer at all: refused connection, reset, timeout (also counted as an error). */
    void unanswered(String kind, String what) {
        lastUnanswered.accumulateAndGet(System.currentTimeMillis(), Math::max);
        error(kind, what);
    }

    /**
     * How long the gateway has answered nothing, as of {@code now}: from its last answer (or the start) when every
     * call since went unanswered; 0 when the last call was answered.
     */
    long unansweredFor(long now) {
        long answered = Math.max(lastAnswer.get(), started.get());
        return lastUnanswered.get() > answered ? now - answered : 0;
    }

    void refused(String code) {
        refusals.computeIfAbsent(code, k -> new LongAdder()).increment();
    }

    /** Something went wrong that no rule explains; a few are kept word for word for the report. */
    void error(String kind, String what) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        synchronized (errorSamples) {
            if (errorSamples.size() < 10) {
                errorSamples.add(kind + ": " + what);
            }
        }
    }

    /**
     * An event a rider's phone got; {@code lagMicros} from the change's time (server clock) to its arrival, or -1
     * for one that tells of a change older than the run (the state a room sends when a phone connects).
     */
    void event(long lagMicros) {
        events.increment();
        if (lagMicros >= 0) {
            eventLag.add(lagMicros);
        }
    }

    void resync() {
        resyncs.increment();
    }

    void position(int accepted) {
        positions.add(accepted);
    }

    /** An exception of the review mix (far, late, no photo, failed order…), or a break / going off duty. */
    void played(String kind) {
        played.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    long startedMillis() {
        return started.get();
    }

    void started(long millis) {
        started.set(millis);
    }

    void ended(long millis) {
        ended.set(millis);
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long playedCount(String kind) {
        LongAdder adder = played.get(kind);
        return adder == null ? 0 : adder.sum();
    }

    public long refusals(String code) {
        LongAdder adder = refusals.get(code);
        return adder == null ? 0 : adder.sum();
    }

    public long calls(String kind) {
        Samples s = calls.get(kind);
        return s == null ? 0 : s.sorted().length;
    }

    public long events() {
        return events.sum();
    }

    /** The figures as ordered maps, ready for JSON. */
    public Map<String, Object> figures() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        double seconds = Math.max(0.001, (ended.get() - started.get()) / 1000.0);
        out.put("seconds", round(seconds));
        Map<String, Object> byKind = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, Samples> e : calls.entrySet()) {
            long[] sorted = e.getValue().sorted();
            total += sorted.length;
            Map<String, Object> figures = new java.util.LinkedHashMap<>();
            figures.put("count", sorted.length);
            figures.put("p50Ms", percentileMs(sorted, 0.50));
            figures.put("p99Ms", percentileMs(sorted, 0.99));
            figures.put("maxMs", sorted.length == 0 ? 0 : round(sorted[sorted.length - 1] / 1000.0));
            byKind.put(e.getKey(), figures);
        }
        out.put("apiCalls", total);
        out.put("apiCallsPerSec", round(total / seconds));
        out.put("calls", byKind);
        out.put("refusals", counts(refusals));
        out.put("errors", errorCount());
        out.put("errorsByKind", counts(errors));
        synchronized (errorSamples) {
            out.put("errorSamples", List.copyOf(errorSamples));
        }
        long[] lag = eventLag.sorted();
        Map<String, Object> ev = new java.util.LinkedHashMap<>();
        ev.put("delivered", events.sum());
        ev.put("changeToDeviceP50Ms", percentileMs(lag, 0.50));
        ev.put("changeToDeviceP99Ms", percentileMs(lag, 0.99));
        ev.put("changeToDeviceMaxMs", lag.length == 0 ? 0 : round(lag[lag.length - 1] / 1000.0));
        ev.put("resyncs", resyncs.sum());
        out.put("riderEvents", ev);
        out.put("positionsWritten", positions.sum());
        out.put("positionsPerSec", round(positions.sum() / seconds));
        out.put("played", counts(played));
        return out;
    }

    private static Map<String, Long> counts(Map<String, LongAdder> adders) {
        Map<String, Long> out = new TreeMap<>();
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static double percentileMs(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return round(sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}

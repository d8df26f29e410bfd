package com.dispatchconsole.app;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When each phase of a console's start began, in milliseconds since the JVM started: what {@code --start-timings}
 * writes as JSON, so a start can be measured the same way every time (docs/performance.md, "Start-up").
 */
final class StartTimings {

    // Marks are taken on the monotonic clock and turned into "since the JVM started" when written, with the JVM's own
    // uptime. (The process's start instant from ProcessHandle is computed from the kernel's boot time in whole seconds,
    // so it was up to a second off, always the same way on one machine.)
    private final Map<String, Long> phases = new LinkedHashMap<>();

    /** The first time a phase is reached counts; later ones are ignored. */
    synchronized void mark(String phase) {
        phases.putIfAbsent(phase, System.nanoTime());
    }

    /** Each phase in milliseconds since the JVM started. */
    synchronized Map<String, Long> phases() {
        long uptimeMillis = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        long nowNanos = System.nanoTime();
        Map<String, Long> sinceStart = new LinkedHashMap<>();
        phases.forEach((phase, nanos) -> sinceStart.put(phase,
                uptimeMillis - java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(nowNanos - nanos)));
        return sinceStart;
    }

    void write(Path file, Map<String, Object> about) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>(about);
        json.put("at", Instant.now().toString());
        json.put("msSinceJvmStart", phases());
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsBytes(json));
    }
}

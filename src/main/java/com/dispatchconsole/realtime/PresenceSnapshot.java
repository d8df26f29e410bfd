package com.dispatchconsole.realtime;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Other consoles' presence at one moment, by batch. */
public record PresenceSnapshot(Map<UUID, List<Presence>> byBatch) {

    public static final PresenceSnapshot EMPTY = new PresenceSnapshot(Map.of());

    public PresenceSnapshot {
        byBatch = Map.copyOf(byBatch);
    }

    /** Who is on {@code batch}: dragging first; empty when nobody. */
    public List<Presence> on(java.util.UUID batch) {
        return batch == null ? List.of() : byBatch.getOrDefault(batch, List.of());
    }
}

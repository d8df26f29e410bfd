package com.dispatchconsole.gateway.socket;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The newest version of each recently announced batch, so a row read for a connecting client is not sent after a
 * newer change of it already went out: the read and the notification race, and the client must end with the newer.
 * Bounded (least recently announced first out): a read takes milliseconds, so only recent announcements matter.
 * Used on the fan-out thread only.
 */
final class LatestVersions {

    private final Map<UUID, Long> versions;

    LatestVersions(int capacity) {
        this.versions = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    void announced(UUID batchId, long version) {
        versions.merge(batchId, version, Math::max);
    }

    /** False when a newer version of the batch was announced (and sent) than the one read. */
    boolean current(UUID batchId, long versionRead) {
        Long announced = versions.get(batchId);
        return announced == null || versionRead >= announced;
    }
}

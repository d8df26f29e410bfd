package com.dispatchconsole.gateway.socket;

import com.dispatchconsole.domain.ApiTokenScope;
import java.util.Optional;
import java.util.UUID;

/**
 * A Socket.IO room of the gateway: {@code rider:<riderId>}, {@code outlet:<outletId>} or {@code batch:<batchId>}.
 * A rider's, an outlet's or a tracking token's connection is put in its one room; a system token chooses rooms.
 */
record Room(Kind kind, UUID id) {

    enum Kind {
        RIDER("rider"), OUTLET("outlet"), BATCH("batch");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    Room {
        if (kind == null || id == null) {
            throw new IllegalArgumentException("a room needs a kind and an id");
        }
    }

    /** The room a token's connection joins by itself; none for a system token, which subscribes. */
    static Optional<Room> of(ApiTokenScope scope) {
        return switch (scope.kind()) {
            case RIDER -> Optional.of(new Room(Kind.RIDER, scope.subjectId()));
            case OUTLET -> Optional.of(new Room(Kind.OUTLET, scope.subjectId()));
            case TRACKING -> Optional.of(new Room(Kind.BATCH, scope.subjectId()));
            case SYSTEM -> Optional.empty();
        };
    }

    /** "rider:1a2b…" as a client names it; anything else (another prefix, a malformed id, not text) is empty. */
    static Optional<Room> parse(Object name) {
        if (!(name instanceof String text)) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon < 0 || text.length() - colon - 1 != 36) {
            return Optional.empty();
        }
        String prefix = text.substring(0, colon);
        for (Kind kind : Kind.values()) {
            if (kind.prefix.equals(prefix)) {
                try {
                    UUID id = UUID.fromString(text.substring(colon + 1));
                    return Optional.of(new Room(kind, id));
                } catch (IllegalArgumentException notAnId) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    String name() {
        return kind.prefix + ":" + id;
    }

    @Override
    public String toString() {
        return name();
    }
}

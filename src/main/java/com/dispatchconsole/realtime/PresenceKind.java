package com.dispatchconsole.realtime;

import java.util.Locale;
import java.util.Optional;

/** What a console's operator is doing with a batch: looking at it, dragging it, or nothing. */
public enum PresenceKind {
    VIEWING, DRAGGING, NONE;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<PresenceKind> fromWire(String text) {
        for (PresenceKind kind : values()) {
            if (kind.wire().equals(text)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}

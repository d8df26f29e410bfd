package com.dispatchconsole.realtime;

import java.util.List;
import java.util.UUID;

/**
 * What this console says, and when: a change is sent at once, unless the last message went less than
 * {@link PresenceSettings#minInterval()} ago (then the latest state goes when it is up: a drag hovering over rows or
 * a dispatcher arrowing through the table sends a few messages a second at most); while it shows something it is
 * repeated every {@link PresenceSettings#heartbeat()}; after a reconnect it is said again. Thread-safe: the UI sets,
 * the feed's thread asks.
 */
public final class PresenceAnnouncer {

    private record State(PresenceKind kind, List<UUID> batches) {
        static final State NONE = new State(PresenceKind.NONE, List.of());
    }

    private final PresenceSettings settings;
    private State wanted = State.NONE;
    private State sent = State.NONE;
    private long sentNanos;
    private boolean everSent;
    private boolean again;

    public PresenceAnnouncer(PresenceSettings settings) {
        this.settings = settings;
    }

    /** What this console shows now; NONE, or no batches, for nothing. */
    public synchronized void set(PresenceKind kind, List<UUID> batches) {
        wanted = kind == PresenceKind.NONE || batches.isEmpty() ? State.NONE : new State(kind, List.copyOf(batches));
    }

    /** Shows nothing from now on; true if something was said that "none" must take back. */
    public synchronized boolean retract() {
        wanted = State.NONE;
        return !sent.equals(State.NONE);
    }

    /** Say it again at the next chance (listening again after a reconnect: others may have dropped us). */
    public synchronized void reannounce() {
        again = true;
    }

    /** The state to send now (kind and batches), or null when nothing is due. */
    public synchronized Due next(long nowNanos) {
        boolean changed = !wanted.equals(sent);
        long since = nowNanos - sentNanos;
        boolean allowed = !everSent || since >= settings.minInterval().toNanos();
        boolean heartbeat = wanted.kind() != PresenceKind.NONE && since >= settings.heartbeat().toNanos();
        boolean repeat = again && wanted.kind() != PresenceKind.NONE;
        if (!allowed || !(changed || heartbeat || repeat)) {
            return null;
        }
        again = false;
        sent = wanted;
        sentNanos = nowNanos;
        everSent = true;
        return new Due(wanted.kind(), wanted.batches());
    }

    /** Whether the last message sent says what this console shows now. */
    public synchronized boolean upToDate() {
        return wanted.equals(sent);
    }

    /** One message to send. */
    public record Due(PresenceKind kind, List<UUID> batches) {
    }
}

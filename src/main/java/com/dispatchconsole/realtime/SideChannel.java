package com.dispatchconsole.realtime;

/**
 * A channel of its own carried on the change feed's LISTEN connection (presence): what arrives on it, and what to
 * send on it. The feed LISTENs on {@link #name()} with every (re)connect, hands each notification to
 * {@link #received}, and between its bounded waits (at most every 250 ms while connected) asks {@link #outgoing}
 * for one payload and sends it with {@code pg_notify}. Every callback runs on the feed's thread and must be quick.
 */
public interface SideChannel {

    /** The channel: a plain lower-case identifier. */
    String name();

    /** A notification on this channel, as any login may have sent it: untrusted, possibly malformed. */
    void received(String payload, int senderPid, long nowNanos);

    /** A payload to send now, or null; also the side channel's chance to do its own housekeeping. */
    String outgoing(long nowNanos);

    /** Listening (again) as server process {@code ownPid}; what was announced before may be lost. */
    default void connected(int ownPid) {
    }

    /** The connection is lost; what others announced can no longer be heard. */
    default void disconnected() {
    }
}

package com.dispatchconsole.realtime;

import java.time.Instant;

/**
 * Whether a console is receiving changes: LIVE, RECONNECTING since a moment, or OFFLINE since a moment; or, said by
 * the console itself rather than the feed, CATCHING_UP since a moment: more changes arrived than it could apply one
 * by one, so it reads the rows again in one go and is LIVE again once they are on screen.
 */
public record LiveState(Status status, Instant since) {

    public enum Status { CONNECTING, LIVE, RECONNECTING, OFFLINE, CATCHING_UP }

    public static LiveState of(Status status) {
        return new LiveState(status, Instant.now());
    }
}

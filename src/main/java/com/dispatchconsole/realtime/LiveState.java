package com.dispatchconsole.realtime;

import java.time.Instant;

/** Whether a console is receiving changes: LIVE, RECONNECTING since a moment, or OFFLINE since a moment. */
public record LiveState(Status status, Instant since) {

    public enum Status { CONNECTING, LIVE, RECONNECTING, OFFLINE }

    public static LiveState of(Status status) {
        return new LiveState(status, Instant.now());
    }
}

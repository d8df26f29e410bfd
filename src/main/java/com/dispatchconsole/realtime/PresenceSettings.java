package com.dispatchconsole.realtime;

import java.time.Duration;

/**
 * How presence is shared.
 *
 * @param expireAfter   how long another console's presence stays without a heartbeat (a crashed console's goes)
 * @param heartbeat     how often a console repeats what it shows while it shows something
 * @param minInterval   at most one message per this interval per console: quick changes are merged, latest wins
 * @param maxConsoles   other consoles remembered at once; more are ignored (a flood cannot grow the board)
 */
public record PresenceSettings(Duration expireAfter, Duration heartbeat, Duration minInterval, int maxConsoles) {

    public static final String CHANNEL = "dispatch_presence";

    public static final PresenceSettings DEFAULT =
            new PresenceSettings(Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofMillis(300), 64);

    public PresenceSettings {
        if (heartbeat.compareTo(expireAfter) >= 0) {
            throw new IllegalArgumentException("the heartbeat must come before presence expires");
        }
    }

    public PresenceSettings withExpiry(Duration expire, Duration every) {
        return new PresenceSettings(expire, every, minInterval, maxConsoles);
    }
}

package com.dispatchconsole.realtime;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * How a console listens.
 *
 * @param healthEvery   how often the idle connection is checked with a round trip
 * @param healthTimeout how long that round trip may take before the connection counts as dead (a hung server
 *                      that keeps the socket open is only noticed this way)
 * @param offlineAfter  how long reconnecting may fail before the console says OFFLINE (it keeps trying)
 * @param outlets       outlets this console cares about; empty means all
 */
public record FeedSettings(String url, String user, String password, Duration healthEvery, Duration healthTimeout,
                           Duration offlineAfter, Set<UUID> outlets) {

    public static final String CHANNEL = "dispatch_changes";

    public static FeedSettings of(String url, String user, String password) {
        return new FeedSettings(url, user, password, Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(15), Set.of());
    }

    public FeedSettings withOutlets(Set<UUID> scope) {
        return new FeedSettings(url, user, password, healthEvery, healthTimeout, offlineAfter, Set.copyOf(scope));
    }

    public FeedSettings withTimings(Duration every, Duration timeout, Duration offline) {
        return new FeedSettings(url, user, password, every, timeout, offline, outlets);
    }
}

package com.dispatchconsole.gateway.socket;

import java.time.Duration;

/**
 * Where the rooms listen and the bounds they keep.
 *
 * @param host              the address to bind; null for every interface
 * @param port              the port; 0 takes any free one ({@link SocketRooms#port()} says which)
 * @param authWait          how long a connection's token check may hold a Socket.IO thread before the connection is
 *                          refused as DATABASE_UNAVAILABLE (netty-socketio asks for the answer synchronously)
 * @param connectTimeout    a connection that has not presented a valid token by then is disconnected
 * @param maxQueued         packets a long-polling client may have waiting before it counts as behind
 * @param outletBatchLimit  how many of its batches an outlet's connection is sent on connect (newest first)
 * @param maxRoomsPerClient rooms a system client may follow
 */
public record SocketSettings(String host, int port, Duration authWait, Duration connectTimeout, int maxQueued,
                             int outletBatchLimit, int maxRoomsPerClient) {

    public SocketSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port");
        }
        if (maxQueued < 1 || outletBatchLimit < 0 || maxRoomsPerClient < 1) {
            throw new IllegalArgumentException("the rooms' bounds must be positive");
        }
    }

    public static SocketSettings of(String host, int port) {
        return new SocketSettings(host, port, Duration.ofSeconds(2), Duration.ofSeconds(10), 512, 500, 1000);
    }
}

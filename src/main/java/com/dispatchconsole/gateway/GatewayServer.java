package com.dispatchconsole.gateway;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.gateway.http.HttpApi;
import com.dispatchconsole.gateway.socket.SocketRooms;
import com.dispatchconsole.gateway.socket.SocketSettings;
import com.dispatchconsole.realtime.ChangeFeed;
import com.dispatchconsole.realtime.FeedSettings;
import com.dispatchconsole.service.DispatchServices;
import java.net.BindException;
import java.time.Duration;

/**
 * The gateway: the HTTP API and the Socket.IO rooms on the same services, and one change feed (one LISTEN
 * connection) whose events the rooms fan out to every connected client.
 */
public final class GatewayServer implements AutoCloseable {

    public record Settings(String host, int httpPort, int socketPort, double ratePerSecond, int burst) {

        HttpApi.Settings http() {
            return new HttpApi.Settings(host, httpPort, ratePerSecond, burst, Duration.ofSeconds(5));
        }
    }

    private final HttpApi http;
    private final SocketRooms rooms;
    private final ChangeFeed feed;

    private GatewayServer(HttpApi http, SocketRooms rooms, ChangeFeed feed) {
        this.http = http;
        this.rooms = rooms;
        this.feed = feed;
    }

    /** Starts the rooms, then the API, then the feed (so no change committed after "Ready" is missed). */
    public static GatewayServer start(DispatchServices services, FeedSettings feedSettings, Settings settings) {
        ChangeFeed feed = new ChangeFeed(feedSettings);
        SocketRooms rooms = null;
        HttpApi http = null;
        try {
            rooms = new SocketRooms(services, SocketSettings.of(settings.host(), settings.socketPort())).start();
            http = HttpApi.start(services, settings.http());
            feed.subscribe(rooms);
            feed.start();
            return new GatewayServer(http, rooms, feed);
        } catch (RuntimeException e) {
            feed.close();
            if (http != null) {
                http.close();
            }
            if (rooms != null) {
                rooms.close();
            }
            throw portInUse(e, settings);
        }
    }

    private static RuntimeException portInUse(RuntimeException e, Settings settings) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return new DispatchException(ErrorCode.PORT_IN_USE, "Port " + settings.httpPort() + " or "
                        + settings.socketPort() + " on " + settings.host() + " is taken by another program; pick free "
                        + "ports with --http-port and --socket-port (0 = any free one).");
            }
        }
        return e;
    }

    public int httpPort() {
        return http.port();
    }

    public int socketPort() {
        return rooms.port();
    }

    public SocketRooms rooms() {
        return rooms;
    }

    public HttpApi http() {
        return http;
    }

    public ChangeFeed feed() {
        return feed;
    }

    @Override
    public void close() {
        http.close();
        feed.close();
        rooms.close();
    }
}

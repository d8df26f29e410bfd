package com.dispatchconsole.bench;

import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.json.JSONObject;

/**
 * One benchmark client of the gateway's Socket.IO rooms: a real io.socket client over WebSocket with a real token,
 * as a rider app, an outlet's system or a tracking page connects. It remembers when it first heard of each change
 * (batch id and updated_at, which is what the payloads carry), in wall-clock microseconds: when the frame came off
 * the wire (on OkHttp's reader thread) and when the client library handed the event to the listener (on its one
 * event thread, shared by every client in this JVM), so the report can tell the library's own queueing apart.
 */
final class GatewayListener {

    enum Kind { RIDER, OUTLET, TRACKING }

    /** A connection attempt's answer. */
    interface Answered {
        void answered(GatewayListener listener);
    }

    final Kind kind;
    /** Index of the rider, outlet or batch the token speaks for. */
    final int subject;
    /** For a tracking page: its batch's id, which its payloads leave out. */
    private final String trackedBatchId;
    private final Map<String, Long> heard = new ConcurrentHashMap<>();
    private final Map<String, Long> onWire = new ConcurrentHashMap<>();
    private final AtomicInteger events = new AtomicInteger();
    private final AtomicInteger resyncs = new AtomicInteger();
    private final AtomicInteger disconnects = new AtomicInteger();
    private volatile Socket socket;
    private volatile boolean connected;
    private volatile String refusal;

    GatewayListener(Kind kind, int subject, String trackedBatchId) {
        this.kind = kind;
        this.subject = subject;
        this.trackedBatchId = trackedBatchId;
    }

    /** Key of one change as the payloads name it. */
    static String key(String batchId, String updatedAt) {
        return batchId + "@" + updatedAt;
    }

    /**
     * Connects over WebSocket only, through the shared OkHttp client, and calls {@code answered} once, when the
     * gateway accepted or refused the token (or the attempt timed out).
     */
    void connect(URI uri, OkHttpClient http, String token, Answered answered) {
        IO.Options options = IO.Options.builder().setForceNew(true).setReconnection(false)
                .setTransports(new String[] {io.socket.engineio.client.transports.WebSocket.NAME})
                .setTimeout(30_000).setAuth(Map.of("token", token)).build();
        options.callFactory = http;
        options.webSocketFactory = (request, listener) -> http.newWebSocket(request, new Stamping(listener));
        refusal = null;
        Socket s = IO.socket(uri, options);
        AtomicInteger once = new AtomicInteger();
        s.on(Socket.EVENT_CONNECT, args -> {
            connected = true;
            if (once.getAndIncrement() == 0) {
                answered.answered(this);
            }
        });
        s.on(Socket.EVENT_CONNECT_ERROR, args -> {
            refusal = describe(args);
            if (once.getAndIncrement() == 0) {
                answered.answered(this);
            }
        });
        s.on(Socket.EVENT_DISCONNECT, args -> {
            if (connected) {
                disconnects.incrementAndGet();
            }
            connected = false;
        });
        s.onAnyIncoming(this::received);
        socket = s;
        s.connect();
    }

    /** On the client library's event thread. */
    private void received(Object... args) {
        long at = GatewayBenchmark.wallMicros();
        events.incrementAndGet();
        String event = (String) args[0];
        JSONObject payload = args.length > 1 && args[1] instanceof JSONObject json ? json : null;
        if (payload == null) {
            return;
        }
        switch (event) {
            case "my_batch_updated", "delivery_batch_updated" ->
                    heard.putIfAbsent(key(payload.optString("batchId"), payload.optString("updatedAt")), at);
            case "tracking_updated" -> heard.putIfAbsent(key(trackedBatchId, payload.optString("timestamp")), at);
            case "resync" -> resyncs.incrementAndGet();
            default -> {
            }
        }
    }

    private static String describe(Object... args) {
        if (args.length > 0 && args[0] instanceof JSONObject json) {
            return json.optString("message", "refused");
        }
        return args.length > 0 && args[0] instanceof Exception e ? e.getClass().getSimpleName() + ": " + e.getMessage()
                : "refused";
    }

    /** When the frame with the change arrived, in wall-clock microseconds; null if it never did. */
    Long arrivedAt(String key) {
        return onWire.get(key);
    }

    /** Changes heard so far. */
    int heardCount() {
        return heard.size();
    }

    /** What it heard so far, as a snapshot. */
    GatewayClients.Receipts receipts() {
        return new GatewayClients.Receipts(connected, events.get(), resyncs.get(), disconnects.get(), Map.copyOf(heard),
                Map.copyOf(onWire));
    }

    /** When this client first heard of the change, in wall-clock microseconds; null if it never did. */
    Long heardAt(String key) {
        return heard.get(key);
    }

    boolean connected() {
        return connected;
    }

    /** Why the last attempt was refused (the gateway's "CODE: sentence", never the token); null if it was not. */
    String refusal() {
        return refusal;
    }

    int events() {
        return events.get();
    }

    int resyncs() {
        return resyncs.get();
    }

    int disconnects() {
        return disconnects.get();
    }

    void close() {
        Socket s = socket;
        if (s != null) {
            s.close();
        }
    }

    /** The key of a Socket.IO event frame ({@code 42["event",{...}]}) read from its text; null for anything else. */
    private String keyOf(String frame) {
        if (frame.startsWith("42[\"tracking_updated\"")) {
            String at = field(frame, "timestamp");
            return at == null ? null : key(trackedBatchId, at);
        }
        if (frame.startsWith("42[\"my_batch_updated\"") || frame.startsWith("42[\"delivery_batch_updated\"")) {
            String id = field(frame, "batchId");
            String at = field(frame, "updatedAt");
            return id == null || at == null ? null : key(id, at);
        }
        return null;
    }

    private static String field(String frame, String name) {
        String marker = "\"" + name + "\":\"";
        int from = frame.indexOf(marker);
        if (from < 0) {
            return null;
        }
        from += marker.length();
        int to = frame.indexOf('"', from);
        return to < 0 ? null : frame.substring(from, to);
    }

    /** Notes when each event frame comes off the wire, then hands everything to the client library as it was. */
    private final class Stamping extends WebSocketListener {

        private final WebSocketListener library;

        Stamping(WebSocketListener library) {
            this.library = library;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            library.onOpen(webSocket, response);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            long at = GatewayBenchmark.wallMicros();
            String key = keyOf(text);
            if (key != null) {
                onWire.putIfAbsent(key, at);
            }
            library.onMessage(webSocket, text);
        }

        @Override
        public void onMessage(WebSocket webSocket, ByteString bytes) {
            library.onMessage(webSocket, bytes);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            library.onClosing(webSocket, code, reason);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            library.onClosed(webSocket, code, reason);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            library.onFailure(webSocket, t, response);
        }
    }
}

package com.dispatchconsole.gateway.socket;

import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * A real Socket.IO 4 client (io.socket:socket.io-client) as a rider app, an outlet's system or a tracking page
 * would use it: it connects with {@code auth: {token}} and records every event it receives, in order, as plain maps.
 */
public final class RoomClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(15);

    public record Received(String event, Map<String, Object> payload) {
    }

    private final Socket socket;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Map<String, Object>> connectError = new CompletableFuture<>();
    private volatile boolean connected;
    private volatile boolean disconnected;

    private RoomClient(int port, Map<String, String> auth) {
        var builder = IO.Options.builder().setForceNew(true).setReconnection(false);
        IO.Options options = (auth == null ? builder : builder.setAuth(auth)).build();
        socket = IO.socket(URI.create("http://127.0.0.1:" + port), options);
        socket.on(Socket.EVENT_CONNECT, args -> connected = true);
        socket.on(Socket.EVENT_DISCONNECT, args -> disconnected = true);
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> connectError.complete(
                args.length > 0 && args[0] instanceof JSONObject json ? map(json) : Map.of()));
        socket.onAnyIncoming(args -> received.add(new Received((String) args[0],
                args.length > 1 && args[1] instanceof JSONObject json ? map(json) : Map.of())));
        socket.connect();
    }

    /** Connects with the token and waits until the server accepted it. */
    public static RoomClient connected(int port, String token) {
        RoomClient client = new RoomClient(port, Map.of("token", token));
        waitUntil(() -> client.connected || client.connectError.isDone(), "connected or refused");
        if (!client.connected) {
            client.close();
            throw new AssertionError("refused: " + client.connectError.join());
        }
        return client;
    }

    /** Connects with this auth (null: none) and returns the client whatever the answer (see {@link #refusal()}). */
    public static RoomClient attempt(int port, Map<String, String> auth) {
        return new RoomClient(port, auth);
    }

    /** The connect_error the server answered with, waiting for it. */
    public Map<String, Object> refusal() {
        try {
            return connectError.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no connect_error within " + WAIT + " (connected: " + connected + ")", e);
        }
    }

    public boolean isConnected() {
        return connected && !disconnected;
    }

    public boolean wasDisconnected() {
        return disconnected;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String event) {
        return received.stream().filter(r -> r.event().equals(event)).toList();
    }

    /** Waits for the first event of this name whose payload matches, and returns it. */
    public Received await(String event, Predicate<Map<String, Object>> matching) {
        waitUntil(() -> received.stream().anyMatch(r -> r.event().equals(event) && matching.test(r.payload())),
                event + " matching");
        return received.stream().filter(r -> r.event().equals(event) && matching.test(r.payload())).findFirst()
                .orElseThrow();
    }

    /** Everything received before the first event of this name whose payload matches (waiting for it). */
    public List<Received> before(String event, Predicate<Map<String, Object>> matching) {
        Received mark = await(event, matching);
        List<Received> all = received();
        return all.subList(0, all.indexOf(mark));
    }

    /** Emits {@code subscribe} with the room and waits for the acknowledgement. */
    public Map<String, Object> subscribe(Object room) {
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        socket.emit("subscribe", new Object[] {room}, args -> answer.complete(
                args.length > 0 && args[0] instanceof JSONObject json ? map(json) : Map.of("raw", List.of(args))));
        try {
            return answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no acknowledgement of subscribe " + room, e);
        }
    }

    public static void waitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("not within " + WAIT + ": " + what);
    }

    static Map<String, Object> map(JSONObject json) {
        Map<String, Object> map = new LinkedHashMap<>();
        try {
            for (Iterator<?> keys = json.keys(); keys.hasNext(); ) {
                String key = (String) keys.next();
                map.put(key, value(json.get(key)));
            }
        } catch (JSONException e) {
            throw new AssertionError(e);
        }
        return map;
    }

    private static Object value(Object value) throws JSONException {
        if (value == JSONObject.NULL) {
            return null;
        }
        if (value instanceof JSONObject object) {
            return map(object);
        }
        if (value instanceof JSONArray array) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < array.length(); i++) {
                list.add(value(array.get(i)));
            }
            return list;
        }
        return value;
    }

    @Override
    public void close() {
        socket.close();
    }
}

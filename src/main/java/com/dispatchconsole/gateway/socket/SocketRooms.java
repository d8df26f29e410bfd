package com.dispatchconsole.gateway.socket;

import com.corundumstudio.socketio.AckMode;
import com.corundumstudio.socketio.AckRequest;
import com.corundumstudio.socketio.AuthTokenResult;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketConfig;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.listener.ExceptionListener;
import com.corundumstudio.socketio.namespace.Namespace;
import com.corundumstudio.socketio.protocol.JacksonJsonSupport;
import com.dispatchconsole.domain.ApiPrincipal;
import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.domain.ApiTokenSecret;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.realtime.ChangeEvent;
import com.dispatchconsole.realtime.ChangeSubscriber;
import com.dispatchconsole.realtime.LiveState;
import com.dispatchconsole.service.ApiTokenService;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.service.QueryService;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's Socket.IO rooms (netty-socketio, Socket.IO 4 protocol). A client connects with
 * {@code auth: {token}}; a rider's token joins {@code rider:<riderId>}, an outlet's {@code outlet:<outletId>}, a
 * tracking token {@code batch:<batchId>}, and a system token joins rooms it asks for with
 * {@code emit('subscribe', room, ack)}. A bad token is refused with a {@code connect_error} whose message is
 * "UNAUTHENTICATED: …" and joins nothing.
 *
 * <p>Subscribed to one {@link com.dispatchconsole.realtime.ChangeFeed} (one LISTEN connection for the whole
 * gateway), it turns each notification into the room events without reading the database: the payloads carry
 * what the events show (V11). Clients never hold a database connection; the token check and the state sent on
 * connect are read through the service pool, on small bounded executors, never on netty's event loop (the token
 * check holds the Socket.IO thread that asked for at most {@link SocketSettings#authWait()}, because
 * netty-socketio wants its answer synchronously). Every send happens on one fan-out thread, in commit order;
 * a client that stops reading gets nothing more until it has caught up, then {@code resync}
 * ({@link ClientSession}). When the feed was away, every client gets {@code resync}.
 *
 * <p>Wiring: {@code rooms = new SocketRooms(services, SocketSettings.of(host, port)).start();
 * feed.subscribe(rooms); feed.start();} and on the way out {@code rooms.close(); feed.close();}.
 */
public final class SocketRooms implements ChangeSubscriber, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SocketRooms.class);
    private static final int FAN_OUT_QUEUE = 10_000;
    private static final int READ_QUEUE = 256;
    private static final int CHECK_QUEUE = 64;
    private static final int VERSIONS_KEPT = 10_000;
    /** What an outlet is sent on connect: its batches not yet finished. */
    private static final Set<BatchStatus> IN_FLIGHT = EnumSet.copyOf(Arrays.stream(BatchStatus.values())
            .filter(s -> !s.isTerminal()).toList());

    private final ApiTokenService tokens;
    private final QueryService queries;
    private final SocketSettings settings;
    private final BoundServer server;
    private final SocketIONamespace namespace;
    private final Map<UUID, ClientSession> sessions = new ConcurrentHashMap<>();
    /** One thread: every send to every client, in the order the feed delivered the changes. */
    private final ThreadPoolExecutor fanOut;
    /** The state a client is sent when it connects or subscribes. */
    private final ThreadPoolExecutor reads;
    /** The principals of open connections by token id, to ask again after a resync whether they were revoked. */
    private final java.util.concurrent.ConcurrentHashMap<UUID, ApiPrincipal> principals =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** Token checks, apart from the reads so a burst of connections cannot starve them. */
    private final ThreadPoolExecutor checks;
    private final ScheduledExecutorService timer;
    private final LatestVersions versions = new LatestVersions(VERSIONS_KEPT);
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private volatile LiveState.Status feedStatus = LiveState.Status.CONNECTING;
    private volatile boolean started;
    private volatile boolean closed;

    public SocketRooms(DispatchServices services, SocketSettings settings) {
        this.tokens = services.tokens();
        this.queries = services.queries();
        this.settings = settings;
        this.fanOut = bounded("socket-fanout", 1, FAN_OUT_QUEUE);
        this.reads = bounded("socket-read", 2, READ_QUEUE);
        this.checks = bounded("socket-token", 2, CHECK_QUEUE);
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("socket-timer"));
        this.server = new BoundServer(configuration(settings));
        this.namespace = server.getNamespace(Namespace.DEFAULT_NAME);
        namespace.addAuthTokenListener(this::authenticate);
        namespace.addConnectListener(this::opened);
        namespace.addDisconnectListener(client -> sessions.remove(client.getSessionId()));
        namespace.addEventListener(Payloads.SUBSCRIBE, Object.class, (client, room, ack) -> subscribe(client, room, ack));
    }

    /** Binds the port and starts accepting clients; PORT_IN_USE if another program holds it. */
    public SocketRooms start() {
        try {
            server.start();
            started = true;
        } catch (Exception e) {
            server.stop();
            if (e instanceof BindException) {
                throw new DispatchException(ErrorCode.PORT_IN_USE, "Port " + settings.port()
                        + " is in use by another program; the Socket.IO rooms did not start.");
            }
            throw e;
        }
        timer.scheduleWithFixedDelay(() -> onFanOutThread(() -> sessions.values().forEach(ClientSession::settle)),
                1, 1, TimeUnit.SECONDS);
        log.info("Socket.IO rooms listening on {}:{}", settings.host() == null ? "*" : settings.host(), port());
        return this;
    }

    /** The port the rooms listen on (the one chosen when the settings said 0). */
    public int port() {
        return server.port();
    }

    /** Connections that presented a valid token and are still open. */
    public int clients() {
        return sessions.size();
    }

    /** Accepted connections in a room, e.g. "rider:1a2b…". */
    public int clientsIn(String room) {
        int n = 0;
        for (SocketIOClient client : namespace.getRoomOperations(room).getClients()) {
            if (sessions.containsKey(client.getSessionId())) {
                n++;
            }
        }
        return n;
    }

    /** Events not sent to connected clients because they were behind (each such client owes a resync). */
    public long eventsDropped() {
        return sessions.values().stream().mapToLong(ClientSession::dropped).sum();
    }

    // ---- the feed ------------------------------------------------------------------------------------------------

    @Override
    public void onChanges(List<ChangeEvent> events) {
        List<ChangeEvent> worthSending = withoutRepeats(events);
        onFanOutThread(() -> worthSending.forEach(this::deliver));
    }

    /**
     * One transaction can announce a batch twice with nothing a client sees changed (a new batch is inserted, then
     * its order count and weight are filled in): of events for the same batch in the same status and rider, only
     * the last is sent. Events arrive in commit order, so a different status in between is still sent.
     */
    static List<ChangeEvent> withoutRepeats(List<ChangeEvent> events) {
        List<ChangeEvent> kept = new java.util.ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            ChangeEvent event = events.get(i);
            ChangeEvent next = i + 1 < events.size() ? events.get(i + 1) : null;
            boolean repeatedNext = next != null && event.entity() == ChangeEvent.Entity.BATCH
                    && next.entity() == ChangeEvent.Entity.BATCH && event.id().equals(next.id())
                    && java.util.Objects.equals(event.status(), next.status())
                    && java.util.Objects.equals(event.riderId(), next.riderId())
                    && java.util.Objects.equals(event.previousRiderId(), next.previousRiderId());
            if (!repeatedNext) {
                kept.add(event);
            }
        }
        return kept;
    }

    @Override
    public void onResync() {
        Instant at = Instant.now();
        onFanOutThread(() -> sessions.values().forEach(s -> s.resync(at)));
        recheckTokens();
    }

    /**
     * After the feed was away, a revocation may have been missed: every token with an open connection is asked
     * again (off the Socket.IO and fan-out threads), and the connections of a revoked one are closed.
     */
    private void recheckTokens() {
        try {
            checks.execute(() -> {
                java.util.Set<UUID> open = new HashSet<>();
                sessions.values().forEach(s -> open.add(s.tokenId()));
                principals.keySet().retainAll(open);
                for (ApiPrincipal principal : List.copyOf(principals.values())) {
                    try {
                        if (!tokens.stillValid(principal)) {
                            onFanOutThread(() -> closeRevoked(principal.tokenId()));
                        }
                    } catch (DispatchException unreachable) {
                        return; // the database is away again; the next resync asks again
                    }
                }
            });
        } catch (RejectedExecutionException busy) {
            log.warn("Could not re-check the tokens of open Socket.IO connections after a resync");
        }
    }

    @Override
    public void onLiveState(LiveState state) {
        feedStatus = state.status();
    }

    private void deliver(ChangeEvent event) {
        switch (event.entity()) {
            case BATCH -> {
                if (event.status() == null) {
                    return;
                }
                versions.announced(event.id(), event.version());
                Map<String, Object> batch = Payloads.batch(event);
                toRooms(Payloads.DELIVERY_BATCH_UPDATED, batch, room(Room.Kind.OUTLET, event.outletId()));
                toRooms(Payloads.MY_BATCH_UPDATED, batch, room(Room.Kind.RIDER, event.riderId()),
                        room(Room.Kind.RIDER, event.previousRiderId()));
                toRooms(Payloads.TRACKING_UPDATED, Payloads.tracking(event.status(), event.updatedAt()),
                        room(Room.Kind.BATCH, event.id()));
            }
            case LOCATION -> {
                if (event.lat() != null && event.lon() != null) {
                    toRooms(Payloads.RIDER_LOCATION_UPDATED, Payloads.location(event),
                            room(Room.Kind.OUTLET, event.outletId()));
                }
            }
            // A rider's limits or availability, a batch's order lines: no room event; the HTTP API reads them.
            case RIDER, ORDER -> {
            }
            case TOKEN -> closeRevoked(event.id());
        }
    }

    /**
     * A revoked token hears nothing more: every connection made with it leaves its rooms and is closed (the
     * client sees a server disconnect; reconnecting with the token is refused as unknown or revoked).
     */
    private void closeRevoked(UUID tokenId) {
        for (ClientSession session : List.copyOf(sessions.values())) {
            if (tokenId.equals(session.tokenId()) && sessions.remove(session.client().getSessionId(), session)) {
                leaveRooms(session.client());
                log.info("Closed Socket.IO client {}: its token was revoked", session.client().getSessionId());
                session.client().disconnect();
            }
        }
    }

    /** Sends once to every accepted client in any of the rooms (a system client may be in several). */
    private void toRooms(String event, Object payload, Room... rooms) {
        Set<UUID> reached = new HashSet<>();
        for (Room room : rooms) {
            if (room == null) {
                continue;
            }
            for (SocketIOClient client : namespace.getRoomOperations(room.name()).getClients()) {
                ClientSession session = sessions.get(client.getSessionId());
                if (session != null && reached.add(client.getSessionId())) {
                    session.send(event, payload);
                }
            }
        }
    }

    private static Room room(Room.Kind kind, UUID id) {
        return id == null ? null : new Room(kind, id);
    }

    /** Every send runs here; a full queue loses those changes, so every client is owed a resync instead. */
    private void onFanOutThread(Runnable work) {
        try {
            fanOut.execute(() -> {
                if (overflowed.getAndSet(false)) {
                    log.warn("The Socket.IO fan-out fell {} changes behind; every client is told to resync",
                            FAN_OUT_QUEUE);
                    sessions.values().forEach(ClientSession::owesResync);
                }
                work.run();
            });
        } catch (RejectedExecutionException full) {
            if (!closed) {
                overflowed.set(true);
            }
        }
    }

    // ---- connecting ----------------------------------------------------------------------------------------------

    /**
     * Called by netty-socketio for a CONNECT that carries auth data, on its own thread, before it answers the
     * client; a refusal goes back to the client as CONNECT_ERROR with the data returned here.
     */
    private AuthTokenResult authenticate(Object auth, SocketIOClient client) {
        String token = auth instanceof Map<?, ?> map && map.get("token") instanceof String text ? text : null;
        if (!ApiTokenSecret.wellFormed(token)) {
            return refuse(client, ErrorCode.UNAUTHENTICATED, "Connect with auth: {token} and a valid API token.");
        }
        if (feedStatus == LiveState.Status.OFFLINE) {
            return refuse(client, ErrorCode.DATABASE_UNAVAILABLE,
                    "The gateway cannot reach the database; try again in a moment.");
        }
        Optional<ApiPrincipal> scope;
        try {
            scope = checks.submit(() -> principalOf(token)).get(settings.authWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException | TimeoutException busy) {
            return refuse(client, ErrorCode.DATABASE_UNAVAILABLE,
                    "The gateway could not check the token in time; try again in a moment.");
        } catch (ExecutionException e) {
            return e.getCause() instanceof DispatchException refusal
                    ? refuse(client, refusal.code(), Payloads.sentence(refusal))
                    : refuse(client, ErrorCode.UNEXPECTED, "The gateway could not check the token.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refuse(client, ErrorCode.UNEXPECTED, "The gateway is stopping.");
        }
        if (scope.isEmpty()) {
            return refuse(client, ErrorCode.UNAUTHENTICATED, "The token is unknown or revoked.");
        }
        accept(client, scope.get());
        return AuthTokenResult.AuthTokenResultSuccess;
    }

    /** The one call into token checking. */
    private Optional<ApiPrincipal> principalOf(String token) {
        return tokens.authenticate(token);
    }

    /** Where the state goes when the token check does not run on a netty event loop (see sendOwedState). */
    private static final java.time.Duration STATE_AFTER_CONNECT = java.time.Duration.ofMillis(150);

    private void accept(SocketIOClient client, ApiPrincipal principal) {
        ApiTokenScope scope = principal.scope();
        principals.put(principal.tokenId(), principal);
        ClientSession session = new ClientSession(client, scope, principal.tokenId(), settings.maxQueued());
        ClientSession previous = sessions.put(client.getSessionId(), session);
        if (previous != null) {
            leaveRooms(client);
        }
        log.debug("Socket.IO client {} connected as {}", client.getSessionId(), scope.describe());
        session.ownRoom().ifPresent(room -> {
            client.joinRoom(room.name());
            sendOwedState(session, room);
        });
    }

    /**
     * The client's room state, sent after its CONNECT is acknowledged. The token check runs inside netty-socketio's
     * handling of the CONNECT, on the channel's event loop, and the acknowledgement is written by the same handler
     * right after it returns: a task queued on that loop now runs after the acknowledgement is written, so the state
     * can never overtake it (a state sent from here directly could, and was then lost by the client). Changes
     * committed meanwhile reach the room anyway: the client joined it first.
     */
    private void sendOwedState(ClientSession session, Room room) {
        java.util.concurrent.Executor loop = io.netty.util.internal.ThreadExecutorMap.currentExecutor();
        try {
            if (loop != null) {
                loop.execute(() -> sendState(session, room, null));
            } else {
                // Not on an event loop (netty-socketio configured otherwise): a moment later instead.
                timer.schedule(() -> sendState(session, room, null), STATE_AFTER_CONNECT.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException stopping) {
            session.client().disconnect();
        }
    }

    private AuthTokenResult refuse(SocketIOClient client, ErrorCode code, String sentence) {
        if (sessions.remove(client.getSessionId()) != null) {
            leaveRooms(client);
        }
        log.info("Refused a Socket.IO connection from {}: {}", client.getRemoteAddress(), code);
        return new AuthTokenResult(false, Payloads.connectError(code, sentence));
    }

    private static void leaveRooms(SocketIOClient client) {
        for (String room : Set.copyOf(client.getAllRooms())) {
            if (!room.isEmpty()) {
                client.leaveRoom(room);
            }
        }
    }

    /**
     * netty-socketio calls this when the transport opens, before the client's CONNECT (and a CONNECT without auth
     * data skips the token check): whoever has not presented a valid token by the deadline is disconnected.
     */
    private void opened(SocketIOClient client) {
        try {
            timer.schedule(() -> {
                if (!sessions.containsKey(client.getSessionId())) {
                    client.disconnect();
                }
            }, settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            client.disconnect();
        }
    }

    // ---- rooms a system client chooses ---------------------------------------------------------------------------

    private void subscribe(SocketIOClient client, Object name, AckRequest ack) {
        ClientSession session = sessions.get(client.getSessionId());
        if (session == null) {
            answer(ack, Payloads.refused(ErrorCode.UNAUTHENTICATED, "Connect with a valid API token first."));
            return;
        }
        Optional<Room> room = Room.parse(name);
        if (room.isEmpty()) {
            answer(ack, Payloads.refused(ErrorCode.INVALID_ARGUMENT,
                    "A room is rider:<riderId>, outlet:<outletId> or batch:<batchId>."));
            return;
        }
        ApiTokenScope scope = session.scope();
        if (scope.kind() != ApiTokenScope.Kind.SYSTEM) {
            answer(ack, session.ownRoom().equals(room) ? Payloads.ok()
                    : Payloads.refused(ErrorCode.OUT_OF_SCOPE, "A token of " + scope.describe() + " follows only "
                    + session.ownRoom().map(Room::name).orElse("its own room") + "; " + room.get() + " is out of its scope."));
            return;
        }
        Set<String> joined = client.getAllRooms();
        if (joined.contains(room.get().name())) {
            answer(ack, Payloads.ok());
            return;
        }
        if (joined.size() > settings.maxRoomsPerClient()) {
            answer(ack, Payloads.refused(ErrorCode.TOO_LARGE, "A client follows at most "
                    + settings.maxRoomsPerClient() + " rooms; nothing was joined."));
            return;
        }
        client.joinRoom(room.get().name());
        sendState(session, room.get(), ack);
    }

    private static void answer(AckRequest ack, Map<String, Object> payload) {
        if (ack.isAckRequested()) {
            ack.sendAckData(payload);
        }
    }

    // ---- the state a client starts from --------------------------------------------------------------------------

    /**
     * Reads the room's state off netty's threads and sends it through the fan-out thread: a rider its active batches
     * (my_batch_updated), a tracking page its batch (tracking_updated), an outlet a resync hint and its batches not
     * yet finished (delivery_batch_updated, newest first, up to the limit). The client is in the room already, so a
     * change committed meanwhile is sent too, and a row read before a change already sent is not sent after it.
     * A subscribe is answered once the room is known to exist.
     */
    private void sendState(ClientSession session, Room room, AckRequest ack) {
        SocketIOClient client = session.client();
        try {
            reads.execute(() -> {
                List<BatchRow> rows;
                try {
                    rows = read(room);
                } catch (DispatchException e) {
                    if (ack != null) {
                        client.leaveRoom(room.name());
                        answer(ack, Payloads.refused(e));
                    } else {
                        log.debug("Could not read the state of {} for a new client: {}", room, e.code());
                        onFanOutThread(session::owesResync);
                    }
                    return;
                }
                if (ack != null) {
                    answer(ack, Payloads.ok());
                }
                onFanOutThread(() -> sendRows(session, room, rows));
            });
        } catch (RejectedExecutionException busy) {
            if (ack != null) {
                client.leaveRoom(room.name());
                answer(ack, Payloads.refused(ErrorCode.DATABASE_UNAVAILABLE,
                        "The gateway is busy reading; subscribe again in a moment."));
            } else {
                onFanOutThread(session::owesResync);
            }
        }
    }

    private List<BatchRow> read(Room room) {
        return switch (room.kind()) {
            case BATCH -> List.of(queries.batch(room.id()));
            case RIDER -> {
                if (queries.riders(List.of(room.id())).isEmpty()) {
                    throw new DispatchException(ErrorCode.RIDER_NOT_FOUND, "Rider " + ShortId.of(room.id())
                            + " does not exist.");
                }
                yield batchesOf(room);
            }
            case OUTLET -> {
                if (queries.outlets().stream().noneMatch(o -> o.id().equals(room.id()))) {
                    throw new DispatchException(ErrorCode.OUTLET_NOT_FOUND, "Outlet " + ShortId.of(room.id())
                            + " does not exist.");
                }
                yield batchesOf(room);
            }
        };
    }

    /** A rider's active batches, or an outlet's batches in flight up to the limit, newest first. */
    private List<BatchRow> batchesOf(Room room) {
        return room.kind() == Room.Kind.RIDER ? queries.riderBatches(room.id(), BatchStatus.ACTIVE)
                : queries.outletBatches(room.id(), IN_FLIGHT, settings.outletBatchLimit());
    }

    /** On the fan-out thread. */
    private void sendRows(ClientSession session, Room room, List<BatchRow> rows) {
        if (sessions.get(session.client().getSessionId()) != session) {
            return;
        }
        if (room.kind() == Room.Kind.OUTLET) {
            session.resync(Instant.now());
        }
        for (BatchRow row : rows) {
            if (!versions.current(row.id(), row.version())) {
                continue;
            }
            switch (room.kind()) {
                case RIDER -> session.send(Payloads.MY_BATCH_UPDATED, Payloads.batch(row));
                case OUTLET -> session.send(Payloads.DELIVERY_BATCH_UPDATED, Payloads.batch(row));
                case BATCH -> session.send(Payloads.TRACKING_UPDATED,
                        Payloads.tracking(row.status().name(), row.updatedAt()));
            }
        }
    }

    // ---- plumbing ------------------------------------------------------------------------------------------------

    private static Configuration configuration(SocketSettings settings) {
        Configuration config = new Configuration();
        if (settings.host() != null) {
            config.setHostname(settings.host());
        }
        config.setPort(settings.port());
        // Acks are sent by the handlers, some after a read; AUTO would send an empty one first.
        config.setAckMode(AckMode.MANUAL);
        // Never take a session id from the client's "io" cookie or header.
        config.setRandomSession(true);
        // Clients send nothing bigger than a room name.
        config.setMaxFramePayloadLength(16 * 1024);
        config.setMaxHttpContentLength(16 * 1024);
        config.setExceptionListener(new QuietExceptions());
        config.setJsonSupport(new NullsKept());
        SocketConfig socket = new SocketConfig();
        socket.setReuseAddress(true);
        socket.setWriteBufferWaterMarkLow(32 * 1024);
        socket.setWriteBufferWaterMarkHigh(64 * 1024);
        config.setSocketConfig(socket);
        return config;
    }

    private static ThreadPoolExecutor bounded(String name, int threads, int queue) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue),
                daemon(name), new ThreadPoolExecutor.AbortPolicy());
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Stops accepting clients, closes every connection and the executors. Safe to call twice. The feed it listens
     * to is the composition's to close.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (started) {
            server.stop();
        }
        timer.shutdownNow();
        checks.shutdownNow();
        reads.shutdownNow();
        fanOut.shutdownNow();
        sessions.clear();
    }

    /** A Socket.IO server that remembers its listening channel, so a port of 0 can be told. */
    private static final class BoundServer extends SocketIOServer {

        private volatile Channel channel;

        BoundServer(Configuration configuration) {
            super(configuration);
        }

        @Override
        protected void applyConnectionOptions(ServerBootstrap bootstrap) {
            super.applyConnectionOptions(bootstrap);
            bootstrap.handler(new ChannelInboundHandlerAdapter() {
                @Override
                public void handlerAdded(ChannelHandlerContext ctx) {
                    channel = ctx.channel();
                }
            });
        }

        int port() {
            Channel bound = channel;
            if (bound == null || !(bound.localAddress() instanceof InetSocketAddress address)) {
                throw new IllegalStateException("the Socket.IO rooms are not started");
            }
            return address.getPort();
        }
    }

    /**
     * netty-socketio leaves null values out of what it sends; a payload's keys are its contract, so a map's null
     * entries are written ({@code "riderId": null}). Its own packets (beans) still leave nulls out.
     */
    private static final class NullsKept extends JacksonJsonSupport {

        @Override
        protected void init(ObjectMapper mapper) {
            super.init(mapper);
            mapper.setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.ALWAYS));
        }
    }

    /** One line per failure, without the packet (it may carry a token) or a stack trace. */
    private static final class QuietExceptions implements ExceptionListener {

        @Override
        public void onEventException(Exception e, List<Object> args, SocketIOClient client) {
            log.warn("A Socket.IO event of client {} failed ({})", client.getSessionId(), e.getClass().getSimpleName());
        }

        @Override
        public void onDisconnectException(Exception e, SocketIOClient client) {
            log.warn("Disconnecting Socket.IO client {} failed ({})", client.getSessionId(), e.getClass().getSimpleName());
        }

        @Override
        public void onConnectException(Exception e, SocketIOClient client) {
            log.warn("Connecting Socket.IO client {} failed ({})", client.getSessionId(), e.getClass().getSimpleName());
        }

        @Override
        public void onPingException(Exception e, SocketIOClient client) {
            log.debug("A ping of Socket.IO client {} failed ({})", client.getSessionId(), e.getClass().getSimpleName());
        }

        @Override
        public void onPongException(Exception e, SocketIOClient client) {
            log.debug("A pong of Socket.IO client {} failed ({})", client.getSessionId(), e.getClass().getSimpleName());
        }

        @Override
        public boolean exceptionCaught(ChannelHandlerContext ctx, Throwable e) {
            log.debug("Closed a Socket.IO connection from {} ({})", ctx.channel().remoteAddress(),
                    e.getClass().getSimpleName());
            ctx.close();
            return true;
        }

        @Override
        public void onAuthException(Throwable e, SocketIOClient client) {
            log.warn("Checking the token of Socket.IO client {} failed ({})", client.getSessionId(),
                    e.getClass().getSimpleName());
        }
    }
}

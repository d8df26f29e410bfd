package com.dispatchconsole.gateway.socket;

import static com.dispatchconsole.gateway.socket.RoomClient.waitUntil;
import static com.dispatchconsole.testing.Fixtures.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.realtime.ChangeEvent;
import com.dispatchconsole.realtime.ChangeFeed;
import com.dispatchconsole.realtime.FeedSettings;
import com.dispatchconsole.realtime.LiveState;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.FreezingProxy;
import com.dispatchconsole.testing.SlowTest;
import com.dispatchconsole.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rooms when things go wrong around them: a client that stops reading while a flood of changes goes out, and a
 * database that hangs under the gateway's LISTEN connection and comes back.
 */
@SlowTest
class SocketRoomsFaultsTest {

    private DatabaseConfig config;
    private Database db;
    private DispatchServices services;
    private SocketRooms rooms;

    @BeforeEach
    void open() {
        config = TestDatabases.fresh();
        db = Database.open(config);
        services = new DispatchServices(db);
        rooms = new SocketRooms(services, new SocketSettings("127.0.0.1", 0, Duration.ofSeconds(5),
                Duration.ofSeconds(5), 512, 500, 1000)).start();
    }

    @AfterEach
    void close() {
        rooms.close();
        db.close();
    }

    @Test
    void aClientThatStopsReadingMissesEventsInsteadOfGrowingTheGatewaysMemoryAndIsToldToResync() throws Exception {
        Fixtures given = new Fixtures(services);
        RiderRow ana = given.rider("Ana", 10, "20", 3);
        String riderToken = services.tokens().issue(ApiTokenScope.rider(ana.id()), ACTOR).token();
        int flood = 40_000;
        UUID marker = UUID.randomUUID();
        // Two devices of one rider (a rider has no active batch here, so neither is sent any state on connect).
        try (RawClient stalled = RawClient.connect(rooms.port(), riderToken);
             RoomClient reading = RoomClient.connected(rooms.port(), riderToken)) {
            waitUntil(() -> rooms.clientsIn("rider:" + ana.id()) == 2, "both clients in the room");

            // What the feed hands over, 100 at a time, when a flood of changes is committed: far more than the
            // stalled client's socket and the gateway's bounds hold.
            for (int i = 0; i < flood; i += 100) {
                List<ChangeEvent> burst = new ArrayList<>();
                for (int j = 0; j < 100; j++) {
                    burst.add(batchOf(UUID.randomUUID(), ana.id(), given.outletId()));
                }
                rooms.onChanges(burst);
            }
            waitUntil(() -> rooms.eventsDropped() > flood / 2, "the stalled client's events are dropped");

            // The client that reads (a Java client takes a few thousand events a second, so it may fall behind too)
            // hears live changes again once it has caught up, while the stalled one still reads nothing.
            waitUntil(() -> {
                rooms.onChanges(List.of(batchOf(marker, ana.id(), given.outletId())));
                return reading.received(Payloads.MY_BATCH_UPDATED).stream()
                        .anyMatch(r -> marker.toString().equals(r.payload().get("batchId")));
            }, "the reading client hears a change sent after the flood");

            RawClient.Read read = stalled.readUntil("42[\"resync\"");
            assertThat(read.events(Payloads.MY_BATCH_UPDATED))
                    .as("what was waiting for the stalled client when it read again: what the sockets hold, not the flood")
                    .isLessThan(flood / 2);
            assertThat(read.events(Payloads.RESYNC)).as("and then it is told to read its state again").isEqualTo(1);
        }
    }

    @Test
    void clientsAreToldToResyncWhenTheDatabaseHungUnderTheFeedAndCameBack() throws Exception {
        String database = config.url().substring(config.url().lastIndexOf('/') + 1);
        Fixtures given = new Fixtures(services);
        RiderRow ana = given.rider("Ana", 10, "20", 3);
        BatchRow whileAway = given.batch(1, "1");
        BatchRow afterwards = given.batch(1, "1");
        try (FreezingProxy proxy = new FreezingProxy(TestDatabases.server().port());
             ChangeFeed feed = new ChangeFeed(FeedSettings.of("jdbc:postgresql://localhost:" + proxy.port() + "/"
                     + database, config.user(), config.password()).withTimings(Duration.ofMillis(500),
                     Duration.ofSeconds(1), Duration.ofSeconds(30)))) {
            feed.subscribe(rooms);
            feed.start();
            waitUntil(() -> feed.state().status() == LiveState.Status.LIVE, "the feed listens");
            try (RoomClient anaApp = RoomClient.connected(rooms.port(), services.tokens()
                    .issue(ApiTokenScope.rider(ana.id()), ACTOR).token())) {
                proxy.freeze();
                waitUntil(() -> feed.state().status() == LiveState.Status.RECONNECTING, "the feed notices");
                Instant away = Instant.now();
                services.assignments().assign(whileAway.id(), ana.id(), ACTOR);
                proxy.thaw();

                RoomClient.Received resync = anaApp.await(Payloads.RESYNC, p -> true);
                assertThat(Instant.parse((String) resync.payload().get("at"))).isAfterOrEqualTo(away);
                BatchRow assigned = services.assignments().assign(afterwards.id(), ana.id(), ACTOR);
                anaApp.await(Payloads.MY_BATCH_UPDATED, p -> assigned.id().toString().equals(p.get("batchId")));
                assertThat(anaApp.received()).extracting(RoomClient.Received::event)
                        .as("the change made while the feed was away is not announced: the resync stands for it")
                        .containsExactly(Payloads.RESYNC, Payloads.MY_BATCH_UPDATED);
            }
        }
    }

    private static ChangeEvent batchOf(UUID batchId, UUID riderId, UUID outletId) {
        return new ChangeEvent(ChangeEvent.Entity.BATCH, batchId, 'U', outletId, riderId, null, null, "ASSIGNED", 2,
                Instant.parse("2025-05-01T10:41:59.123456Z"), null, null, null, null, System.nanoTime());
    }

    /**
     * A Socket.IO 4 client over a bare WebSocket that reads only when told to: a rider app in a tunnel, or a program
     * that stopped reading its socket. Its receive buffer is small, so what it does not read stays on the server.
     */
    private static final class RawClient implements AutoCloseable {

        record Read(List<String> frames) {
            long events(String name) {
                return frames.stream().filter(f -> f.startsWith("42[\"" + name + "\"")).count();
            }
        }

        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;

        private RawClient(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        static RawClient connect(int port, String token) throws IOException {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(15_000);
            RawClient client = new RawClient(socket);
            client.out.write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            client.out.flush();
            String response = client.headers();
            assertThat(response).startsWith("HTTP/1.1 101");
            assertThat(client.frame()).startsWith("0{");
            client.send("40{\"token\":\"" + token + "\"}");
            assertThat(client.frame()).startsWith("40{");
            return client;
        }

        /** Reads every frame until one starts with the text (and that one). */
        Read readUntil(String prefix) throws IOException {
            List<String> frames = new ArrayList<>();
            while (true) {
                String frame;
                try {
                    frame = frame();
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("no frame starting with " + prefix + " after " + frames.size() + " frames");
                }
                frames.add(frame);
                if (frame.startsWith(prefix)) {
                    return new Read(frames);
                }
            }
        }

        private String headers() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (!bytes.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                bytes.write(in.readUnsignedByte());
            }
            return bytes.toString(StandardCharsets.US_ASCII);
        }

        private String frame() throws IOException {
            in.readUnsignedByte(); // FIN and opcode: the server sends text frames whole
            int length = in.readUnsignedByte() & 0x7f;
            long size = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
            byte[] payload = new byte[(int) size];
            in.readFully(payload);
            return new String(payload, StandardCharsets.UTF_8);
        }

        private void send(String text) throws IOException {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            byte[] mask = {1, 2, 3, 4};
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x81);
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            } else {
                frame.write(0x80 | 126);
                frame.write(payload.length >> 8);
                frame.write(payload.length & 0xff);
            }
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
            out.write(frame.toByteArray());
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

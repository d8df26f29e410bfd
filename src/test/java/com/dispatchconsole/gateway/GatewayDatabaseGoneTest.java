package com.dispatchconsole.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.domain.ApiTokenSecret;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.gateway.GatewayHarness.Answer;
import com.dispatchconsole.gateway.socket.RoomClient;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.realtime.LiveState;
import com.dispatchconsole.testing.FreezingProxy;
import com.dispatchconsole.testing.SlowTest;
import com.dispatchconsole.testing.TestDatabases;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A gateway whose database hangs (a frozen network) and then goes away altogether (every connection cut, nobody at
 * the port), under running HTTP clients and Socket.IO rooms: each request is answered 503 with one plain line that
 * names neither the database's address nor any exception, a new room client is refused the same way, and when the
 * database is back the API answers again and every connected client is told to resync. The log keeps no token.
 */
@SlowTest
class GatewayDatabaseGoneTest {

    private static final String AWAY = "the database is away";

    @Test
    void whileTheDatabaseHangsOrIsGoneTheApiAnswers503InOneLineAndComesBackWithIt() throws Exception {
        int serverPort = TestDatabases.server().port();
        try (ProductionLogs logs = new ProductionLogs();
             FreezingProxy proxy = new FreezingProxy(serverPort);
             GatewayHarness gw = new GatewayHarness(0, 1, c -> DatabaseConfig.of(
                     c.url().replace(":" + serverPort + "/", ":" + proxy.port() + "/"), c.user(), c.password()))) {
            RiderRow ravi = gw.given.rider("Ravi", 10, "50", 2);
            BatchRow batch = gw.given.batch(1, "1");
            gw.ownerServices.assignments().assign(batch.id(), ravi.id(), "seed");
            List<String> secrets = new ArrayList<>();
            String system = remembered(gw, secrets, ApiTokenScope.system("automation"));
            String rider = remembered(gw, secrets, ApiTokenScope.rider(ravi.id()));
            assertThat(gw.get("/api/batches/" + batch.id(), system).status()).isEqualTo(200);

            try (RoomClient app = RoomClient.connected(gw.server.socketPort(), rider)) {
                app.await("my_batch_updated", p -> batch.id().toString().equals(p.get("batchId")));

                // The network to the database hangs.
                proxy.freeze();
                waitUntil(() -> gw.server.feed().state().status() != LiveState.Status.LIVE,
                        "the gateway notices");
                refusedWhileAway(gw, batch, system, remembered(gw, secrets, ApiTokenScope.rider(ravi.id())),
                        remembered(gw, secrets, ApiTokenScope.outlet(gw.given.outletId())));
                proxy.thaw();
                backAgain(gw, batch, system);
                waitUntil(() -> !app.received("resync").isEmpty(), "told to resync");

                // The database goes away: every connection is cut and nobody answers at its port.
                int resyncs = app.received("resync").size();
                int nobody;
                try (ServerSocket free = new ServerSocket(0)) {
                    nobody = free.getLocalPort();
                }
                proxy.retarget(nobody);
                waitUntil(() -> gw.server.feed().state().status() != LiveState.Status.LIVE,
                        "the gateway notices");
                refusedWhileAway(gw, batch, system, remembered(gw, secrets, ApiTokenScope.rider(ravi.id())),
                        remembered(gw, secrets, ApiTokenScope.outlet(gw.given.outletId())));
                try (RoomClient late = RoomClient.attempt(gw.server.socketPort(),
                        Map.of("token", remembered(gw, secrets, ApiTokenScope.rider(ravi.id()))))) {
                    String refusal = late.refusal().get("message").toString();
                    assertThat(refusal).startsWith("DATABASE_UNAVAILABLE").doesNotContain("jdbc:")
                            .doesNotContain(String.valueOf(proxy.port()));
                }
                proxy.retarget(serverPort);
                backAgain(gw, batch, system);
                waitUntil(() -> app.received("resync").size() > resyncs, "told to resync again");
                assertThat(app.isConnected()).as("the room client stayed connected throughout").isTrue();
            }

            for (String line : logs.lines()) {
                for (String secret : secrets) {
                    assertThat(line).as("no token or credential in the log").doesNotContain(secret);
                }
                assertThat(line).as("no incident: the database being away is no bug").doesNotContain("Unexpected failure");
            }
        }
    }

    /** A token for the scope, noted as a secret (with its credential) for the log check. */
    private static String remembered(GatewayHarness gw, List<String> secrets, ApiTokenScope scope) {
        String token = gw.token(scope);
        secrets.add(token);
        secrets.add(ApiTokenSecret.credential(token));
        return token;
    }

    /**
     * Reads and writes, by a token the gateway knows and by tokens it has never seen (so they must be looked up),
     * each answered 503 in one line without the database's address or an exception.
     */
    private static void refusedWhileAway(GatewayHarness gw, BatchRow batch, String known, String newRider,
                                         String newOutlet) {
        List<Answer> answers = List.of(
                gw.get("/api/batches/" + batch.id(), known),
                gw.post("/api/batches/" + batch.id() + "/pickup", newRider, "{}"),
                gw.get("/api/batches?outletId=" + gw.given.outletId(), newOutlet),
                gw.get("/api/health", null));
        for (Answer answer : answers) {
            assertThat(answer.status()).as(AWAY + ": " + answer.body()).isEqualTo(503);
            assertThat(answer.code()).isIn("DATABASE_UNAVAILABLE", "DATABASE_TIMEOUT");
            assertThat(answer.headers().firstValue("Retry-After")).contains("5");
            String message = answer.body().get("message").asText();
            assertThat(message).doesNotContain("\n").doesNotContain("jdbc:").doesNotContain("localhost")
                    .doesNotContainIgnoringCase("exception").doesNotContain("at com.").doesNotContain("at org.");
        }
    }

    /** A generous bound, not a timing: a request may wait out a hung connection's socket timeout first. */
    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(180);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("not within 180 s: " + what).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static void backAgain(GatewayHarness gw, BatchRow batch, String system) {
        waitUntil(() -> gw.get("/api/batches/" + batch.id(), system).status() == 200
                && gw.get("/api/health", null).status() == 200, "the API answers again");
    }
}

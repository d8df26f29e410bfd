package com.dispatchconsole.gateway.socket;

import static com.dispatchconsole.gateway.socket.RoomClient.waitUntil;
import static com.dispatchconsole.testing.Fixtures.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.domain.ApiTokenSecret;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.IssuedToken;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.gateway.socket.RoomClient.Received;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.realtime.ChangeFeed;
import com.dispatchconsole.realtime.FeedSettings;
import com.dispatchconsole.realtime.LiveState;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's Socket.IO rooms with real Socket.IO 4 clients, a real PostgreSQL and real commits through the
 * services: who hears of what, what each event carries, what a client starts from, who is refused, and that every
 * client is told to resync when the gateway's one LISTEN connection was lost.
 */
@DatabaseTest
class SocketRoomsTest {

    private static Database db;
    private static DispatchServices services;
    private static Sql sql;
    private static ChangeFeed feed;
    private static SocketRooms rooms;

    @BeforeAll
    static void start() {
        DatabaseConfig config = TestDatabases.fresh();
        db = Database.open(config);
        services = new DispatchServices(db);
        sql = new Sql(db.dataSource());
        rooms = new SocketRooms(services, new SocketSettings("127.0.0.1", 0, Duration.ofSeconds(5),
                Duration.ofSeconds(1), 512, 500, 1000)).start();
        feed = new ChangeFeed(FeedSettings.of(config.url(), config.user(), config.password()));
        feed.subscribe(rooms);
        feed.start();
        waitUntil(() -> feed.state().status() == LiveState.Status.LIVE, "the feed listens");
    }

    @AfterAll
    static void stop() {
        rooms.close();
        feed.close();
        db.close();
    }

    @Test
    void aRiderHearsOfItsOwnBatchesIncludingOneThatLeavesItAndOfNoOtherRiders() {
        Fixtures given = new Fixtures(services);
        RiderRow ana = given.rider("Ana", 10, "20", 3);
        RiderRow ben = given.rider("Ben", 10, "20", 3);
        BatchRow forAna = given.batch(1, "1");
        BatchRow forBen = given.batch(1, "1");
        BatchRow movesOn = given.batch(1, "1");
        try (RoomClient anaApp = RoomClient.connected(rooms.port(), token(ApiTokenScope.rider(ana.id())));
             RoomClient benApp = RoomClient.connected(rooms.port(), token(ApiTokenScope.rider(ben.id())))) {
            BatchRow assigned = services.assignments().assign(forAna.id(), ana.id(), ACTOR);
            BatchRow bens = services.assignments().assign(forBen.id(), ben.id(), ACTOR);
            services.assignments().assign(movesOn.id(), ana.id(), ACTOR);
            BatchRow movedToBen = services.assignments().reassign(movesOn.id(), ben.id(), ACTOR, "closer");

            assertThat(anaApp.await(Payloads.MY_BATCH_UPDATED, about(assigned)).payload()).isEqualTo(batchPayload(assigned));
            assertThat(benApp.await(Payloads.MY_BATCH_UPDATED, about(bens)).payload()).isEqualTo(batchPayload(bens));
            // The batch that left Ana: she hears it is Ben's now, and so does he.
            Map<String, Object> left = batchPayload(movedToBen);
            assertThat(left).containsEntry("riderId", ben.id().toString());
            assertThat(anaApp.await(Payloads.MY_BATCH_UPDATED, about(movedToBen, "ASSIGNED", ben)).payload()).isEqualTo(left);
            assertThat(benApp.await(Payloads.MY_BATCH_UPDATED, about(movedToBen, "ASSIGNED", ben)).payload()).isEqualTo(left);

            // Everything Ana received up to the last change, in commit order: never a word of Ben's batch; and Ben
            // heard nothing of Ana's own batch.
            assertThat(anaApp.before(Payloads.MY_BATCH_UPDATED, about(movedToBen, "ASSIGNED", ben)))
                    .noneMatch(r -> forBen.id().toString().equals(r.payload().get("batchId")))
                    .allMatch(r -> r.event().equals(Payloads.MY_BATCH_UPDATED));
            assertThat(benApp.received()).noneMatch(r -> forAna.id().toString().equals(r.payload().get("batchId")));
        }
    }

    @Test
    void aRevokedTokensConnectionIsClosedAtOnceAndHearsNothingMore() {
        Fixtures given = new Fixtures(services);
        RiderRow gus = given.rider("Gus", 10, "20", 3);
        BatchRow first = given.batch(1, "1");
        BatchRow second = given.batch(1, "1");
        var issued = services.tokens().issue(ApiTokenScope.rider(gus.id()), "test-admin");
        try (RoomClient app = RoomClient.connected(rooms.port(), issued.token())) {
            services.assignments().assign(first.id(), gus.id(), ACTOR);
            app.await(Payloads.MY_BATCH_UPDATED, p -> first.id().toString().equals(p.get("batchId")));

            services.tokens().revoke(issued.row().id(), "test-admin");
            waitUntil(app::wasDisconnected, "the revoked token's connection is closed");
            services.assignments().assign(second.id(), gus.id(), ACTOR);
            // Another rider's app connected later hears its own change: the revoked one heard nothing of it.
            try (RoomClient witness = RoomClient.connected(rooms.port(), token(ApiTokenScope.rider(gus.id())))) {
                witness.await(Payloads.MY_BATCH_UPDATED, p -> second.id().toString().equals(p.get("batchId")));
            }
            assertThat(app.received(Payloads.MY_BATCH_UPDATED)).noneMatch(r ->
                    second.id().toString().equals(r.payload().get("batchId")));
        }
        Map<String, Object> refused = RoomClient.attempt(rooms.port(), Map.of("token", issued.token())).refusal();
        assertThat(String.valueOf(refused)).contains("UNAUTHENTICATED");
    }

    @Test
    void anOutletHearsOfItsBatchesAndItsRidersPositionsWithEveryField() {
        Fixtures given = new Fixtures(services);
        Fixtures elsewhere = new Fixtures(services);
        RiderRow cy = given.rider("Cy", 10, "20", 3);
        RiderRow farAway = elsewhere.rider("Dan", 10, "20", 3);
        Instant fix = Instant.parse("2025-05-01T10:41:59.123456Z");
        try (RoomClient outlet = RoomClient.connected(rooms.port(), token(ApiTokenScope.outlet(given.outletId())))) {
            outlet.await(Payloads.RESYNC, p -> true);
            BatchRow notOurs = elsewhere.batch(1, "1");
            services.fleet().reportPosition(farAway.id(), 10, 20, 3f, fix);
            BatchRow created = given.batch(2, "1.5");
            services.fleet().reportPosition(cy.id(), 52.520008, -13.404954, 4.5f, fix);

            assertThat(outlet.await(Payloads.DELIVERY_BATCH_UPDATED, about(created)).payload())
                    .isEqualTo(batchPayload(created))
                    .containsEntry("riderId", null)
                    .containsEntry("status", "CREATED");
            Map<String, Object> position = new HashMap<>();
            position.put("riderId", cy.id().toString());
            position.put("lat", 52.520008);
            position.put("lon", -13.404954);
            position.put("accuracyM", 4.5);
            position.put("fixAt", "2025-05-01T10:41:59.123456Z");
            position.put("outletId", given.outletId().toString());
            assertThat(outlet.await(Payloads.RIDER_LOCATION_UPDATED, p -> cy.id().toString().equals(p.get("riderId")))
                    .payload()).isEqualTo(position);

            assertThat(outlet.before(Payloads.RIDER_LOCATION_UPDATED, p -> cy.id().toString().equals(p.get("riderId"))))
                    .as("nothing of another outlet's batches or riders")
                    .noneMatch(r -> notOurs.id().toString().equals(r.payload().get("batchId")))
                    .noneMatch(r -> farAway.id().toString().equals(r.payload().get("riderId")))
                    .noneMatch(r -> elsewhere.outletId().toString().equals(r.payload().get("outletId")));
        }
    }

    @Test
    void aTrackingPageHearsStatusAndTimeOfItsBatchOnly() {
        Fixtures given = new Fixtures(services);
        RiderRow eve = given.rider("Eve", 10, "20", 3);
        BatchRow tracked = given.batch(1, "1");
        BatchRow other = given.batch(1, "1");
        try (RoomClient page = RoomClient.connected(rooms.port(), token(ApiTokenScope.tracking(tracked.id())))) {
            assertThat(page.await(Payloads.TRACKING_UPDATED, p -> true).payload())
                    .as("where the batch is as the page opens")
                    .isEqualTo(trackingPayload("CREATED", tracked.updatedAt()));
            services.assignments().assign(other.id(), eve.id(), ACTOR);
            BatchRow assigned = services.assignments().assign(tracked.id(), eve.id(), ACTOR);
            BatchRow picked = services.assignments().transition(tracked.id(), BatchStatus.PICKED, ACTOR, null);

            page.await(Payloads.TRACKING_UPDATED, p -> "PICKED".equals(p.get("status")));
            assertThat(page.received()).extracting(Received::event).containsOnly(Payloads.TRACKING_UPDATED);
            assertThat(page.received()).extracting(Received::payload).containsExactly(
                    trackingPayload("CREATED", tracked.updatedAt()),
                    trackingPayload("ASSIGNED", assigned.updatedAt()),
                    trackingPayload("PICKED", picked.updatedAt()));
        }
    }

    @Test
    void aBadOrRevokedTokenIsRefusedWithConnectErrorAndJoinsNoRoom() {
        Fixtures given = new Fixtures(services);
        RiderRow fay = given.rider("Fay", 10, "20", 3);
        BatchRow batch = given.batch(1, "1");
        IssuedToken revoked = services.tokens().issue(ApiTokenScope.rider(fay.id()), ACTOR);
        services.tokens().revoke(revoked.row().id(), ACTOR);
        int clientsBefore = rooms.clients();

        List<RoomClient> refused = new ArrayList<>();
        try {
            for (String bad : List.of(revoked.token(), ApiTokenSecret.generate(new SecureRandom()), "not a token")) {
                RoomClient client = RoomClient.attempt(rooms.port(), Map.of("token", bad));
                refused.add(client);
                Map<String, Object> error = client.refusal();
                assertThat((String) error.get("message")).startsWith("UNAUTHENTICATED: ");
                assertThat(error.get("data")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                        .containsEntry("code", "UNAUTHENTICATED").containsKey("message");
                assertThat(client.isConnected()).isFalse();
            }
            RoomClient withoutAuth = RoomClient.attempt(rooms.port(), null);
            refused.add(withoutAuth);
            waitUntil(withoutAuth::wasDisconnected, "a client without auth is disconnected");

            assertThat(rooms.clientsIn("rider:" + fay.id())).isZero();
            assertThat(rooms.clients()).isEqualTo(clientsBefore);
            try (RoomClient valid = RoomClient.connected(rooms.port(), token(ApiTokenScope.rider(fay.id())))) {
                BatchRow assigned = services.assignments().assign(batch.id(), fay.id(), ACTOR);
                assertThat(valid.await(Payloads.MY_BATCH_UPDATED, about(assigned)).payload())
                        .isEqualTo(batchPayload(assigned));
                assertThat(rooms.clientsIn("rider:" + fay.id())).isEqualTo(1);
            }
            assertThat(refused).allSatisfy(client -> assertThat(client.received()).isEmpty());
        } finally {
            refused.forEach(RoomClient::close);
        }
    }

    @Test
    void aSystemTokenFollowsTheRoomsItSubscribesTo() {
        Fixtures given = new Fixtures(services);
        RiderRow gus = given.rider("Gus", 10, "20", 3);
        BatchRow waiting = given.batch(1, "1");
        try (RoomClient billing = RoomClient.connected(rooms.port(), token(ApiTokenScope.system("billing")))) {
            assertThat(billing.subscribe("rider:" + gus.id())).isEqualTo(Map.of("ok", true));
            assertThat(billing.subscribe("outlet:" + given.outletId())).isEqualTo(Map.of("ok", true));
            assertThat(billing.await(Payloads.DELIVERY_BATCH_UPDATED, about(waiting)).payload())
                    .as("an outlet's state, as a connecting outlet gets it").isEqualTo(batchPayload(waiting));
            assertThat(rooms.clientsIn("rider:" + gus.id())).isEqualTo(1);

            BatchRow assigned = services.assignments().assign(waiting.id(), gus.id(), ACTOR);

            assertThat(billing.await(Payloads.MY_BATCH_UPDATED, about(assigned)).payload()).isEqualTo(batchPayload(assigned));
            assertThat(billing.await(Payloads.DELIVERY_BATCH_UPDATED, about(assigned)).payload()).isEqualTo(batchPayload(assigned));

            // A client in both riders' rooms hears of a batch moving between them once.
            RiderRow hugo = given.rider("Hugo", 10, "20", 3);
            assertThat(billing.subscribe("rider:" + hugo.id())).isEqualTo(Map.of("ok", true));
            BatchRow moved = services.assignments().reassign(waiting.id(), hugo.id(), ACTOR, "closer");
            BatchRow picked = services.assignments().transition(waiting.id(), BatchStatus.PICKED, ACTOR, null);
            assertThat(billing.before(Payloads.MY_BATCH_UPDATED, about(picked)))
                    .filteredOn(r -> r.event().equals(Payloads.MY_BATCH_UPDATED))
                    .extracting(Received::payload)
                    .containsExactly(batchPayload(assigned), batchPayload(moved));

            assertThat(billing.subscribe("rider:" + UUID.randomUUID()))
                    .containsEntry("ok", false).containsEntry("code", "RIDER_NOT_FOUND");
            assertThat(billing.subscribe("batch:" + UUID.randomUUID()))
                    .containsEntry("ok", false).containsEntry("code", "BATCH_NOT_FOUND");
            assertThat(billing.subscribe("pizza:" + UUID.randomUUID()))
                    .containsEntry("ok", false).containsEntry("code", "INVALID_ARGUMENT");
            assertThat(billing.subscribe(42)).containsEntry("ok", false).containsEntry("code", "INVALID_ARGUMENT");
        }
    }

    @Test
    void aRiderTokenCannotSubscribeToAnotherRoom() {
        Fixtures given = new Fixtures(services);
        RiderRow hal = given.rider("Hal", 10, "20", 3);
        RiderRow ivy = given.rider("Ivy", 10, "20", 3);
        BatchRow ivys = given.batch(1, "1");
        BatchRow hals = given.batch(1, "1");
        try (RoomClient halApp = RoomClient.connected(rooms.port(), token(ApiTokenScope.rider(hal.id())))) {
            Map<String, Object> answer = halApp.subscribe("rider:" + ivy.id());
            assertThat(answer).containsEntry("ok", false).containsEntry("code", "OUT_OF_SCOPE");
            assertThat((String) answer.get("message")).contains("rider:" + ivy.id()).contains("rider:" + hal.id());
            assertThat(halApp.subscribe("outlet:" + given.outletId())).containsEntry("code", "OUT_OF_SCOPE");
            assertThat(halApp.subscribe("rider:" + hal.id())).as("its own room").isEqualTo(Map.of("ok", true));
            assertThat(rooms.clientsIn("rider:" + ivy.id())).isZero();

            services.assignments().assign(ivys.id(), ivy.id(), ACTOR);
            BatchRow mine = services.assignments().assign(hals.id(), hal.id(), ACTOR);

            assertThat(halApp.before(Payloads.MY_BATCH_UPDATED, about(mine))).isEmpty();
        }
    }

    @Test
    void aConnectingClientStartsFromTheCurrentState() {
        Fixtures given = new Fixtures(services);
        RiderRow jo = given.rider("Jo", 10, "20", 3);
        RiderRow kim = given.rider("Kim", 10, "20", 3);
        BatchRow assigned = services.assignments().assign(given.batch(1, "1").id(), jo.id(), ACTOR);
        BatchRow out = given.outForDelivery(given.batch(1, "1"), jo);
        BatchRow cancelledBatch = given.batch(1, "1");
        services.assignments().assign(cancelledBatch.id(), jo.id(), ACTOR);
        BatchRow cancelled = services.assignments().transition(cancelledBatch.id(), BatchStatus.CANCELLED, ACTOR,
                "customer cancelled");
        BatchRow waiting = given.batch(1, "1");
        BatchRow kims = services.assignments().assign(given.batch(1, "1").id(), kim.id(), ACTOR);

        try (RoomClient joApp = RoomClient.connected(rooms.port(), token(ApiTokenScope.rider(jo.id())));
             RoomClient outlet = RoomClient.connected(rooms.port(), token(ApiTokenScope.outlet(given.outletId())));
             RoomClient page = RoomClient.connected(rooms.port(), token(ApiTokenScope.tracking(cancelled.id())))) {
            waitUntil(() -> joApp.received().size() >= 2 && outlet.received().size() >= 4
                    && !page.received().isEmpty(), "the current state");
            // A change after the state was sent marks its end: whatever came before it is the state.
            BatchRow sentinel = services.assignments().assign(waiting.id(), jo.id(), ACTOR);

            assertThat(joApp.before(Payloads.MY_BATCH_UPDATED, about(sentinel)))
                    .as("the rider's active batches, nothing else")
                    .extracting(Received::event, Received::payload)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(Payloads.MY_BATCH_UPDATED, batchPayload(assigned)),
                            org.assertj.core.groups.Tuple.tuple(Payloads.MY_BATCH_UPDATED, batchPayload(out)));
            List<Received> outletState = outlet.before(Payloads.DELIVERY_BATCH_UPDATED, about(sentinel));
            assertThat(outletState.get(0).event()).as("a resync hint first").isEqualTo(Payloads.RESYNC);
            assertThat(Instant.parse((String) outletState.get(0).payload().get("at"))).isNotNull();
            assertThat(outletState.subList(1, outletState.size()))
                    .as("then the outlet's batches not yet finished")
                    .extracting(Received::payload)
                    .containsExactlyInAnyOrder(batchPayload(assigned), batchPayload(out), batchPayload(waiting),
                            batchPayload(kims));
            assertThat(page.received()).extracting(Received::event, Received::payload).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(Payloads.TRACKING_UPDATED,
                            trackingPayload("CANCELLED", cancelled.updatedAt())));
        }
    }

    @Test
    void everyClientIsToldToResyncWhenTheFeedLostItsConnection() {
        Fixtures given = new Fixtures(services);
        RiderRow lea = given.rider("Lea", 10, "20", 3);
        BatchRow batch = given.batch(1, "1");
        try (RoomClient leaApp = RoomClient.connected(rooms.port(), token(ApiTokenScope.rider(lea.id())));
             RoomClient outlet = RoomClient.connected(rooms.port(), token(ApiTokenScope.outlet(given.outletId())));
             RoomClient billing = RoomClient.connected(rooms.port(), token(ApiTokenScope.system("billing")))) {
            outlet.await(Payloads.RESYNC, p -> true);
            Map<RoomClient, Integer> resyncsBefore = Map.of(leaApp, leaApp.received(Payloads.RESYNC).size(),
                    outlet, outlet.received(Payloads.RESYNC).size(), billing, billing.received(Payloads.RESYNC).size());
            long reconnects = feed.reconnects();
            Instant killedAt = Instant.now();

            sql.value("SELECT pg_terminate_backend(?)", feed.backendPid());

            waitUntil(() -> feed.reconnects() > reconnects, "the feed reconnects");
            resyncsBefore.forEach((client, before) -> {
                waitUntil(() -> client.received(Payloads.RESYNC).size() > before, "a resync");
                Instant at = Instant.parse((String) client.received(Payloads.RESYNC).get(before).payload().get("at"));
                assertThat(at).isAfterOrEqualTo(killedAt);
            });
            // And the rooms are live again on the new connection.
            BatchRow assigned = services.assignments().assign(batch.id(), lea.id(), ACTOR);
            assertThat(leaApp.await(Payloads.MY_BATCH_UPDATED, about(assigned)).payload()).isEqualTo(batchPayload(assigned));
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static String token(ApiTokenScope scope) {
        return services.tokens().issue(scope, ACTOR).token();
    }

    private static java.util.function.Predicate<Map<String, Object>> about(BatchRow row) {
        return about(row, row.status().name(), null);
    }

    /** The event of this batch in this status (with this rider, when given). */
    private static java.util.function.Predicate<Map<String, Object>> about(BatchRow row, String status, RiderRow rider) {
        return p -> row.id().toString().equals(p.get("batchId")) && status.equals(p.get("status"))
                && (rider == null || rider.id().toString().equals(p.get("riderId")));
    }

    /** {batchId, status, outletId, riderId, updatedAt} as the database has the row. */
    private static Map<String, Object> batchPayload(BatchRow row) {
        Map<String, Object> payload = new HashMap<>();
        payload.put("batchId", row.id().toString());
        payload.put("status", row.status().name());
        payload.put("outletId", row.outletId().toString());
        payload.put("riderId", row.riderId() == null ? null : row.riderId().toString());
        payload.put("updatedAt", row.updatedAt().toString());
        return payload;
    }

    private static Map<String, Object> trackingPayload(String status, Instant at) {
        return Map.of("status", status, "timestamp", at.toString());
    }
}

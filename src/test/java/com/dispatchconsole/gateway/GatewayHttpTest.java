package com.dispatchconsole.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.HistoryEntry;
import com.dispatchconsole.domain.rows.PodRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.gateway.GatewayHarness.Answer;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Logins;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP API over real HTTP on a real PostgreSQL, as outlet systems and rider apps use it: a batch from creation
 * to a PoD a supervisor can review, each token held to its scope, and every class of refusal answered with its
 * status and code while nothing changes.
 */
@DatabaseTest
class GatewayHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static GatewayHarness gw;
    private static String outletToken;
    private static String systemToken;

    @BeforeAll
    static void start() {
        gw = new GatewayHarness(0, 1);
        outletToken = gw.token(ApiTokenScope.outlet(gw.given.outletId()));
        systemToken = gw.token(ApiTokenScope.system("billing"));
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    private static String createBody(int orders) {
        StringBuilder sb = new StringBuilder("{\"orders\": [");
        for (int i = 0; i < orders; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"customerName\": \"Ana ").append(i)
                    .append("\", \"deliveryAddress\": \"").append(i + 1).append(" Rua Nova\", \"weightKg\": 1.5, ")
                    .append("\"lat\": 51.5, \"lon\": -0.12}");
        }
        return sb.append("]}").toString();
    }

    private static UUID createBatch(int orders) {
        Answer created = gw.post("/api/batches", outletToken, createBody(orders));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return UUID.fromString(created.body().get("batchId").asText());
    }

    @Test
    void aCustomerPhoneSentWithAnOrderReachesTheRiderAndTheDatabaseAndAnOverlongOneIsRefused() throws Exception {
        Answer created = gw.post("/api/batches", outletToken, "{\"orders\": [{\"customerName\": \"Ada\", "
                + "\"deliveryAddress\": \"1 Mill Lane\", \"weightKg\": 1, \"customerPhone\": \"+44 20 7946 0018\"}]}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(created.body().get("orders").get(0).get("customerPhone").asText()).isEqualTo("+44 20 7946 0018");
        String batch = created.body().get("batchId").asText();
        assertThat(gw.sql.value("SELECT o.customer_phone FROM orders o JOIN delivery_batch_orders bo "
                + "ON bo.order_id = o.id WHERE bo.batch_id = ?::uuid", batch)).isEqualTo("+44 20 7946 0018");
        long before = gw.sql.count("SELECT count(*) FROM delivery_batches");
        Answer tooLong = gw.post("/api/batches", outletToken, "{\"orders\": [{\"customerName\": \"Ada\", "
                + "\"deliveryAddress\": \"1 Mill Lane\", \"weightKg\": 1, \"customerPhone\": \"" + "1".repeat(41) + "\"}]}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().get("field").asText()).contains("customerPhone");
        assertThat(gw.sql.count("SELECT count(*) FROM delivery_batches")).as("refused means nothing changed").isEqualTo(before);
    }

    @Test
    void anOutletAndARiderRunABatchFromCreationToAReviewablePodThroughTheApiAlone() throws Exception {
        RiderRow rider = gw.given.rider("Ravi", 10, "50", 2);
        String riderToken = gw.token(ApiTokenScope.rider(rider.id()));

        Answer created = gw.post("/api/batches", outletToken, createBody(2));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("status").asText()).isEqualTo("CREATED");
        assertThat(created.body().get("version").asLong()).as("the orders came in with the batch: one change").isEqualTo(1);
        assertThat(created.body().get("orders")).hasSize(2);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> l.startsWith("/api/batches/"));
        String batch = created.body().get("batchId").asText();

        Answer listed = gw.get("/api/batches?status=CREATED", outletToken);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(ids(listed.body().get("batches"))).contains(batch);

        Answer assigned = gw.post("/api/batches/" + batch + "/assign", outletToken,
                "{\"riderId\": \"" + rider.id() + "\", \"reason\": \"nearest\", \"expectedVersion\": "
                        + created.body().get("version").asLong() + "}");
        assertThat(assigned.status()).as(assigned.body().toString()).isEqualTo(200);
        assertThat(assigned.body().get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(assigned.body().get("riderId").asText()).isEqualTo(rider.id().toString());

        Answer mine = gw.get("/api/riders/me/batches", riderToken);
        assertThat(ids(mine.body().get("batches"))).containsExactly(batch);
        JsonNode orders = mine.body().get("batches").get(0).get("orders");

        java.time.Instant now = java.time.Instant.now();
        Answer located = gw.post("/api/riders/me/location", riderToken,
                "{\"fixes\": [{\"lat\": 51.51, \"lon\": -0.11, \"accuracyM\": 4, \"fixAt\": \"" + now.minusSeconds(5)
                        + "\"}, {\"lat\": 51.50, \"lon\": -0.12, \"fixAt\": \"" + now.minusSeconds(15) + "\"}]}");
        assertThat(located.status()).as(located.body().toString()).isEqualTo(202);
        assertThat(located.body().get("accepted").asInt()).isEqualTo(2);
        Answer future = gw.post("/api/riders/me/location", riderToken,
                "{\"lat\": 1, \"lon\": 2, \"fixAt\": \"" + now.plusSeconds(3600) + "\"}");
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body().get("field").asText()).isEqualTo("fixAt");
        assertThat(gw.post("/api/batches/" + batch + "/pickup", riderToken, null).body().get("status").asText())
                .isEqualTo("PICKED");
        assertThat(gw.post("/api/batches/" + batch + "/out-for-delivery", riderToken, "{}").body()
                .get("status").asText()).isEqualTo("OUT_FOR_DELIVERY");

        Answer photo = uploadPhoto(riderToken, png());
        assertThat(photo.status()).as(photo.body().toString()).isEqualTo(201);
        assertThat(photo.body().get("contentType").asText()).isEqualTo("image/png");
        String reference = photo.body().get("reference").asText();
        assertThat(reference).startsWith("photo:");

        for (JsonNode order : orders) {
            // The device's times: real ones, since a time in the future is a broken clock and refused.
            String pod = "{\"deliveryType\": \"HANDED_TO_RECIPIENT\", \"recipientName\": \"Ana\", "
                    + "\"photos\": [{\"url\": \"" + reference + "\", \"takenAt\": \"" + now.minusSeconds(40) + "\"}], "
                    + "\"coordinates\": {\"lat\": 51.5, \"lon\": -0.12, \"accuracyM\": 5}, "
                    + "\"deliveredAt\": \"" + now.minusSeconds(30) + "\"}";
            Answer outcome = gw.post("/api/batches/" + batch + "/orders/" + order.get("orderId").asText()
                    + "/outcome", riderToken, "{\"outcome\": \"DELIVERED\", \"pod\": " + pod + "}");
            assertThat(outcome.status()).as(outcome.body().toString()).isEqualTo(200);
        }
        Answer done = gw.post("/api/batches/" + batch + "/complete", riderToken, "{}");
        assertThat(done.body().get("status").asText()).isEqualTo("COMPLETED");

        // What the control room sees: the PoDs in the supervisor's review queue, the history naming the tokens.
        try (Database supervisor = Database.open(Logins.create(gw.owner, "dispatch_supervisor"))) {
            List<PodRow> queue = new DispatchServices(supervisor).pods().awaitingReview();
            assertThat(queue).filteredOn(p -> p.batchId().toString().equals(batch)).hasSize(2)
                    .allSatisfy(p -> assertThat(p.document()).contains(reference));
        }
        List<HistoryEntry> history = gw.ownerServices.queries().history(UUID.fromString(batch));
        assertThat(history).extracting(HistoryEntry::actor)
                .anySatisfy(a -> assertThat(a).startsWith("api outlet Outlet "))
                .anySatisfy(a -> assertThat(a).startsWith("api rider Ravi (token dct_"));
        RiderRow after = gw.ownerServices.queries().riders(List.of(rider.id())).get(0);
        assertThat(after.position()).isNotNull();
        assertThat(after.position().lat()).isEqualTo(51.51);
    }

    @Test
    void aRiderCannotTouchAnotherRidersBatchAndATrackingTokenOnlyReadsItsOwn() {
        RiderRow ravi = gw.given.rider("Ravi B", 10, "50", 2);
        RiderRow mia = gw.given.rider("Mia", 10, "50", 2);
        String miaToken = gw.token(ApiTokenScope.rider(mia.id()));
        UUID batch = createBatch(1);
        gw.ownerServices.assignments().assign(batch, ravi.id(), "seed");
        String tracking = gw.token(ApiTokenScope.tracking(batch));
        UUID other = createBatch(1);
        String before = gw.sql.fingerprint();

        Answer pickup = gw.post("/api/batches/" + batch + "/pickup", miaToken, "{}");
        assertThat(pickup.status()).isEqualTo(403);
        assertThat(pickup.code()).isEqualTo("OUT_OF_SCOPE");
        assertThat(gw.get("/api/batches/" + batch, miaToken).status()).isEqualTo(403);
        assertThat(gw.post("/api/batches", miaToken, createBody(1)).code()).isEqualTo("OUT_OF_SCOPE");
        assertThat(gw.post("/api/riders/" + ravi.id() + "/location", miaToken, "{\"lat\": 1, \"lon\": 2}").code())
                .isEqualTo("OUT_OF_SCOPE");
        assertThat(gw.post("/api/batches/" + batch + "/cancel", tracking, "{\"reason\": \"x\"}").code())
                .isEqualTo("OUT_OF_SCOPE");
        assertThat(gw.get("/api/batches/" + other, tracking).code()).isEqualTo("OUT_OF_SCOPE");
        assertThat(gw.sql.fingerprint()).isEqualTo(before);

        // The tracking page sees its batch's status and time, not the customers in it.
        Answer tracked = gw.get("/api/batches/" + batch, tracking);
        assertThat(tracked.status()).isEqualTo(200);
        assertThat(tracked.body().get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(tracked.body().has("timestamp")).isTrue();
        assertThat(tracked.body().has("orders")).isFalse();
        assertThat(tracked.body().toString()).doesNotContain("Ana");
    }

    @Test
    void anOutletSystemFindsItsRidersWithTheirRoomAndNobodyElses() {
        RiderRow rider = gw.given.rider("Priya", 4, "20", 1);
        UUID otherOutlet = gw.ownerServices.fleet().createOutlet("Riverside " + UUID.randomUUID(), "3 Quay");
        RiderRow elsewhere = gw.ownerServices.fleet().createRider("Otto", "+200",
                com.dispatchconsole.domain.VehicleType.BICYCLE, otherOutlet,
                new com.dispatchconsole.domain.RiderLimits(3, new java.math.BigDecimal("10"), 1));

        Answer riders = gw.get("/api/riders?availability=AVAILABLE", outletToken);
        assertThat(riders.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        riders.body().get("riders").forEach(r -> ids.add(r.get("riderId").asText()));
        assertThat(ids).contains(rider.id().toString()).doesNotContain(elsewhere.id().toString());
        JsonNode priya = null;
        for (JsonNode r : riders.body().get("riders")) {
            if (r.get("riderId").asText().equals(rider.id().toString())) {
                priya = r;
            }
        }
        assertThat(priya.get("limits").get("maxOrders").asInt()).isEqualTo(4);
        assertThat(priya.get("load").get("activeBatches").asInt()).isZero();
        assertThat(priya.has("phone")).isFalse();
        assertThat(priya.get("room").get("orders").asInt()).isEqualTo(4);
        assertThat(priya.get("room").get("batches").asInt()).isEqualTo(1);

        // A rider at their batch limit is not offered as having room.
        UUID batch = createBatch(1);
        gw.ownerServices.assignments().assign(batch, rider.id(), "seed");
        List<String> withRoom = new ArrayList<>();
        gw.get("/api/riders?hasRoom=true", outletToken).body().get("riders")
                .forEach(r -> withRoom.add(r.get("riderId").asText()));
        assertThat(withRoom).doesNotContain(rider.id().toString());

        Answer outlets = gw.get("/api/outlets", outletToken);
        assertThat(outlets.body().get("outlets")).hasSize(1);
        assertThat(outlets.body().get("outlets").get(0).get("outletId").asText())
                .isEqualTo(gw.given.outletId().toString());
        assertThat(gw.get("/api/outlets", systemToken).body().get("outlets").size()).isGreaterThan(1);
        assertThat(gw.get("/api/riders?outletId=" + otherOutlet, outletToken).code()).isEqualTo("OUT_OF_SCOPE");
        String riderToken = gw.token(ApiTokenScope.rider(rider.id()));
        assertThat(gw.get("/api/riders", riderToken).code()).isEqualTo("OUT_OF_SCOPE");
        assertThat(gw.get("/api/riders?availability=SLEEPING", outletToken).body().get("field").asText())
                .isEqualTo("availability");
    }

    @Test
    void anOutletTokenStaysInItsOutlet() {
        UUID otherOutlet = gw.ownerServices.fleet().createOutlet("Elsewhere " + UUID.randomUUID(), "2 Far Road");
        String otherToken = gw.token(ApiTokenScope.outlet(otherOutlet));
        UUID batch = createBatch(1);
        String before = gw.sql.fingerprint();
        assertThat(gw.post("/api/batches/" + batch + "/cancel", otherToken, "{\"reason\": \"mine now\"}").code())
                .isEqualTo("OUT_OF_SCOPE");
        assertThat(gw.get("/api/batches?outletId=" + gw.given.outletId(), otherToken).code()).isEqualTo("OUT_OF_SCOPE");
        assertThat(gw.post("/api/batches", otherToken, "{\"outletId\": \"" + gw.given.outletId() + "\", \"orders\": "
                + createBody(1).substring(createBody(1).indexOf('['))).code()).isEqualTo("OUT_OF_SCOPE");
        assertThat(gw.sql.fingerprint()).isEqualTo(before);
        // and a system token works across outlets, with the outlet named
        assertThat(gw.get("/api/batches?outletId=" + gw.given.outletId(), systemToken).status()).isEqualTo(200);
        Answer unnamed = gw.get("/api/batches", systemToken);
        assertThat(unnamed.status()).isEqualTo(400);
        assertThat(unnamed.body().get("field").asText()).isEqualTo("outletId");
    }

    @Test
    void everyClassOfRefusalHasItsStatusAndCodeAndChangesNothing() {
        RiderRow small = gw.given.rider("Small", 1, "50", 1);
        UUID batch = createBatch(2);
        String before = gw.sql.fingerprint();

        Answer malformed = gw.post("/api/batches/" + batch + "/assign", outletToken, "{\"riderId\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("INVALID_ARGUMENT");

        Answer unknownField = gw.post("/api/batches/" + batch + "/assign", outletToken,
                "{\"riderId\": \"" + small.id() + "\", \"rider\": 1}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.body().get("field").asText()).isEqualTo("rider");

        Answer badOrder = gw.post("/api/batches", outletToken,
                "{\"orders\": [{\"customerName\": \"A\", \"deliveryAddress\": \"B\", \"weightKg\": -1}]}");
        assertThat(badOrder.status()).isEqualTo(400);
        assertThat(badOrder.body().get("field").asText()).isEqualTo("orders[0].weightKg");

        Answer badId = gw.get("/api/batches/not-a-uuid", outletToken);
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.body().get("field").asText()).isEqualTo("batchId");

        assertThat(gw.get("/api/batches/" + batch, null).status()).isEqualTo(401);
        Answer wrong = gw.get("/api/batches/" + batch, "dct_" + "A".repeat(43));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("UNAUTHENTICATED");

        Answer missing = gw.get("/api/batches/" + UUID.randomUUID(), systemToken);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("BATCH_NOT_FOUND");
        Answer noRoute = gw.get("/api/nothing-here", systemToken);
        assertThat(noRoute.status()).isEqualTo(404);
        assertThat(noRoute.code()).isEqualTo("NOT_FOUND");

        Answer tooMany = gw.post("/api/batches/" + batch + "/assign", outletToken,
                "{\"riderId\": \"" + small.id() + "\"}");
        assertThat(tooMany.status()).isEqualTo(409);
        assertThat(tooMany.code()).isEqualTo("CAPACITY_EXCEEDED");

        Answer illegal = gw.post("/api/batches/" + batch + "/pickup", systemToken, "{}");
        assertThat(illegal.status()).isEqualTo(409);
        assertThat(illegal.code()).isIn("ILLEGAL_TRANSITION", "INVALID_BATCH_STATUS");

        String huge = "{\"orders\": [{\"customerName\": \"" + "x".repeat(300_000) + "\"}]}";
        Answer large = gw.post("/api/batches", outletToken, huge);
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.code()).isEqualTo("TOO_LARGE");

        Answer notAnImage = uploadPhoto(systemToken, "GIF89a not really".getBytes(StandardCharsets.US_ASCII));
        assertThat(notAnImage.status()).isEqualTo(400);
        assertThat(notAnImage.code()).isEqualTo("INVALID_PHOTO");

        assertThat(gw.sql.fingerprint()).isEqualTo(before);
    }

    @Test
    void aStaleVersionIsRefusedWithWhoChangedTheBatchAndWhen() {
        RiderRow a = gw.given.rider("Ann", 10, "50", 2);
        RiderRow b = gw.given.rider("Bob", 10, "50", 2);
        UUID batch = createBatch(1);
        long seen = gw.get("/api/batches/" + batch, outletToken).body().get("version").asLong();
        gw.ownerServices.assignments().assign(batch, a.id(), "Olga at the console");
        String before = gw.sql.fingerprint();

        Answer stale = gw.post("/api/batches/" + batch + "/reassign", outletToken,
                "{\"riderId\": \"" + b.id() + "\", \"reason\": \"closer\"}", "If-Match", "\"" + seen + "\"");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("ALREADY_CHANGED");
        assertThat(stale.body().get("message").asText()).contains("Olga at the console");
        assertThat(gw.sql.fingerprint()).isEqualTo(before);

        long current = gw.get("/api/batches/" + batch, outletToken).body().get("version").asLong();
        Answer fresh = gw.post("/api/batches/" + batch + "/reassign", outletToken,
                "{\"riderId\": \"" + b.id() + "\", \"reason\": \"closer\", \"expectedVersion\": " + current + "}");
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.headers().firstValue("ETag")).contains("\"" + fresh.body().get("version").asLong() + "\"");
        BatchRow row = gw.ownerServices.queries().batch(batch);
        assertThat(row.riderId()).isEqualTo(b.id());
        assertThat(row.status()).isEqualTo(BatchStatus.ASSIGNED);
    }

    @Test
    void theControlRoomTakesAnIdleRiderOffDutyAndOnAgainWithASystemTokenAndTheHistoryNamesIt() {
        RiderRow rider = gw.given.rider("Duty Rider", 10, "50", 2);
        String path = "/api/riders/" + rider.id();

        Answer off = gw.post(path + "/off-duty", systemToken, "{\"expectedVersion\": " + rider.version() + "}");
        assertThat(off.status()).as(off.body().toString()).isEqualTo(200);
        assertThat(off.body().get("riderId").asText()).isEqualTo(rider.id().toString());
        assertThat(off.body().get("availability").asText()).isEqualTo("OFF_DUTY");
        assertThat(availability(rider.id())).isEqualTo("OFF_DUTY");
        long offVersion = off.body().get("version").asLong();
        assertThat(offVersion).isGreaterThan(rider.version());

        // A rider's own app does not bring it back; the control room does (no body: the rider as it is now).
        String riderToken = gw.token(ApiTokenScope.rider(rider.id()));
        assertThat(gw.post("/api/riders/me/back", riderToken, "{}").code()).isEqualTo("RIDER_UNAVAILABLE");
        Answer on = gw.post(path + "/on-duty", systemToken, null);
        assertThat(on.status()).as(on.body().toString()).isEqualTo(200);
        assertThat(on.body().get("availability").asText()).isEqualTo("AVAILABLE");
        assertThat(on.body().get("version").asLong()).isGreaterThan(offVersion);
        assertThat(availability(rider.id())).isEqualTo("AVAILABLE");

        List<String> history = new ArrayList<>();
        gw.sql.value("SELECT string_agg(old_value #>> '{}' || '>' || (new_value #>> '{}') || '@' || actor, '\n' "
                + "ORDER BY id) FROM rider_history WHERE rider_id = ? AND change = 'AVAILABILITY'", rider.id())
                .toString().lines().forEach(history::add);
        assertThat(history).hasSize(2);
        assertThat(history.get(0)).startsWith("AVAILABLE>OFF_DUTY@api system billing (token dct_");
        assertThat(history.get(1)).startsWith("OFF_DUTY>AVAILABLE@api system billing (token dct_");

        // Acting on a version seen before the control room's last change: refused with who and when.
        String before = gw.sql.fingerprint();
        Answer stale = gw.post(path + "/off-duty", systemToken, "{\"expectedVersion\": " + offVersion + "}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.code()).isEqualTo("ALREADY_CHANGED");
        assertThat(stale.body().get("message").asText()).contains("api system billing");
        assertThat(gw.sql.fingerprint()).as("nothing changed").isEqualTo(before);
        assertThat(availability(rider.id())).isEqualTo("AVAILABLE");
    }

    @Test
    void offDutyIsRefusedWhileTheRiderCarriesABatchAndOnlyASystemTokenNamingARealRiderMaySayIt() {
        RiderRow rider = gw.given.rider("Busy Rider", 10, "50", 2);
        UUID batch = createBatch(1);
        gw.ownerServices.assignments().assign(batch, rider.id(), "seed");
        String riderToken = gw.token(ApiTokenScope.rider(rider.id()));
        String tracking = gw.token(ApiTokenScope.tracking(batch));
        String path = "/api/riders/" + rider.id();
        String before = gw.sql.fingerprint();

        Answer busy = gw.post(path + "/off-duty", systemToken, "{}");
        assertThat(busy.status()).as(busy.body().toString()).isEqualTo(409);
        assertThat(busy.code()).isEqualTo("RIDER_HAS_ACTIVE_BATCHES");
        assertThat(busy.body().get("message").asText()).contains(batch.toString().substring(0, 8));

        for (String change : List.of("/off-duty", "/on-duty")) {
            for (String token : List.of(riderToken, outletToken, tracking)) {
                for (String who : List.of(path, "/api/riders/me")) {
                    Answer refused = gw.post(who + change, token, "{}");
                    assertThat(refused.status()).as(who + change + ": " + refused.body()).isEqualTo(403);
                    assertThat(refused.code()).isEqualTo("OUT_OF_SCOPE");
                    assertThat(refused.body().get("message").asText()).contains("cannot take riders on or off duty");
                }
            }
            Answer me = gw.post("/api/riders/me" + change, systemToken, "{}");
            assertThat(me.status()).as("a system has no rider").isEqualTo(403);
            Answer unknown = gw.post("/api/riders/" + UUID.randomUUID() + change, systemToken, "{}");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.code()).isEqualTo("RIDER_NOT_FOUND");
        }
        assertThat(gw.sql.fingerprint()).as("nothing changed").isEqualTo(before);
        assertThat(availability(rider.id())).isEqualTo("AVAILABLE");
    }

    @Test
    void aPodWhoseDeviceTimesAreInTheFutureIsRefusedNamingTheFieldAndNothingIsSaved() {
        RiderRow rider = gw.given.rider("Clock Rider", 10, "50", 2);
        String riderToken = gw.token(ApiTokenScope.rider(rider.id()));
        BatchRow batch = gw.given.outForDelivery(gw.given.batch(1, "1"), rider);
        UUID order = gw.ownerServices.queries().orders(batch.id()).get(0).orderId();
        String path = "/api/batches/" + batch.id() + "/orders/" + order + "/outcome";
        java.time.Instant now = java.time.Instant.now();
        java.time.Instant ahead = now.plusSeconds(3600);
        String before = gw.sql.fingerprint();

        record Case(String pod, String field) {
        }
        for (Case c : List.of(
                new Case("{\"deliveredAt\": \"" + ahead + "\"}", "pod.deliveredAt"),
                new Case("{\"deliveredAt\": \"" + ahead.atOffset(java.time.ZoneOffset.ofHours(-5)) + "\"}",
                        "pod.deliveredAt"),
                new Case("{\"arrivedAt\": \"" + ahead + "\", \"deliveredAt\": \"" + now + "\"}", "pod.arrivedAt"),
                new Case("{\"capturedAt\": \"" + ahead + "\"}", "pod.capturedAt"),
                new Case("{\"photos\": [{\"url\": \"https://cdn.example.com/a.jpg\", \"takenAt\": \"" + now
                        + "\"}, {\"url\": \"https://cdn.example.com/b.jpg\", \"takenAt\": \"" + ahead + "\"}]}",
                        "pod.photos[1].takenAt"))) {
            Answer refused = gw.post(path, riderToken, "{\"outcome\": \"DELIVERED\", \"pod\": " + c.pod() + "}");
            assertThat(refused.status()).as(c.pod() + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("INVALID_POD");
            assertThat(refused.body().get("field").asText()).isEqualTo(c.field());
            assertThat(refused.body().get("message").asText()).contains(c.field()).contains("future");
        }
        assertThat(gw.sql.fingerprint()).as("nothing saved").isEqualTo(before);
        assertThat(gw.sql.count("SELECT count(*) FROM pod_versions v JOIN delivery_batch_orders bo "
                + "ON bo.id = v.batch_order_id WHERE bo.batch_id = ?", batch.id())).isZero();

        // A device clock a little ahead is tolerated, as for positions.
        Answer fine = gw.post(path, riderToken, "{\"outcome\": \"DELIVERED\", \"pod\": {\"deliveredAt\": \""
                + now.plusSeconds(30) + "\"}}");
        assertThat(fine.status()).as(fine.body().toString()).isEqualTo(200);
    }

    private static String availability(UUID rider) {
        return (String) gw.sql.value("SELECT availability::text FROM delivery_riders WHERE id = ?", rider);
    }

    @Test
    void aTokenOverItsRateIsToldToWaitAndNothingIsDone() {
        // One request every 1,000 seconds after a burst of two: the third is refused however slow the machine.
        try (GatewayHarness limited = new GatewayHarness(0.001, 2)) {
            String token = limited.token(ApiTokenScope.outlet(limited.given.outletId()));
            String body = "{\"orders\": [{\"customerName\": \"A\", \"deliveryAddress\": \"B\", \"weightKg\": 1}]}";
            assertThat(limited.post("/api/batches", token, body).status()).isEqualTo(201);
            assertThat(limited.post("/api/batches", token, body).status()).isEqualTo(201);
            String before = limited.sql.fingerprint();
            Answer refused = limited.post("/api/batches", token, body);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.code()).isEqualTo("RATE_LIMITED");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(limited.sql.fingerprint()).isEqualTo(before);
            // another token is not held up by this one
            String other = limited.token(ApiTokenScope.system("other"));
            assertThat(limited.get("/api/batches?outletId=" + limited.given.outletId(), other).status()).isEqualTo(200);
        }
    }

    @Test
    void aRevokedTokenIsRefusedAtOnceForWrites() {
        var issued = gw.ownerServices.tokens().issue(ApiTokenScope.outlet(gw.given.outletId()), "test-admin");
        assertThat(gw.post("/api/batches", issued.token(), createBody(1)).status()).isEqualTo(201);
        gw.ownerServices.tokens().revoke(issued.row().id(), "test-admin");
        String before = gw.sql.fingerprint();
        Answer after = gw.post("/api/batches", issued.token(), createBody(1));
        assertThat(after.status()).isIn(401, 403);
        assertThat(gw.sql.fingerprint()).isEqualTo(before);
    }

    @Test
    void theOpenApiDocumentDescribesExactlyTheRoutesTheServerHas() throws Exception {
        Answer doc = gw.get("/openapi.json", null);
        assertThat(doc.status()).isEqualTo(200);
        List<String> documented = new ArrayList<>();
        doc.body().get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        List<String> served = new ArrayList<>(gw.server.http().routes());
        served.remove("GET /openapi.json");
        assertThat(documented).containsExactlyInAnyOrderElementsOf(served);
    }

    private static List<String> ids(JsonNode batches) {
        List<String> ids = new ArrayList<>();
        batches.forEach(b -> ids.add(b.get("batchId").asText()));
        return ids;
    }

    static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0x00ff00);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static Answer uploadPhoto(String token, byte[] bytes) {
        String boundary = "----dc" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"pod.png\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return gw.send(gw.request("/api/photos", token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }
}

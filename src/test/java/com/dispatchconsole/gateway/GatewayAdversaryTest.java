package com.dispatchconsole.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.domain.ApiTokenSecret;
import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.IssuedToken;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.gateway.GatewayHarness.Answer;
import com.dispatchconsole.gateway.socket.RoomClient;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Logins;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway attacked as its adversaries would, over real HTTP and the real Socket.IO client, on a real database
 * whose gateway login is a member of dispatch_gateway: tokens used outside their scope on every route the server
 * has, bodies and headers built to break the parser or the server, forged and revoked credentials, stale versions,
 * a batch that changes hands under a rider's request, and plain SQL as the gateway's own login. Each refusal is
 * checked for what a client sees (status, code, field) and for the database being exactly as before; after each
 * test, the gateway's log (configured as in production) holds no token, credential, password or PoD content.
 */
@DatabaseTest
class GatewayAdversaryTest {

    /** In every PoD document sent below: a log line quoting any of it is caught. */
    private static final String MARKER = "pod-secret-7d1e";
    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    private static ProductionLogs logs;
    private static GatewayHarness gw;
    private static String system;

    @BeforeAll
    static void start() {
        logs = new ProductionLogs();
        gw = new GatewayHarness(0, 1);
        system = token(ApiTokenScope.system("adversary"));
    }

    @AfterAll
    static void stop() {
        gw.close();
        logs.close();
    }

    @AfterEach
    void nothingSecretReachedTheLog() {
        for (String line : logs.lines()) {
            for (String secret : SECRETS) {
                assertThat(line).as("a token or credential in the log").doesNotContain(secret);
            }
            assertThat(line).as("PoD content in the log").doesNotContain(MARKER);
            assertThat(line).as("the gateway login's password in the log").doesNotContainPattern("\\b"
                    + Logins.PASSWORD + "\\b");
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** A token as an admin issues it; it and its credential are remembered as secrets the log must not hold. */
    private static String token(ApiTokenScope scope) {
        return issue(scope).token();
    }

    private static IssuedToken issue(ApiTokenScope scope) {
        IssuedToken issued = gw.ownerServices.tokens().issue(scope, "test-admin");
        SECRETS.add(issued.token());
        SECRETS.add(ApiTokenSecret.credential(issued.token()));
        return issued;
    }

    /** Everything a request could change: the dispatch fingerprint, positions, photos and tokens. */
    private static String everything() {
        return gw.sql.fingerprint() + "|" + gw.sql.value("""
                SELECT concat_ws('|', (SELECT count(*) FROM pod_photos),
                  (SELECT string_agg(rider_id || ':' || lat || ':' || lon || ':' || fix_at, ',' ORDER BY rider_id)
                   FROM rider_locations),
                  (SELECT string_agg(id || ':' || coalesce(revoked_at::text, '-'), ',' ORDER BY id) FROM api_tokens))
                """);
    }

    /** The ids a route's path is filled in with. */
    private record Ids(UUID batch, UUID order, UUID rider, UUID photo, UUID outlet) {
    }

    /** Every route under /api but the health check, as "METHOD /path/{param}" (from the server itself). */
    private static List<String> apiRoutes() {
        List<String> routes = gw.server.http().routes().stream()
                .filter(r -> r.contains(" /api/") && !r.equals("GET /api/health")).toList();
        assertThat(routes).as("the server's routes").hasSizeGreaterThanOrEqualTo(19)
                .contains("POST /api/riders/{riderId}/off-duty", "POST /api/riders/{riderId}/on-duty");
        return routes;
    }

    /** Calls the route on these ids with a body that would be fine in scope, so only the scope can refuse it. */
    private static Answer call(String route, String token, Ids ids) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1)
                .replace("{batchId}", String.valueOf(ids.batch())).replace("{orderId}", String.valueOf(ids.order()))
                .replace("{riderId}", String.valueOf(ids.rider())).replace("{photoId}", String.valueOf(ids.photo()));
        if (method.equals("GET")) {
            boolean perOutlet = path.equals("/api/batches") || path.equals("/api/riders");
            return gw.get(perOutlet ? path + "?outletId=" + ids.outlet() : path, token);
        }
        if (path.equals("/api/photos")) {
            return upload(token, png());
        }
        return gw.post(path, token, bodyFor(path, ids));
    }

    private static String bodyFor(String path, Ids ids) {
        if (path.equals("/api/batches")) {
            return "{\"outletId\": \"" + ids.outlet() + "\", " + orders(1).substring(1);
        }
        if (path.endsWith("/assign") || path.endsWith("/reassign")) {
            return "{\"riderId\": \"" + ids.rider() + "\", \"reason\": \"closer\"}";
        }
        if (path.endsWith("/unassign") || path.endsWith("/cancel") || path.endsWith("/fail")) {
            return "{\"reason\": \"adversary\"}";
        }
        if (path.endsWith("/outcome")) {
            return "{\"outcome\": \"DELIVERED\", \"pod\": {\"notes\": \"" + MARKER + "\"}}";
        }
        if (path.endsWith("/location")) {
            return "{\"lat\": 51.5, \"lon\": -0.12}";
        }
        return "{}";
    }

    private static String orders(int n) {
        StringBuilder sb = new StringBuilder("{\"orders\": [");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append("{\"customerName\": \"Ana ").append(i)
                    .append("\", \"deliveryAddress\": \"1 Rua Nova\", \"weightKg\": 1}");
        }
        return sb.append("]}").toString();
    }

    /** A batch of {@code rider}'s, out for delivery, and its first order. */
    private static Ids outForDelivery(RiderRow rider) {
        BatchRow batch = gw.given.outForDelivery(gw.given.batch(2, "1"), rider);
        UUID order = gw.ownerServices.queries().orders(batch.id()).get(0).orderId();
        UUID photo = gw.ownerServices.photos().store(png(), "test-operator").id();
        return new Ids(batch.id(), order, rider.id(), photo, gw.given.outletId());
    }

    private static void refusedOutOfScope(Answer answer, String route) {
        assertThat(answer.status()).as("%s: %s", route, answer.body()).isEqualTo(403);
        assertThat(answer.code()).as(route).isEqualTo("OUT_OF_SCOPE");
        assertThat(answer.body().path("message").asText()).as(route).doesNotContain("\n");
    }

    static byte[] png() {
        try {
            return GatewayHttpTest.png();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Answer upload(String token, byte[]... files) {
        return multipart(token, null, files);
    }

    /** A multipart upload of each file in the field 'photo'; {@code chunked}: sent without a Content-Length. */
    private static Answer multipart(String token, Boolean chunked, byte[]... files) {
        String boundary = "----dc" + UUID.randomUUID().toString().replace("-", "");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] file : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; "
                    + "filename=\"door.png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(file);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return rawUpload(token, "multipart/form-data; boundary=" + boundary, body.toByteArray(),
                Boolean.TRUE.equals(chunked));
    }

    private static Answer rawUpload(String token, String contentType, byte[] bytes, boolean chunked) {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                : HttpRequest.BodyPublishers.ofByteArray(bytes);
        return gw.send(gw.request("/api/photos", token).header("Content-Type", contentType).POST(publisher).build());
    }

    private static Answer postBytes(String path, String token, byte[] body, boolean chunked) {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return gw.send(gw.request(path, token).header("Content-Type", "application/json").POST(publisher).build());
    }

    // ---- tokens outside their scope, on every route ----------------------------------------------------------

    @Test
    void aRidersTokenCannotReachAnotherRidersBatchRiderOrPhotosOnAnyRoute() {
        RiderRow ravi = gw.given.rider("Ravi", 10, "50", 2);
        RiderRow mia = gw.given.rider("Mia", 10, "50", 2);
        String miaToken = token(ApiTokenScope.rider(mia.id()));
        Ids ravis = outForDelivery(ravi);
        String before = everything();

        int tried = 0;
        for (String route : apiRoutes()) {
            if (route.equals("POST /api/photos")) {
                continue; // a rider's app uploads photos of its own; nothing of Ravi's is involved
            }
            refusedOutOfScope(call(route, miaToken, ravis), route);
            tried++;
        }
        assertThat(tried).isGreaterThanOrEqualTo(18);
        // Off duty and on duty are the control room's: not even Mia's own app says them, by id or as "me".
        for (String change : List.of("off-duty", "on-duty")) {
            for (String rider : List.of(mia.id().toString(), "me")) {
                String path = "/api/riders/" + rider + "/" + change;
                refusedOutOfScope(gw.post(path, miaToken, "{}"), path);
            }
        }
        assertThat(everything()).as("nothing changed").isEqualTo(before);
        // and "me" is Mia, never Ravi
        assertThat(gw.get("/api/riders/me/batches", miaToken).body().get("batches")).isEmpty();
    }

    @Test
    void anOutletsTokenCannotReachAnotherOutletsBatchesOnAnyRouteNorRidersNorPhotos() {
        UUID elsewhere = gw.ownerServices.fleet().createOutlet("Elsewhere " + UUID.randomUUID(), "9 Far Road");
        String theirs = token(ApiTokenScope.outlet(elsewhere));
        RiderRow ravi = gw.given.rider("Ravi O", 10, "50", 2);
        Ids ours = outForDelivery(ravi);
        BatchRow waiting = gw.given.batch(1, "1");
        Ids waitingIds = new Ids(waiting.id(), gw.ownerServices.queries().orders(waiting.id()).get(0).orderId(),
                ravi.id(), ours.photo(), gw.given.outletId());
        String before = everything();

        for (String route : apiRoutes()) {
            if (route.equals("GET /api/outlets")) {
                // Answered, with its own outlet alone.
                assertThat(call(route, theirs, ours).body().toString()).contains(elsewhere.toString())
                        .doesNotContain(gw.given.outletId().toString());
                continue;
            }
            refusedOutOfScope(call(route, theirs, ours), route + " (out for delivery)");
            refusedOutOfScope(call(route, theirs, waitingIds), route + " (waiting)");
        }
        assertThat(everything()).as("nothing changed").isEqualTo(before);
    }

    @Test
    void aTrackingTokenWritesNothingEvenOnItsOwnBatchAndReadsOnlyItsBatchsStatus() {
        RiderRow ravi = gw.given.rider("Ravi T", 10, "50", 2);
        Ids tracked = outForDelivery(ravi);
        String tracking = token(ApiTokenScope.tracking(tracked.batch()));
        BatchRow other = gw.given.batch(1, "1");
        Ids otherIds = new Ids(other.id(), gw.ownerServices.queries().orders(other.id()).get(0).orderId(), ravi.id(),
                tracked.photo(), gw.given.outletId());
        String before = everything();

        for (String route : apiRoutes()) {
            boolean ownRead = route.equals("GET /api/batches/{batchId}")
                    || route.equals("GET /api/batches/{batchId}/tracking");
            if (route.startsWith("POST ")) {
                refusedOutOfScope(call(route, tracking, tracked), route + " (its own batch)");
            } else if (!ownRead) {
                refusedOutOfScope(call(route, tracking, tracked), route);
            }
            refusedOutOfScope(call(route, tracking, otherIds), route + " (another batch)");
        }
        assertThat(everything()).as("nothing changed").isEqualTo(before);

        for (String path : List.of("/api/batches/" + tracked.batch(), "/api/batches/" + tracked.batch() + "/tracking")) {
            Answer own = gw.get(path, tracking);
            assertThat(own.status()).isEqualTo(200);
            assertThat(own.body().get("status").asText()).isEqualTo("OUT_FOR_DELIVERY");
            assertThat(own.body().has("orders")).as("no customers on a tracking page").isFalse();
            assertThat(own.body().has("riderName")).isFalse();
            assertThat(own.body().toString()).doesNotContain("Customer").doesNotContain("Main Street");
        }
    }

    @Test
    void aSystemTokenReadsAStoredPhotoAsAnImageThatNoBrowserSniffsAndNoOtherKindReadsIt() {
        byte[] bytes = png();
        UUID photo = gw.ownerServices.photos().store(bytes, "test-operator").id();
        RiderRow rider = gw.given.rider("Photo Rider", 10, "50", 2);

        Answer read = gw.send(gw.request("/api/photos/" + photo, system).GET().build());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(read.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        for (String other : List.of(token(ApiTokenScope.rider(rider.id())),
                token(ApiTokenScope.outlet(gw.given.outletId())), token(ApiTokenScope.tracking(gw.given.batch(1, "1").id())))) {
            refusedOutOfScope(gw.get("/api/photos/" + photo, other), "GET /api/photos/{photoId}");
        }
        Answer missing = gw.get("/api/photos/" + UUID.randomUUID(), system);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("PHOTO_NOT_FOUND");
    }

    @Test
    void aBatchReassignedBetweenARiderAppsReadAndItsPickupIsRefusedByTheDatabase() throws Exception {
        // The gateway's login waits long enough on the row lock for this test to see it waiting.
        try (GatewayHarness slow = new GatewayHarness(0, 1,
                c -> c.withLockTimeout(Duration.ofSeconds(60), Duration.ofSeconds(70)));
             Connection console = DriverManager.getConnection(slow.owner.url(), slow.owner.user(), slow.owner.password())) {
            RiderRow ravi = slow.given.rider("Ravi L", 10, "50", 2);
            RiderRow mia = slow.given.rider("Mia L", 10, "50", 2);
            BatchRow batch = slow.given.batch(1, "1");
            slow.ownerServices.assignments().assign(batch.id(), ravi.id(), "seed");
            IssuedToken raviToken = slow.ownerServices.tokens().issue(ApiTokenScope.rider(ravi.id()), "test-admin");
            SECRETS.add(raviToken.token());
            assertThat(slow.get("/api/batches/" + batch.id(), raviToken.token()).status())
                    .as("the rider app's read: the batch is Ravi's").isEqualTo(200);

            // A dispatcher reassigns the batch to Mia; until that commits, the row is locked.
            console.setAutoCommit(false);
            try (Statement st = console.createStatement()) {
                st.execute("SELECT set_config('dispatch.operator', 'olga', true), "
                        + "set_config('dispatch.reason', 'closer', true)");
                st.executeUpdate("UPDATE delivery_batches SET rider_id = '" + mia.id() + "' WHERE id = '"
                        + batch.id() + "'");
            }
            ExecutorService app = Executors.newSingleThreadExecutor();
            try {
                Future<Answer> pickup = app.submit(() -> slow.post("/api/batches/" + batch.id() + "/pickup",
                        raviToken.token(), "{}"));
                RoomClient.waitUntil(() -> slow.sql.count("SELECT count(*) FROM pg_stat_activity WHERE usename = ? "
                        + "AND wait_event_type = 'Lock'", slow.gatewayLogin.user()) > 0,
                        "the pickup waits for the reassignment's lock");
                console.commit();

                Answer refused = pickup.get(120, TimeUnit.SECONDS);
                assertThat(refused.status()).as(refused.body().toString()).isEqualTo(403);
                assertThat(refused.code()).isEqualTo("OUT_OF_SCOPE");
                assertThat(refused.body().get("message").asText()).contains("The database refused it");
            } finally {
                app.shutdownNow();
            }
            BatchRow after = slow.ownerServices.queries().batch(batch.id());
            assertThat(after.status()).isEqualTo(BatchStatus.ASSIGNED);
            assertThat(after.riderId()).isEqualTo(mia.id());
        }
    }

    // ---- bodies built to break things -------------------------------------------------------------------------

    private record Bad(String what, byte[] body, int status, String code, boolean chunked) {
        static Bad of(String what, String body) {
            return new Bad(what, body.getBytes(StandardCharsets.UTF_8), 400, "INVALID_ARGUMENT", false);
        }
    }

    private static List<Bad> badBodies() {
        String overLimit = "{\"reason\": \"x\"" + " ".repeat(300_000) + "}";
        return List.of(
                Bad.of("malformed", "{\"reason\": "),
                Bad.of("trailing garbage", "{}x"),
                Bad.of("a second object", "{} {\"reason\": \"x\"}"),
                Bad.of("duplicate keys", "{\"expectedVersion\": 1, \"expectedVersion\": 2}"),
                Bad.of("deep nesting", "{\"a\": ".repeat(40) + "1" + "}".repeat(40)),
                Bad.of("a number beyond a double", "{\"expectedVersion\": 1e400}"),
                Bad.of("a 60-digit number", "{\"expectedVersion\": " + "9".repeat(60) + "}"),
                Bad.of("NaN", "{\"expectedVersion\": NaN}"),
                Bad.of("Infinity", "{\"expectedVersion\": -Infinity}"),
                Bad.of("\\u0000 in a text", "{\"reason\": \"a\\u0000b\"}"),
                Bad.of("\\u0000 in a key", "{\"rea\\u0000son\": \"a\"}"),
                Bad.of("a lone surrogate", "{\"reason\": \"\\ud800\"}"),
                new Bad("invalid UTF-8", new byte[] {'{', '"', 'r', '"', ':', ' ', '"', (byte) 0xff, (byte) 0xfe, '"', '}'},
                        400, "INVALID_ARGUMENT", false),
                Bad.of("an array", "[]"),
                Bad.of("a string", "\"x\""),
                Bad.of("null", "null"),
                Bad.of("an unknown field", "{\"zzz\": 1}"),
                Bad.of("a wrong type", "{\"expectedVersion\": \"7\", \"reason\": 5}"),
                Bad.of("a comment", "{/* x */}"),
                Bad.of("single quotes", "{'reason': 'x'}"),
                new Bad("over 256 KiB with a Content-Length", overLimit.getBytes(StandardCharsets.UTF_8), 413,
                        "TOO_LARGE", false),
                new Bad("over 256 KiB chunked", overLimit.getBytes(StandardCharsets.UTF_8), 413, "TOO_LARGE", true));
    }

    @Test
    void everyJsonBodyOnEveryRouteIsReadStrictlyAndABrokenOneChangesNothing() {
        RiderRow rider = gw.given.rider("Body Rider", 10, "50", 2);
        Ids ids = outForDelivery(rider);
        String before = everything();
        List<String> jsonRoutes = apiRoutes().stream().filter(r -> r.startsWith("POST ") && !r.equals("POST /api/photos"))
                .toList();
        assertThat(jsonRoutes).hasSizeGreaterThanOrEqualTo(15);

        for (String route : jsonRoutes) {
            String path = route.substring(5).replace("{batchId}", ids.batch().toString())
                    .replace("{orderId}", ids.order().toString()).replace("{riderId}", ids.rider().toString());
            for (Bad bad : badBodies()) {
                Answer answer = postBytes(path, system, bad.body(), bad.chunked());
                assertThat(answer.status()).as("%s with %s: %s", route, bad.what(), answer.body()).isEqualTo(bad.status());
                assertThat(answer.code()).as("%s with %s", route, bad.what()).isEqualTo(bad.code());
                String message = answer.body().path("message").asText();
                assertThat(message).as("one short line").doesNotContain("\n").hasSizeLessThan(400);
                assertThat(message).doesNotContain("at com.").doesNotContain("Exception");
            }
            Answer unknown = gw.post(path, system, "{\"zzz\": 1}");
            assertThat(unknown.body().path("field").asText()).as(route).isEqualTo("zzz");
        }
        assertThat(everything()).as("nothing changed").isEqualTo(before);
    }

    @Test
    void numbersTextsAndArraysPastTheirLimitsAreRefusedNamingTheFieldWithoutEchoingThem() {
        RiderRow rider = gw.given.rider("Limits Rider", 10, "50", 2);
        String riderToken = token(ApiTokenScope.rider(rider.id()));
        String outlet = token(ApiTokenScope.outlet(gw.given.outletId()));
        String before = everything();
        String order = "{\"customerName\": \"A\", \"deliveryAddress\": \"B\", \"weightKg\": %s%s}";
        record Case(String token, String path, String body, int status, String code, String field) {
        }
        List<Case> cases = List.of(
                // 13 characters in the body, two billion digits written out: the answer must stay small
                new Case(outlet, "/api/batches", "{\"orders\": [" + order.formatted("1e-2000000000", "") + "]}", 400,
                        "INVALID_ARGUMENT", "orders[0].weightKg"),
                new Case(outlet, "/api/batches", "{\"orders\": [" + order.formatted("1e400", "") + "]}", 400,
                        "INVALID_ARGUMENT", "orders[0].weightKg"),
                new Case(outlet, "/api/batches", "{\"orders\": [" + order.formatted("1", "") + ", "
                        + order.formatted("-0.5", "") + "]}", 400, "INVALID_ARGUMENT", "orders[1].weightKg"),
                new Case(outlet, "/api/batches", "{\"orders\": [" + order.formatted("1", ", \"lat\": 1e400, \"lon\": 0")
                        + "]}", 400, "INVALID_ARGUMENT", "orders[0].lat"),
                new Case(outlet, "/api/batches", "{\"orders\": [{\"customerName\": \"" + "x".repeat(201)
                        + "\", \"deliveryAddress\": \"B\", \"weightKg\": 1}]}", 400, "INVALID_ARGUMENT",
                        "orders[0].customerName"),
                new Case(outlet, "/api/batches", "{\"orders\": [{\"customerName\": \"A\\u0007\", "
                        + "\"deliveryAddress\": \"B\", \"weightKg\": 1}]}", 400, "INVALID_ARGUMENT", "orders[0].customerName"),
                new Case(outlet, "/api/batches", orders(101), 413, "TOO_LARGE", "orders"),
                new Case(outlet, "/api/batches", "{\"orders\": []}", 400, "INVALID_ARGUMENT", "orders"),
                new Case(outlet, "/api/batches", "{\"orders\": {}}", 400, "INVALID_ARGUMENT", "orders"),
                new Case(outlet, "/api/batches", "{\"orders\": [7]}", 400, "INVALID_ARGUMENT", "orders[0]"),
                new Case(riderToken, "/api/riders/me/location", "{\"fixes\": [" + "{\"lat\": 1, \"lon\": 2},".repeat(50)
                        + "{\"lat\": 1, \"lon\": 2}]}", 413, "TOO_LARGE", "fixes"),
                new Case(riderToken, "/api/riders/me/location", "{\"lat\": 1, \"lon\": 2, \"fixes\": []}", 400,
                        "INVALID_ARGUMENT", "fixes"),
                new Case(riderToken, "/api/riders/me/location", "{\"lat\": 91, \"lon\": 2}", 400, "INVALID_ARGUMENT",
                        "lat"),
                new Case(riderToken, "/api/riders/me/location", "{\"lat\": 1e-400, \"lon\": 1e400}", 400,
                        "INVALID_ARGUMENT", "lon"),
                new Case(riderToken, "/api/riders/me/location", "{\"lat\": 1, \"lon\": 2, \"fixAt\": \"yesterday\"}",
                        400, "INVALID_ARGUMENT", "fixAt"),
                new Case(riderToken, "/api/riders/me/location", "{\"lat\": 1, \"lon\": 2, \"accuracyM\": -1}", 400,
                        "INVALID_ARGUMENT", "accuracyM"),
                new Case(riderToken, "/api/riders/me/break", "{\"expectedVersion\": 1.5}", 400, "INVALID_ARGUMENT",
                        "expectedVersion"));
        for (Case c : cases) {
            Answer answer = gw.post(c.path(), c.token(), c.body());
            String what = c.path() + " " + (c.body().length() > 120 ? c.body().substring(0, 120) : c.body());
            assertThat(answer.status()).as("%s: %s", what, answer.body()).isEqualTo(c.status());
            assertThat(answer.code()).as(what).isEqualTo(c.code());
            assertThat(answer.body().path("field").asText()).as(what).isEqualTo(c.field());
            assertThat(answer.body().toString()).as("a short answer").hasSizeLessThan(400);
        }
        assertThat(everything()).as("nothing changed").isEqualTo(before);
    }

    @Test
    void photosOverTheLimitTwoAtOnceBrokenOrLyingAboutTheirTypeAreRefused() {
        RiderRow rider = gw.given.rider("Photo Sender", 10, "50", 2);
        String riderToken = token(ApiTokenScope.rider(rider.id()));
        byte[] justOver = Arrays.copyOf(png(), 5 * 1024 * 1024 + 1);
        byte[] farOver = Arrays.copyOf(png(), 6 * 1024 * 1024);
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000 not a png".getBytes(StandardCharsets.ISO_8859_1);
        String before = everything();

        for (Answer tooLarge : List.of(upload(riderToken, justOver), multipart(riderToken, true, justOver),
                upload(riderToken, farOver), multipart(riderToken, true, farOver))) {
            assertThat(tooLarge.status()).as(tooLarge.body().toString()).isEqualTo(413);
            assertThat(tooLarge.code()).isEqualTo("TOO_LARGE");
        }
        Answer two = upload(riderToken, png(), png());
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.body().path("field").asText()).isEqualTo("photo");
        Answer lying = upload(riderToken, gif);
        assertThat(lying.status()).isEqualTo(400);
        assertThat(lying.code()).isEqualTo("INVALID_PHOTO");
        Answer empty = upload(riderToken, new byte[0]);
        assertThat(empty.code()).isEqualTo("INVALID_PHOTO");
        Answer notMultipart = rawUpload(riderToken, "image/png", png(), false);
        assertThat(notMultipart.status()).isEqualTo(400);
        assertThat(notMultipart.body().path("field").asText()).isEqualTo("photo");
        Answer broken = rawUpload(riderToken, "multipart/form-data; boundary=XYZ", ("--XYZ\r\nContent-Disposition: "
                + "form-data; name=\"photo\"; filename=\"a.png\"\r\n\r\n\u0089PNG").getBytes(StandardCharsets.ISO_8859_1),
                false);
        assertThat(broken.status()).as(broken.body().toString()).isEqualTo(400);
        assertThat(broken.code()).isEqualTo("INVALID_ARGUMENT");
        assertThat(everything()).as("no photo stored").isEqualTo(before);
        assertThat(logs.withStackTraces()).as("a client's bad upload is no incident").isEmpty();

        // PNG's first bytes and then anything: stored as image/png, and served so that no browser runs it as a page.
        byte[] disguised = Arrays.copyOf(png(), png().length + 40);
        System.arraycopy("<script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII), 0, disguised,
                png().length, 25);
        Answer stored = upload(riderToken, disguised);
        assertThat(stored.status()).isEqualTo(201);
        Answer served = gw.send(gw.request("/api/photos/" + stored.body().get("photoId").asText(), system).GET().build());
        assertThat(served.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void headersAndAddressesTooLargeForTheServerAreAnsweredInTheApisShape() {
        Answer headers = gw.send(gw.request("/api/batches?outletId=" + gw.given.outletId(), system)
                .header("X-Padding", "a".repeat(70_000)).GET().build());
        assertThat(headers.status()).isEqualTo(431);
        assertThat(headers.code()).isEqualTo("TOO_LARGE");
        Answer address = gw.get("/api/batches?outletId=" + "a".repeat(70_000), system);
        assertThat(address.status()).isEqualTo(414);
        assertThat(address.code()).isEqualTo("TOO_LARGE");
        Answer token = gw.get("/api/batches", "dct_" + "A".repeat(70_000));
        assertThat(token.status()).isEqualTo(431);
        assertThat(token.code()).isEqualTo("TOO_LARGE");
    }

    // ---- who is asking ------------------------------------------------------------------------------------------

    @Test
    void missingGarbledForeignAndForgedAuthorizationIsUnauthenticatedAlikeAndChangesNothing() {
        String valid = token(ApiTokenScope.outlet(gw.given.outletId()));
        char last = valid.charAt(valid.length() - 1);
        String oneCharOff = valid.substring(0, valid.length() - 1) + (last == 'A' ? 'B' : 'A');
        List<String> headers = new ArrayList<>(List.of("", "Bearer", "Bearer ", "Bearer  ", "Basic dXNlcjpwYXNz",
                "Token " + valid, "Bearer " + valid + "x", "Bearer " + valid.substring(4), "Bearer " + oneCharOff,
                "Bearer " + ApiTokenSecret.credential(valid), "Bearer dct_" + "A".repeat(43), "Bearer " + valid + " "
                        + valid, "Bearer\t" + valid, "bearer dct_" + "\u0000".repeat(43)));
        String before = everything();
        for (String header : headers) {
            for (String route : headers.indexOf(header) < 6 ? List.of("GET /api/batches", "POST /api/batches")
                    : List.of("GET /api/batches")) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gw.base() + route.substring(route.indexOf(' ') + 1)))
                        .timeout(Duration.ofSeconds(60));
                if (!header.isEmpty()) {
                    request.header("Authorization", header.replace("\u0000", "0"));
                }
                Answer answer = gw.send(route.startsWith("GET") ? request.GET().build()
                        : request.POST(HttpRequest.BodyPublishers.ofString(orders(1))).build());
                assertThat(answer.status()).as("%s with '%s'", route, header).isEqualTo(401);
                assertThat(answer.code()).isEqualTo("UNAUTHENTICATED");
                assertThat(answer.headers().firstValue("WWW-Authenticate")).contains("Bearer");
            }
        }
        assertThat(everything()).as("nothing changed").isEqualTo(before);
    }

    @Test
    void aRevokedTokensWritesAreRefusedAtOnceEvenWhileItsReadsAreStillRemembered() {
        RiderRow rider = gw.given.rider("Revoked Rider", 10, "50", 2);
        IssuedToken riderToken = issue(ApiTokenScope.rider(rider.id()));
        IssuedToken outletToken = issue(ApiTokenScope.outlet(gw.given.outletId()));
        BatchRow batch = gw.given.batch(1, "1");
        gw.ownerServices.assignments().assign(batch.id(), rider.id(), "seed");
        // Both are known to the gateway now (remembered for a few seconds).
        assertThat(gw.get("/api/riders/me/batches", riderToken.token()).status()).isEqualTo(200);
        assertThat(gw.get("/api/batches?limit=1", outletToken.token()).status()).isEqualTo(200);
        gw.ownerServices.tokens().revoke(riderToken.row().id(), "test-admin");
        gw.ownerServices.tokens().revoke(outletToken.row().id(), "test-admin");
        String before = everything();

        List<Answer> writes = List.of(
                gw.post("/api/batches/" + batch.id() + "/pickup", riderToken.token(), "{}"),
                gw.post("/api/riders/me/location", riderToken.token(), "{\"lat\": 1, \"lon\": 2}"),
                upload(riderToken.token(), png()),
                gw.post("/api/batches", outletToken.token(), orders(1)),
                gw.post("/api/batches/" + batch.id() + "/unassign", outletToken.token(), "{\"reason\": \"x\"}"));
        for (Answer write : writes) {
            assertThat(write.status()).as(write.body().toString()).isEqualTo(401);
            assertThat(write.code()).isEqualTo("UNAUTHENTICATED");
        }
        assertThat(everything()).as("nothing changed").isEqualTo(before);

        try (RoomClient refused = RoomClient.attempt(gw.server.socketPort(), Map.of("token", riderToken.token()))) {
            assertThat(refused.refusal().get("message").toString()).startsWith("UNAUTHENTICATED");
        }
    }

    @Test
    void anOffDutyRidersAppCannotPutTheRiderBackToWork() {
        RiderRow rider = gw.given.rider("Off Duty", 10, "50", 2);
        gw.ownerServices.fleet().setAvailability(rider.id(), Availability.OFF_DUTY, "control room");
        String riderToken = token(ApiTokenScope.rider(rider.id()));
        BatchRow someoneElses = gw.given.batch(1, "1");
        String before = everything();

        for (String path : List.of("/api/riders/me/back", "/api/riders/me/break", "/api/riders/" + rider.id() + "/back")) {
            Answer answer = gw.post(path, riderToken, "{}");
            assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(409);
            assertThat(answer.code()).isEqualTo("RIDER_UNAVAILABLE");
        }
        refusedOutOfScope(gw.post("/api/batches/" + someoneElses.id() + "/pickup", riderToken, "{}"), "pickup");
        Answer assign = gw.post("/api/batches/" + someoneElses.id() + "/assign", system,
                "{\"riderId\": \"" + rider.id() + "\"}");
        assertThat(assign.code()).as("nobody hands an off-duty rider work").isEqualTo("RIDER_UNAVAILABLE");
        assertThat(everything()).as("nothing changed").isEqualTo(before);
        assertThat(gw.ownerServices.queries().riders(List.of(rider.id())).get(0).availability())
                .isEqualTo(Availability.OFF_DUTY);

        // A rider on a break comes back from it.
        RiderRow resting = gw.given.rider("On Break", 10, "50", 2);
        String restingToken = token(ApiTokenScope.rider(resting.id()));
        assertThat(gw.post("/api/riders/me/break", restingToken, "{}").body().get("availability").asText())
                .isEqualTo("ON_BREAK");
        assertThat(gw.post("/api/riders/me/back", restingToken, "{}").body().get("availability").asText())
                .isEqualTo("AVAILABLE");
    }

    @Test
    void guessingTokensFromOneAddressIsToldToWaitWhileValidTokensGoOn() {
        try (GatewayHarness fresh = new GatewayHarness(0, 1)) {
            String valid = fresh.token(ApiTokenScope.outlet(fresh.given.outletId()));
            SECRETS.add(valid);
            String before = fresh.sql.fingerprint();
            Answer limited = null;
            java.security.SecureRandom random = new java.security.SecureRandom();
            for (int i = 0; i < 5_000 && limited == null; i++) {
                Answer guess = fresh.get("/api/batches", ApiTokenSecret.generate(random));
                assertThat(guess.status()).isIn(401, 429);
                if (guess.status() == 429) {
                    limited = guess;
                }
            }
            assertThat(limited).as("told to wait").isNotNull();
            assertThat(limited.code()).isEqualTo("RATE_LIMITED");
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
            assertThat(fresh.get("/api/batches?limit=1", valid).status()).as("a valid token goes on").isEqualTo(200);
            assertThat(fresh.sql.fingerprint()).isEqualTo(before);
        }
    }

    // ---- stale actions ------------------------------------------------------------------------------------------

    @Test
    void aVersionInTheBodyAndInIfMatchMustAgreeAndAStaleOneIsRefusedInEveryForm() {
        RiderRow rider = gw.given.rider("Stale Rider", 10, "50", 2);
        BatchRow batch = gw.given.batch(1, "1");
        long seen = batch.version();
        gw.ownerServices.assignments().assign(batch.id(), rider.id(), "Olga at the console");
        long current = gw.ownerServices.queries().batch(batch.id()).version();
        String path = "/api/batches/" + batch.id() + "/unassign";
        String before = everything();

        Answer disagree = gw.post(path, system, "{\"reason\": \"x\", \"expectedVersion\": " + current + "}",
                "If-Match", "\"" + seen + "\"");
        assertThat(disagree.status()).isEqualTo(400);
        assertThat(disagree.body().path("field").asText()).isEqualTo("expectedVersion");
        for (String stale : List.of("\"" + seen + "\"", "W/\"" + seen + "\"", String.valueOf(seen), "\"-1\"")) {
            Answer refused = gw.post(path, system, "{\"reason\": \"x\"}", "If-Match", stale);
            assertThat(refused.status()).as(stale).isEqualTo(409);
            assertThat(refused.code()).isEqualTo("ALREADY_CHANGED");
            assertThat(refused.body().get("message").asText()).contains("Olga at the console");
        }
        for (String garbled : List.of("\"seven\"", "\"1\", \"2\"", "\"\"", "W/", "0x7", "\"" + "9".repeat(30) + "\"")) {
            Answer refused = gw.post(path, system, "{\"reason\": \"x\"}", "If-Match", garbled);
            assertThat(refused.status()).as(garbled).isEqualTo(400);
            assertThat(refused.body().path("field").asText()).isEqualTo("If-Match");
        }
        Answer staleBody = gw.post(path, system, "{\"reason\": \"x\", \"expectedVersion\": " + seen + "}");
        assertThat(staleBody.code()).isEqualTo("ALREADY_CHANGED");
        assertThat(everything()).as("nothing changed").isEqualTo(before);

        Answer any = gw.post(path, system, "{\"reason\": \"x\"}", "If-Match", "*");
        assertThat(any.status()).as("'*' is whatever is current").isEqualTo(200);
        assertThat(any.body().get("status").asText()).isEqualTo("CREATED");
    }

    // ---- the gateway's own login with plain SQL --------------------------------------------------------------------

    /** Runs the statements as one transaction of the gateway's login, declaring {@code credential} first (if any). */
    private static void asGateway(String credential, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(gw.gatewayLogin.url(), gw.gatewayLogin.user(),
                gw.gatewayLogin.password()); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                if (credential != null) {
                    st.execute("SELECT set_config('dispatch.api_token', '" + credential + "', true)");
                }
                for (String statement : statements) {
                    st.execute(statement);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void refusedInSql(String credential, String sqlState, String message, String... statements) {
        String before = everything();
        Throwable thrown = catchThrowable(() -> asGateway(credential, statements));
        assertThat(thrown).as(String.join("; ", statements))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(sqlState))
                .hasMessageContaining(message);
        assertThat(everything()).as("nothing changed: " + String.join("; ", statements)).isEqualTo(before);
    }

    @Test
    void theGatewaysLoginWithPlainSqlChangesNothingOutsideTheTokenItDeclares() {
        RiderRow ravi = gw.given.rider("Ravi S", 10, "50", 2);
        RiderRow mia = gw.given.rider("Mia S", 10, "50", 2);
        Ids ravis = outForDelivery(ravi);
        String mias = ApiTokenSecret.credential(token(ApiTokenScope.rider(mia.id())));
        String tracking = ApiTokenSecret.credential(token(ApiTokenScope.tracking(ravis.batch())));
        String outlet = ApiTokenSecret.credential(token(ApiTokenScope.outlet(gw.given.outletId())));
        gw.ownerServices.fleet().reportPosition(ravi.id(), 51.5, -0.12, 5f, java.time.Instant.now());
        IssuedToken revoked = issue(ApiTokenScope.rider(ravi.id()));
        gw.ownerServices.tokens().revoke(revoked.row().id(), "test-admin");
        String photoInsert = "INSERT INTO pod_photos (id, content_type, bytes) VALUES ('" + UUID.randomUUID()
                + "', 'image/png', '\\x89504e470d0a1a0a00'::bytea)";
        String batch = "'" + ravis.batch() + "'";

        // No token at all, also after switching roles.
        refusedInSql(null, "DC000", "PERMISSION_DENIED", "UPDATE delivery_batches SET status = 'COMPLETED' WHERE id = " + batch);
        refusedInSql(null, "DC000", "PERMISSION_DENIED", "SET ROLE dispatch_dispatcher",
                "UPDATE delivery_riders SET availability = 'ON_BREAK' WHERE id = '" + mia.id() + "'");
        refusedInSql(null, "DC000", "PERMISSION_DENIED", photoInsert);
        refusedInSql("zz", "DC000", "UNAUTHENTICATED", "UPDATE delivery_batches SET status = 'COMPLETED' WHERE id = " + batch);
        refusedInSql(ApiTokenSecret.credential(revoked.token()), "DC000", "UNAUTHENTICATED",
                "UPDATE delivery_batches SET status = 'FAILED' WHERE id = " + batch);
        // A tracking page's credential, on its own batch.
        refusedInSql(tracking, "DC000", "OUT_OF_SCOPE", "UPDATE delivery_batches SET status = 'COMPLETED' WHERE id = " + batch);
        refusedInSql(tracking, "DC000", "OUT_OF_SCOPE", "UPDATE delivery_batch_orders SET outcome = 'DELIVERED' "
                + "WHERE batch_id = " + batch);
        refusedInSql(tracking, "DC000", "OUT_OF_SCOPE", "INSERT INTO rider_locations (rider_id, lat, lon, fix_at) "
                + "VALUES ('" + ravi.id() + "', 1, 2, now())");
        refusedInSql(tracking, "DC000", "OUT_OF_SCOPE", photoInsert);
        // A rider's credential on another rider's rows.
        refusedInSql(mias, "DC000", "OUT_OF_SCOPE", "UPDATE delivery_batches SET status = 'FAILED' WHERE id = " + batch);
        refusedInSql(mias, "DC000", "OUT_OF_SCOPE", "UPDATE delivery_batches SET rider_id = '" + mia.id()
                + "' WHERE id = " + batch);
        refusedInSql(mias, "DC000", "OUT_OF_SCOPE", "UPDATE delivery_batch_orders SET outcome = 'FAILED', "
                + "outcome_reason = 'x' WHERE batch_id = " + batch);
        refusedInSql(mias, "DC000", "OUT_OF_SCOPE", "UPDATE delivery_riders SET availability = 'ON_BREAK' WHERE id = '"
                + ravi.id() + "'");
        refusedInSql(mias, "DC000", "OUT_OF_SCOPE", "INSERT INTO rider_locations (rider_id, lat, lon, fix_at) "
                + "VALUES ('" + ravi.id() + "', 1, 2, now())");
        refusedInSql(mias, "DC000", "OUT_OF_SCOPE", "UPDATE rider_locations SET lat = 1 WHERE rider_id = '" + ravi.id() + "'");
        // Photos (V12, V13): an outlet stores none; nobody changes or deletes one; lying bytes are refused anyway.
        refusedInSql(outlet, "DC000", "OUT_OF_SCOPE", photoInsert);
        refusedInSql(mias, "42501", "permission denied", "UPDATE pod_photos SET content_type = 'image/webp' WHERE id = '"
                + ravis.photo() + "'");
        refusedInSql(mias, "42501", "permission denied", "DELETE FROM pod_photos WHERE id = '" + ravis.photo() + "'");
        refusedInSql(mias, "DC000", "INVALID_PHOTO", "INSERT INTO pod_photos (id, content_type, bytes) VALUES ('"
                + UUID.randomUUID() + "', 'image/png', convert_to('GIF89a', 'UTF8'))");
        // The tokens themselves are out of reach.
        refusedInSql(mias, "42501", "permission denied", "SELECT count(*) FROM api_tokens");
        refusedInSql(mias, "42501", "permission denied", "UPDATE api_tokens SET revoked_at = NULL");
    }

    // ---- the rooms ----------------------------------------------------------------------------------------------

    @Test
    void aRoomClientJoinsOnlyItsOwnRoomWhateverItAsksFor() {
        RiderRow rider = gw.given.rider("Room Rider", 10, "50", 2);
        UUID elsewhere = gw.ownerServices.fleet().createOutlet("Rooms " + UUID.randomUUID(), "3 Room Road");
        try (RoomClient app = RoomClient.connected(gw.server.socketPort(), token(ApiTokenScope.rider(rider.id())));
             RoomClient automation = RoomClient.connected(gw.server.socketPort(), system)) {
            for (Object room : List.of("outlet:" + gw.given.outletId(), "rider:" + UUID.randomUUID(),
                    "batch:" + gw.given.batch(1, "1").id())) {
                assertThat(app.subscribe(room).get("code")).as(room.toString()).isEqualTo("OUT_OF_SCOPE");
            }
            for (Object room : List.of("outlet:", "outlet:../../x", "x".repeat(10_000), 42, "rider:" + rider.id() + " ")) {
                assertThat(automation.subscribe(room).get("ok")).as(String.valueOf(room).substring(0,
                        Math.min(20, String.valueOf(room).length()))).isEqualTo(false);
            }
            assertThat(automation.subscribe("outlet:" + elsewhere).get("ok")).isEqualTo(true);
        }
        for (Map<String, String> auth : List.of(Map.of("token", "dct_" + "A".repeat(43)), Map.of("token", ""),
                Map.of("tok", system))) {
            try (RoomClient refused = RoomClient.attempt(gw.server.socketPort(), auth)) {
                assertThat(refused.refusal().get("message").toString()).startsWith("UNAUTHENTICATED");
            }
        }
    }
}

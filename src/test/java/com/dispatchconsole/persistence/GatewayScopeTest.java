package com.dispatchconsole.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.domain.ApiTokenSecret;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.IssuedToken;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Logins;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's login as an adversary with plain SQL (migration V10): it is a dispatcher to the GRANTs and guards,
 * but every write must carry a valid API token (dispatch.api_token) and stay inside what that token speaks for.
 * Each refusal is checked for its SQLSTATE and "CODE: sentence", and that nothing at all changed; each allowed
 * change for the history the database wrote, under the token's name.
 */
@DatabaseTest
class GatewayScopeTest {

    private static final String GUARD = "DC000";
    private static final String DENIED = "42501";

    private static DatabaseConfig owner;
    private static Database ownerDb;
    private static DispatchServices services;
    private static Fixtures given;
    private static Sql sql;
    private static String gateway;
    private static String dispatcher;
    private static UUID otherOutlet;
    private static IssuedToken systemToken;
    private static int riders;

    @BeforeAll
    static void createDatabaseLoginsAndTokens() {
        owner = TestDatabases.fresh();
        ownerDb = Database.open(owner);
        services = new DispatchServices(ownerDb);
        given = new Fixtures(services);
        sql = new Sql(ownerDb.dataSource());
        gateway = Logins.create(owner, "dispatch_gateway").user();
        dispatcher = Logins.create(owner, "dispatch_dispatcher").user();
        otherOutlet = services.fleet().createOutlet("Elsewhere " + UUID.randomUUID().toString().substring(0, 6), "2 Far Road");
        systemToken = issue(ApiTokenScope.system("billing"));
    }

    @AfterAll
    static void close() {
        ownerDb.close();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static IssuedToken issue(ApiTokenScope scope) {
        return services.tokens().issue(scope, "admin");
    }

    private static Connection connect(String login) throws SQLException {
        return Logins.connect(owner, login);
    }

    /** Runs the statements as one transaction of {@code login}; the first failure rolls it back and is thrown. */
    private static void run(String login, String... statements) throws SQLException {
        Logins.run(owner, login, statements);
    }

    /** The statements prefixed with the declaration a gateway makes for a token: its SHA-256 in hex. */
    private static String[] declaring(String credential, String... statements) {
        List<String> all = new ArrayList<>();
        all.add("SELECT set_config('dispatch.api_token', " + q(credential) + ", true)");
        all.addAll(Arrays.asList(statements));
        return all.toArray(String[]::new);
    }

    /** The gateway's login runs the statements in one transaction, acting for {@code token}. */
    private static void asToken(IssuedToken token, String... statements) throws SQLException {
        run(gateway, declaring(ApiTokenSecret.credential(token.token()), statements));
    }

    private static void refused(String login, String sqlState, String messagePart, String... statements) {
        String before = everything();
        Throwable thrown = catchThrowable(() -> run(login, statements));
        assertThat(thrown).as("refused for %s: %s", login, String.join("; ", statements))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(sqlState))
                .hasMessageContaining(messagePart);
        assertThat(everything()).as("a refused statement changes nothing").isEqualTo(before);
    }

    /** The gateway acting for {@code token} is refused by a trigger with "CODE: sentence…"; nothing changed. */
    private static void outOfScope(IssuedToken token, String codeAndSentence, String... statements) {
        refused(gateway, GUARD, codeAndSentence, declaring(ApiTokenSecret.credential(token.token()), statements));
    }

    /** Everything a write could change, positions and every history table included. */
    private static String everything() {
        return sql.fingerprint() + "|" + sql.value("""
                SELECT concat_ws('|',
                  (SELECT string_agg(id::text || outlet_id || updated_at || status_changed_at, ',' ORDER BY id)
                   FROM delivery_batches),
                  (SELECT string_agg(id::text || batch_id || order_id || outcome_version, ',' ORDER BY id)
                   FROM delivery_batch_orders),
                  (SELECT string_agg(id::text || outlet_id || weight_kg || customer_name, ',' ORDER BY id) FROM orders),
                  (SELECT string_agg(rider_id::text || ':' || lat || ':' || lon || ':' || received_at, ',' ORDER BY rider_id)
                   FROM rider_locations),
                  (SELECT count(*) FROM api_tokens WHERE revoked_at IS NULL))
                """);
    }

    private static String q(Object value) {
        return "'" + value + "'";
    }

    private static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }

    private static RiderRow rider() {
        return given.rider("Rider " + (++riders), 10, "50", 2);
    }

    private static BatchRow assigned(RiderRow rider) {
        BatchRow batch = given.batch(2, "1");
        return services.assignments().assign(batch.id(), rider.id(), "seed");
    }

    private static BatchRow outForDelivery(RiderRow rider) {
        return given.outForDelivery(given.batch(2, "1"), rider);
    }

    private static String status(UUID batch) {
        return (String) sql.value("SELECT status || '/' || coalesce(rider_id::text, '-') FROM delivery_batches WHERE id = ?",
                batch);
    }

    private static String move(UUID batch, String status) {
        return "UPDATE delivery_batches SET status = " + q(status) + " WHERE id = " + q(batch);
    }

    private static String newOrder(UUID id, UUID outlet) {
        return "INSERT INTO orders (id, outlet_id, customer_name, delivery_address, weight_kg) VALUES (" + q(id) + ", "
                + q(outlet) + ", 'Gate Customer', '1 Side Street', 1)";
    }

    private static String newLine(UUID batch, UUID order, int sequence) {
        return "INSERT INTO delivery_batch_orders (id, batch_id, order_id, sequence) VALUES (" + q(UUID.randomUUID())
                + ", " + q(batch) + ", " + q(order) + ", " + sequence + ")";
    }

    private static String position(UUID rider) {
        return "INSERT INTO rider_locations (rider_id, lat, lon, accuracy_m, fix_at) VALUES (" + q(rider)
                + ", 52.5, 13.4, 5, now()) ON CONFLICT (rider_id) DO UPDATE SET lat = EXCLUDED.lat, lon = EXCLUDED.lon, "
                + "fix_at = EXCLUDED.fix_at";
    }

    private static String availability(UUID rider, String value) {
        return "UPDATE delivery_riders SET availability = " + q(value) + " WHERE id = " + q(rider);
    }

    /** The newest status-history row of the batch: "actor|db_user|new_status". */
    private static String lastStatusEntry(UUID batch) {
        return (String) sql.value("SELECT actor || '|' || db_user || '|' || new_status FROM batch_status_history "
                + "WHERE batch_id = ? ORDER BY id DESC LIMIT 1", batch);
    }

    /** The history's words for a token: its rider's or outlet's name (V14), a batch's short id, a system's name. */
    private static String label(IssuedToken token) {
        var scope = token.row().scope();
        String subject = switch (scope.kind()) {
            case RIDER -> "rider " + sql.value("SELECT name FROM delivery_riders WHERE id = ?", scope.subjectId());
            case OUTLET -> "outlet " + sql.value("SELECT name FROM outlets WHERE id = ?", scope.subjectId());
            default -> scope.describe();
        };
        return "api " + subject + " (token " + token.row().prefix() + ")";
    }

    // ---- no token, a bad token ---------------------------------------------------------------------------

    @Test
    void withoutATokenTheGatewayChangesNothing() {
        RiderRow rider = rider();
        BatchRow batch = assigned(rider);
        String noToken = "PERMISSION_DENIED: The gateway's login changes nothing without the API token it acts for";
        refused(gateway, GUARD, noToken, move(batch.id(), "PICKED"));
        refused(gateway, GUARD, noToken, "INSERT INTO delivery_batches (id, outlet_id) VALUES (" + q(UUID.randomUUID())
                + ", " + q(given.outletId()) + ")");
        refused(gateway, GUARD, noToken, newOrder(UUID.randomUUID(), given.outletId()));
        refused(gateway, GUARD, noToken, position(rider.id()));
        refused(gateway, GUARD, noToken, availability(rider.id(), "ON_BREAK"));
        refused(gateway, GUARD, noToken, "SELECT set_config('dispatch.api_token', '', true)", move(batch.id(), "PICKED"));
        assertThat(status(batch.id())).isEqualTo("ASSIGNED/" + rider.id());
    }

    @Test
    void aRevokedUnknownOrMalformedTokenIsUnauthenticated() {
        RiderRow rider = rider();
        BatchRow batch = assigned(rider);
        IssuedToken revoked = issue(ApiTokenScope.rider(rider.id()));
        services.tokens().revoke(revoked.row().id(), "admin");
        String credential = ApiTokenSecret.credential(revoked.token());
        String unknown = ApiTokenSecret.credential(ApiTokenSecret.generate(new java.security.SecureRandom()));
        IssuedToken valid = issue(ApiTokenScope.rider(rider.id()));

        for (String declared : List.of(credential, unknown, ApiTokenSecret.credential(valid.token()).toUpperCase(),
                valid.token(), "not hex at all", ApiTokenSecret.credential(valid.token()).substring(2))) {
            refused(gateway, GUARD, "UNAUTHENTICATED: The API token this change was made with is unknown or revoked.",
                    declaring(declared, move(batch.id(), "PICKED")));
        }
        assertThat(status(batch.id())).isEqualTo("ASSIGNED/" + rider.id());
    }

    // ---- a rider's token ---------------------------------------------------------------------------------

    @Test
    void aRidersTokenTakesItsOwnBatchThroughDeliveryUnderTheTokensName() throws SQLException {
        RiderRow rider = rider();
        BatchRow batch = assigned(rider);
        IssuedToken token = issue(ApiTokenScope.rider(rider.id()));

        asToken(token, "SELECT 1 FROM delivery_riders WHERE id = " + q(rider.id()) + " FOR NO KEY UPDATE",
                "SELECT 1 FROM delivery_batches WHERE id = " + q(batch.id()) + " FOR UPDATE",
                move(batch.id(), "PICKED"));
        assertThat(lastStatusEntry(batch.id())).isEqualTo(label(token) + "|" + gateway + "|PICKED");
        assertThat(label(token)).startsWith("api rider " + rider.name() + " (token dct_");

        asToken(token, move(batch.id(), "OUT_FOR_DELIVERY"));
        for (BatchOrderRow line : services.queries().orders(batch.id())) {
            asToken(token, "UPDATE delivery_batch_orders SET outcome = 'DELIVERED', proof_of_delivery = '{\"notes\": \"door\"}' "
                    + "WHERE id = " + q(line.id()));
        }
        asToken(token, move(batch.id(), "COMPLETED"));

        assertThat(status(batch.id())).isEqualTo("COMPLETED/" + rider.id());
        assertThat(sql.count("SELECT count(*) FROM pod_versions pv JOIN delivery_batch_orders bo ON bo.id = pv.batch_order_id "
                + "WHERE bo.batch_id = ? AND pv.actor = ? AND pv.db_user = ?", batch.id(), label(token), gateway)).isEqualTo(2);
        assertThat(lastStatusEntry(batch.id())).isEqualTo(label(token) + "|" + gateway + "|COMPLETED");
    }

    @Test
    void aRidersTokenReportsItsOwnPositionAndAvailabilityOnly() throws SQLException {
        RiderRow rider = rider();
        RiderRow other = rider();
        IssuedToken token = issue(ApiTokenScope.rider(rider.id()));
        services.fleet().reportPosition(other.id(), 1, 1, 1f, java.time.Instant.now());

        asToken(token, position(rider.id()), availability(rider.id(), "ON_BREAK"));

        assertThat(sql.value("SELECT lat FROM rider_locations WHERE rider_id = ?", rider.id())).isEqualTo(52.5);
        assertThat(sql.value("SELECT actor || '|' || db_user FROM rider_history WHERE rider_id = ? AND change = 'AVAILABILITY' "
                + "ORDER BY id DESC LIMIT 1", rider.id())).isEqualTo(label(token) + "|" + gateway);
        outOfScope(token, "OUT_OF_SCOPE: Rider " + shortId(rider.id()) + "'s token reports only that rider's own position",
                position(other.id()));
        outOfScope(token, "OUT_OF_SCOPE: Rider " + shortId(rider.id()) + "'s token reports only that rider's own position",
                "UPDATE rider_locations SET lat = 0 WHERE rider_id = " + q(other.id()));
        outOfScope(token, "OUT_OF_SCOPE: Rider " + shortId(rider.id()) + "'s token changes only that rider",
                availability(other.id(), "OFF_DUTY"));
        outOfScope(token, "OUT_OF_SCOPE: Rider " + shortId(rider.id()) + "'s token changes only that rider",
                "UPDATE delivery_riders SET availability = 'OFF_DUTY'");
        assertThat(sql.value("SELECT availability FROM delivery_riders WHERE id = ?", other.id())).isEqualTo("AVAILABLE");

        // Its own app goes on break and back; on and off duty is the control room's (V15).
        asToken(token, availability(rider.id(), "AVAILABLE"));
        outOfScope(token, "RIDER_UNAVAILABLE: Rider " + shortId(rider.id()) + "'s app goes on break and back only",
                availability(rider.id(), "OFF_DUTY"));
        services.fleet().setAvailability(rider.id(), com.dispatchconsole.domain.Availability.OFF_DUTY, "control room");
        outOfScope(token, "RIDER_UNAVAILABLE: Rider " + shortId(rider.id()) + "'s app goes on break and back only",
                availability(rider.id(), "AVAILABLE"));
        outOfScope(token, "RIDER_UNAVAILABLE: Rider " + shortId(rider.id()) + "'s app goes on break and back only",
                availability(rider.id(), "ON_BREAK"));
    }

    @Test
    void aRidersTokenCannotTouchAnotherRidersBatchEvenWhereAGuardWouldSaySomethingElse() {
        RiderRow rider = rider();
        RiderRow other = rider();
        BatchRow theirs = assigned(other);
        BatchRow theirsOut = outForDelivery(other);
        IssuedToken token = issue(ApiTokenScope.rider(rider.id()));
        String notWith = "OUT_OF_SCOPE: Batch %s is not with rider " + shortId(rider.id())
                + "; a rider's token changes only that rider's batches.";

        outOfScope(token, notWith.formatted(shortId(theirs.id())), move(theirs.id(), "PICKED"));
        // The state map would refuse this (ILLEGAL_TRANSITION); the scope is checked first and says why.
        outOfScope(token, notWith.formatted(shortId(theirs.id())), move(theirs.id(), "COMPLETED"));
        outOfScope(token, notWith.formatted(shortId(theirs.id())), "SET LOCAL dispatch.reason = 'mine now'",
                "UPDATE delivery_batches SET rider_id = " + q(rider.id()) + " WHERE id = " + q(theirs.id()));
        BatchOrderRow line = services.queries().orders(theirsOut.id()).get(0);
        outOfScope(token, notWith.formatted(shortId(theirsOut.id())),
                "UPDATE delivery_batch_orders SET outcome = 'FAILED', outcome_reason = 'not home' WHERE id = " + q(line.id()));
        outOfScope(token, "OUT_OF_SCOPE: Batch ", "UPDATE delivery_batches SET version = version");

        assertThat(status(theirs.id())).isEqualTo("ASSIGNED/" + other.id());
        assertThat(sql.value("SELECT outcome FROM delivery_batch_orders WHERE id = ?", line.id())).isEqualTo("PENDING");
    }

    @Test
    void aRidersTokenCannotReassignUnassignOrCancelItsBatchNorCreateBatchesOrOrders() {
        RiderRow rider = rider();
        RiderRow other = rider();
        BatchRow mine = assigned(rider);
        IssuedToken token = issue(ApiTokenScope.rider(rider.id()));
        String handOver = "OUT_OF_SCOPE: A rider's token cannot hand batch " + shortId(mine.id())
                + " to another rider or give it back; dispatch does that.";

        outOfScope(token, handOver, "SET LOCAL dispatch.reason = 'swap'",
                "UPDATE delivery_batches SET rider_id = " + q(other.id()) + " WHERE id = " + q(mine.id()));
        outOfScope(token, handOver, "UPDATE delivery_batches SET status = 'CREATED', rider_id = NULL WHERE id = " + q(mine.id()));
        outOfScope(token, handOver, "SET LOCAL dispatch.reason = 'too far'",
                "UPDATE delivery_batches SET status = 'CANCELLED', rider_id = NULL WHERE id = " + q(mine.id()));
        outOfScope(token, "OUT_OF_SCOPE: A rider's token cannot create or delete batches.",
                "INSERT INTO delivery_batches (id, outlet_id) VALUES (" + q(UUID.randomUUID()) + ", " + q(given.outletId()) + ")");
        UUID order = UUID.randomUUID();
        outOfScope(token, "OUT_OF_SCOPE: A rider token cannot create or change orders.", newOrder(order, given.outletId()));
        BatchOrderRow line = services.queries().orders(mine.id()).get(0);
        outOfScope(token, "OUT_OF_SCOPE: A rider's token cannot add or remove orders.",
                "DELETE FROM delivery_batch_orders WHERE id = " + q(line.id()));
        assertThat(status(mine.id())).isEqualTo("ASSIGNED/" + rider.id());
    }

    // ---- a tracking token -------------------------------------------------------------------------------

    @Test
    void aTrackingTokenWritesNothingNotEvenToItsOwnBatch() {
        RiderRow rider = rider();
        BatchRow batch = assigned(rider);
        IssuedToken token = issue(ApiTokenScope.tracking(batch.id()));
        String nothing = "OUT_OF_SCOPE: A tracking token follows its batch; it changes nothing.";

        outOfScope(token, nothing, move(batch.id(), "PICKED"));
        outOfScope(token, nothing, "INSERT INTO delivery_batches (id, outlet_id) VALUES (" + q(UUID.randomUUID()) + ", "
                + q(given.outletId()) + ")");
        BatchOrderRow line = services.queries().orders(batch.id()).get(0);
        outOfScope(token, nothing, "DELETE FROM delivery_batch_orders WHERE id = " + q(line.id()));
        outOfScope(token, "OUT_OF_SCOPE: A tracking token cannot create or change orders.", newOrder(UUID.randomUUID(),
                given.outletId()));
        outOfScope(token, "OUT_OF_SCOPE: A tracking token cannot report positions.", position(rider.id()));
        outOfScope(token, "OUT_OF_SCOPE: A tracking token cannot change riders.", availability(rider.id(), "AVAILABLE"));
    }

    // ---- an outlet's token ------------------------------------------------------------------------------

    @Test
    void anOutletsTokenCreatesFillsAndCancelsItsOwnBatches() throws SQLException {
        IssuedToken token = issue(ApiTokenScope.outlet(given.outletId()));
        UUID batch = UUID.randomUUID();
        UUID order = UUID.randomUUID();

        asToken(token, "INSERT INTO delivery_batches (id, outlet_id) VALUES (" + q(batch) + ", " + q(given.outletId()) + ")",
                newOrder(order, given.outletId()), newLine(batch, order, 1));
        asToken(token, "SET LOCAL dispatch.reason = 'customer called'", move(batch, "CANCELLED"));

        assertThat(status(batch)).isEqualTo("CANCELLED/-");
        assertThat(sql.value("SELECT string_agg(actor || '|' || db_user || '|' || new_status, ',' ORDER BY id) "
                + "FROM batch_status_history WHERE batch_id = ?", batch)).isEqualTo(label(token) + "|" + gateway + "|CREATED,"
                + label(token) + "|" + gateway + "|CANCELLED");
        assertThat(sql.value("SELECT actor FROM batch_order_history WHERE batch_id = ?", batch)).isEqualTo(label(token));
        assertThat(label(token)).startsWith("api outlet Outlet ").contains(" (token dct_");
    }

    @Test
    void anOutletsTokenCannotCancelAnotherOutletsBatchNorAddOrdersThere() {
        IssuedToken token = issue(ApiTokenScope.outlet(given.outletId()));
        IssuedToken theirToken = issue(ApiTokenScope.outlet(otherOutlet));
        UUID theirBatch = UUID.randomUUID();
        UUID theirOrder = UUID.randomUUID();
        try {
            asToken(theirToken, "INSERT INTO delivery_batches (id, outlet_id) VALUES (" + q(theirBatch) + ", " + q(otherOutlet) + ")",
                    newOrder(theirOrder, otherOutlet), newLine(theirBatch, theirOrder, 1));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String another = "OUT_OF_SCOPE: Batch " + shortId(theirBatch) + " belongs to another outlet; outlet "
                + shortId(given.outletId()) + "'s token changes only its own batches.";

        outOfScope(token, another, "SET LOCAL dispatch.reason = 'not ours'", move(theirBatch, "CANCELLED"));
        UUID mine = UUID.randomUUID();
        outOfScope(token, another, newOrder(mine, given.outletId()), newLine(theirBatch, mine, 2));
        UUID theirs = UUID.randomUUID();
        outOfScope(token, "OUT_OF_SCOPE: Order " + shortId(theirs) + " belongs to another outlet; outlet "
                + shortId(given.outletId()) + "'s token changes only its own orders.", newOrder(theirs, otherOutlet));
        UUID newBatch = UUID.randomUUID();
        outOfScope(token, "OUT_OF_SCOPE: Batch " + shortId(newBatch) + " belongs to another outlet",
                "INSERT INTO delivery_batches (id, outlet_id) VALUES (" + q(newBatch) + ", " + q(otherOutlet) + ")");
        UUID line = (UUID) sql.value("SELECT id FROM delivery_batch_orders WHERE batch_id = ?", theirBatch);
        outOfScope(token, another, "DELETE FROM delivery_batch_orders WHERE id = " + q(line));
        RiderRow rider = rider();
        outOfScope(token, "OUT_OF_SCOPE: An outlet token cannot change riders.", availability(rider.id(), "ON_BREAK"));
        outOfScope(token, "OUT_OF_SCOPE: An outlet token cannot report positions.", position(rider.id()));
        assertThat(status(theirBatch)).isEqualTo("CREATED/-");
    }

    // ---- a system token ---------------------------------------------------------------------------------

    @Test
    void aSystemTokenDoesADispatchersWorkAndTheDatabasesRulesStillHold() throws SQLException {
        RiderRow from = rider();
        RiderRow to = rider();
        BatchRow batch = given.batch(1, "1");

        asToken(systemToken, "UPDATE delivery_batches SET status = 'ASSIGNED', rider_id = " + q(from.id()) + " WHERE id = "
                + q(batch.id()));
        asToken(systemToken, "SET LOCAL dispatch.reason = 'closer'",
                "UPDATE delivery_batches SET rider_id = " + q(to.id()) + " WHERE id = " + q(batch.id()));
        asToken(systemToken, position(from.id()), availability(from.id(), "ON_BREAK"));

        assertThat(status(batch.id())).isEqualTo("ASSIGNED/" + to.id());
        assertThat(sql.value("SELECT actor || '|' || reason FROM rider_assignment_history WHERE batch_id = ? "
                + "ORDER BY id DESC LIMIT 1", batch.id())).isEqualTo("api system billing (token " + systemToken.row().prefix()
                + ")|closer");
        refused(gateway, GUARD, "ILLEGAL_TRANSITION: Batch " + shortId(batch.id()) + " cannot move from ASSIGNED to COMPLETED",
                declaring(ApiTokenSecret.credential(systemToken.token()), move(batch.id(), "COMPLETED")));
        refused(gateway, DENIED, "permission denied", declaring(ApiTokenSecret.credential(systemToken.token()),
                "UPDATE delivery_riders SET max_capacity = 99 WHERE id = " + q(to.id())));
    }

    // ---- whose name the history carries -----------------------------------------------------------------

    @Test
    void aDeclaredOperatorNameCannotOverrideTheTokenInTheHistory() throws SQLException {
        RiderRow rider = rider();
        BatchRow batch = assigned(rider);
        IssuedToken token = issue(ApiTokenScope.rider(rider.id()));

        asToken(token, "SET LOCAL dispatch.operator = 'Olga Petrova'", move(batch.id(), "PICKED"));
        asToken(systemToken, "SET LOCAL dispatch.operator = " + q(dispatcher), move(batch.id(), "OUT_FOR_DELIVERY"));

        assertThat(sql.value("SELECT string_agg(actor, ',' ORDER BY id) FROM batch_status_history WHERE batch_id = ? "
                + "AND new_status IN ('PICKED', 'OUT_FOR_DELIVERY')", batch.id()))
                .isEqualTo(label(token) + "," + label(systemToken));
    }

    @Test
    void nobodyElseMayDeclareANameThatReadsLikeAToken() {
        RiderRow rider = rider();
        BatchRow batch = assigned(rider);
        for (String name : List.of("api rider " + shortId(rider.id()) + " (token dct_AbCd1234)", "API System billing",
                "Api-Outlet 12")) {
            refused(dispatcher, GUARD, "PERMISSION_DENIED: The operator name", "SET LOCAL dispatch.operator = " + q(name),
                    move(batch.id(), "PICKED"));
        }
    }

    // ---- what the gateway's login may read --------------------------------------------------------------

    @Test
    void theGatewaysLoginCannotReadTheTokensButMayAuthenticateOne() throws SQLException {
        refused(gateway, DENIED, "permission denied", "SELECT count(*) FROM api_tokens");
        refused(gateway, DENIED, "permission denied", "SELECT token_hash FROM api_tokens");
        refused(gateway, DENIED, "permission denied", "SELECT * FROM gateway_principal()");
        refused(dispatcher, DENIED, "permission denied",
                "SELECT * FROM api_token_principal(sha256('x'::bytea))");
        try (Connection c = connect(gateway); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT kind || '|' || system_name || '|' || token_prefix FROM api_token_principal("
                     + "decode(" + q(ApiTokenSecret.credential(systemToken.token())) + ", 'hex'))")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("SYSTEM|billing|" + systemToken.row().prefix());
        }
    }

    // ---- everybody else is unaffected -------------------------------------------------------------------

    @Test
    void theConsolesDispatcherAndTheOwnerNeedNoTokenAndADeclaredTokenDoesNotBindThem() throws SQLException {
        RiderRow rider = rider();
        RiderRow other = rider();
        BatchRow first = given.batch(1, "1");
        BatchRow second = given.batch(1, "1");
        IssuedToken othersToken = issue(ApiTokenScope.rider(other.id()));
        String credential = ApiTokenSecret.credential(othersToken.token());

        run(dispatcher, "SET LOCAL dispatch.operator = 'Olga Petrova'", "SELECT set_config('dispatch.api_token', "
                + q(credential) + ", true)", "UPDATE delivery_batches SET status = 'ASSIGNED', rider_id = " + q(rider.id())
                + " WHERE id = " + q(first.id()));
        run(owner.user(), declaring(credential, "UPDATE delivery_batches SET status = 'ASSIGNED', rider_id = "
                + q(rider.id()) + " WHERE id = " + q(second.id())));

        assertThat(lastStatusEntry(first.id())).isEqualTo("Olga Petrova|" + dispatcher + "|ASSIGNED");
        assertThat(lastStatusEntry(second.id())).isEqualTo(owner.user() + "|" + owner.user() + "|ASSIGNED");
    }

    /**
     * An owner with CREATEROLE holds the roles it created WITH ADMIN OPTION but without their privileges (PostgreSQL
     * 16+), which pg_has_role(…, 'MEMBER') counts as membership: such a login is not the gateway. A login that may
     * only SET ROLE to the gateway is, whatever role it has set.
     */
    @Test
    void membershipMeansTheGatewaysPrivilegesNotAnAdminOptionAndSetRoleDoesNotEscape() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String creator = "creator_" + suffix;
        String setter = "setter_" + suffix;
        sql.execute("CREATE ROLE " + creator + " LOGIN PASSWORD '" + Logins.PASSWORD + "' IN ROLE dispatch_dispatcher");
        sql.execute("GRANT dispatch_gateway TO " + creator + " WITH ADMIN OPTION, INHERIT FALSE, SET FALSE");
        sql.execute("CREATE ROLE " + setter + " LOGIN PASSWORD '" + Logins.PASSWORD + "'");
        sql.execute("GRANT dispatch_gateway TO " + setter + " WITH INHERIT FALSE, SET TRUE");
        RiderRow rider = rider();
        BatchRow batch = given.batch(1, "1");

        run(creator, "UPDATE delivery_batches SET status = 'ASSIGNED', rider_id = " + q(rider.id()) + " WHERE id = "
                + q(batch.id()));
        assertThat(lastStatusEntry(batch.id())).isEqualTo(creator + "|" + creator + "|ASSIGNED");

        String noToken = "PERMISSION_DENIED: The gateway's login changes nothing without the API token it acts for";
        refused(setter, GUARD, noToken, "SET LOCAL ROLE dispatch_gateway", move(batch.id(), "PICKED"));
        refused(setter, GUARD, noToken, "SET LOCAL ROLE dispatch_dispatcher", move(batch.id(), "PICKED"));
        refused(gateway, GUARD, noToken, "SET LOCAL ROLE dispatch_dispatcher", move(batch.id(), "PICKED"));
        IssuedToken othersToken = issue(ApiTokenScope.rider(rider().id()));
        outOfScope(othersToken, "OUT_OF_SCOPE: Batch " + shortId(batch.id()), "SET LOCAL ROLE dispatch_dispatcher",
                move(batch.id(), "PICKED"));
        assertThat(status(batch.id())).isEqualTo("ASSIGNED/" + rider.id());
    }

    @Test
    void theServicesStillWorkForTheOwnerAfterTheGatewaysMigration() {
        RiderRow rider = rider();
        BatchRow batch = outForDelivery(rider);
        for (BatchOrderRow line : services.queries().orders(batch.id())) {
            services.batches().recordOutcome(batch.id(), line.orderId(), OrderOutcome.DELIVERED, null, "seed");
        }
        assertThat(services.assignments().transition(batch.id(), BatchStatus.COMPLETED, "Olga", null).status())
                .isEqualTo(BatchStatus.COMPLETED);
        assertThat(lastStatusEntry(batch.id())).isEqualTo("Olga|" + owner.user() + "|COMPLETED");
    }
}

package com.dispatchconsole.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.PodReview;
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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Re-dispatch and dispute follow-up (migration V20) attacked with plain SQL by every operator role and the gateway's
 * login, bypassing the services: a delivered order never goes out again, an order is never in two live batches,
 * the records cannot be altered, and a dispute is followed up once, by someone other than who raised it. Each
 * refusal leaves everything as it was.
 */
@DatabaseTest
class FollowUpGuardsTest {

    private static final String GUARD = "DC000";
    private static final String DENIED = "42501";

    private static DatabaseConfig owner;
    private static Database ownerDb;
    private static DispatchServices services;
    private static Fixtures given;
    private static Sql sql;
    private static String dispatcher;
    private static String supervisor;
    private static String otherSupervisor;
    private static String gateway;
    private static String riderSystem;
    private static int riders;

    @BeforeAll
    static void createDatabaseAndLogins() {
        owner = TestDatabases.fresh();
        ownerDb = Database.open(owner);
        services = new DispatchServices(ownerDb);
        given = new Fixtures(services);
        sql = new Sql(ownerDb.dataSource());
        dispatcher = Logins.create(owner, "dispatch_dispatcher").user();
        supervisor = Logins.create(owner, "dispatch_supervisor").user();
        otherSupervisor = Logins.create(owner, "dispatch_supervisor").user();
        gateway = Logins.create(owner, "dispatch_gateway").user();
        riderSystem = Logins.create(owner, "dispatch_rider_system").user();
    }

    @AfterAll
    static void close() {
        ownerDb.close();
    }

    // ---- set-up through the services -----------------------------------------------------------------------

    /** A FAILED batch of three orders: the first delivered, the second failed at the door, the third pending. */
    private static BatchRow failedBatch() {
        RiderRow rider = given.rider("Rider " + (++riders), 10, "20", 1);
        BatchRow batch = given.outForDelivery(given.batch(3, "1"), rider);
        List<BatchOrderRow> lines = lines(batch.id());
        services.batches().recordOutcome(batch.id(), lines.get(0).orderId(), OrderOutcome.DELIVERED, null, "seed");
        services.batches().recordOutcome(batch.id(), lines.get(1).orderId(), OrderOutcome.FAILED, "nobody home", "seed");
        return services.assignments().transition(batch.id(), BatchStatus.FAILED, "seed", "van broke down");
    }

    private static List<BatchOrderRow> lines(UUID batchId) {
        return services.queries().orders(batchId);
    }

    /** A new CREATED batch of the same outlet, with one order of its own. */
    private static BatchRow target() {
        return given.batch(1, "1");
    }

    private static String redispatch(UUID fromLine, UUID toBatch) {
        return "INSERT INTO order_redispatches (from_line_id, to_batch_id, reason) VALUES (" + q(fromLine) + ", "
                + q(toBatch) + ", 'second try')";
    }

    private static String line(UUID toBatch, UUID orderId, int sequence) {
        return "INSERT INTO delivery_batch_orders (id, batch_id, order_id, sequence) VALUES (" + q(UUID.randomUUID())
                + ", " + q(toBatch) + ", " + q(orderId) + ", " + sequence + ")";
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static void run(String login, String... statements) throws SQLException {
        Logins.run(owner, login, statements);
    }

    private static void refused(String login, String sqlState, String messagePart, String... statements) {
        String before = everything();
        Throwable thrown = catchThrowable(() -> run(login, statements));
        assertThat(thrown).as("refused for %s: %s", login, String.join("; ", statements))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(sqlState))
                .hasMessageContaining(messagePart);
        assertThat(everything()).as("a refused statement changes nothing").isEqualTo(before);
    }

    private static String everything() {
        return sql.fingerprint() + "|" + sql.value("""
                SELECT concat_ws('|',
                  (SELECT string_agg(id::text || batch_id || order_id || dispatch_round, ',' ORDER BY id)
                   FROM delivery_batch_orders),
                  (SELECT string_agg(id::text || from_line_id || to_batch_id || reason || actor || redispatched_at, ','
                                     ORDER BY id) FROM order_redispatches),
                  (SELECT string_agg(id::text || review_id || note || actor || followed_up_at, ',' ORDER BY id)
                   FROM dispute_follow_ups),
                  (SELECT count(*) FROM batch_status_history), (SELECT count(*) FROM batch_order_history))
                """);
    }

    private static String q(Object value) {
        return "'" + value + "'";
    }

    // ---- re-dispatch ---------------------------------------------------------------------------------------

    @Test
    void aDispatcherReDispatchesAPendingOrderWithPlainSqlAndTheDatabaseRecordsWhoWhenAndWhy() throws SQLException {
        BatchRow failed = failedBatch();
        BatchOrderRow pending = lines(failed.id()).get(2);
        BatchRow target = target();

        run(dispatcher, "SELECT set_config('dispatch.operator', 'Olga', true)", redispatch(pending.id(), target.id()),
                line(target.id(), pending.orderId(), 2));

        assertThat(sql.value("SELECT actor || '|' || db_user || '|' || reason || '|' || from_batch_id || '|' || order_id "
                + "FROM order_redispatches WHERE from_line_id = ?", pending.id()))
                .isEqualTo("Olga|" + dispatcher + "|second try|" + failed.id() + "|" + pending.orderId());
        assertThat(sql.count("SELECT dispatch_round FROM delivery_batch_orders WHERE batch_id = ? AND order_id = ?",
                target.id(), pending.orderId())).isEqualTo(2);
        assertThat(sql.count("SELECT order_count FROM delivery_batches WHERE id = ?", target.id())).isEqualTo(2);
    }

    @Test
    void noRoleNorTheGatewayReDispatchesADeliveredOrder() {
        BatchRow failed = failedBatch();
        BatchOrderRow delivered = lines(failed.id()).get(0);
        BatchRow target = target();
        for (String login : List.of(dispatcher, supervisor, owner.user())) {
            refused(login, GUARD, "INVALID_ARGUMENT: The order for " + delivered.customerName() + " in batch "
                    + failed.id().toString().substring(0, 8) + " was delivered; a delivered order is never re-dispatched",
                    redispatch(delivered.id(), target.id()), line(target.id(), delivered.orderId(), 2));
            // Without the record, the line alone: the order is still in its failed batch.
            refused(login, GUARD, "INVALID_ARGUMENT: Order " + delivered.orderId().toString().substring(0, 8)
                    + " is in batch " + failed.id().toString().substring(0, 8) + " (FAILED); an order is in one batch at a time",
                    line(target.id(), delivered.orderId(), 2));
        }
        refused(gateway, GUARD, "PERMISSION_DENIED: The gateway does not re-dispatch orders",
                redispatch(lines(failed.id()).get(2).id(), target.id()), line(target.id(), lines(failed.id()).get(2).orderId(), 2));
        refused(riderSystem, DENIED, "permission denied", redispatch(lines(failed.id()).get(2).id(), target.id()));
    }

    @Test
    void anOrderIsNeverInTwoLiveBatches() throws SQLException {
        // An order in a CREATED batch cannot be put in another one.
        BatchRow open = given.batch(1, "1");
        BatchOrderRow openLine = lines(open.id()).get(0);
        BatchRow other = target();
        refused(dispatcher, GUARD, "is in batch " + open.id().toString().substring(0, 8) + " (CREATED)",
                line(other.id(), openLine.orderId(), 2));
        // Nor re-dispatched out of a batch that did not fail.
        refused(dispatcher, GUARD, "INVALID_BATCH_STATUS: Batch " + open.id().toString().substring(0, 8) + " is CREATED; "
                + "only the orders of a FAILED batch are re-dispatched", redispatch(openLine.id(), other.id()),
                line(other.id(), openLine.orderId(), 2));

        // Re-dispatched once, the order is in its new batch only: not again from the failed batch, not anywhere else.
        BatchRow failed = failedBatch();
        BatchOrderRow pending = lines(failed.id()).get(2);
        BatchRow first = target();
        BatchRow second = target();
        run(dispatcher, redispatch(pending.id(), first.id()), line(first.id(), pending.orderId(), 2));
        refused(supervisor, GUARD, "ALREADY_CHANGED: The order for " + pending.customerName() + " was already re-dispatched",
                redispatch(pending.id(), second.id()), line(second.id(), pending.orderId(), 2));
        refused(supervisor, GUARD, "is in batch " + first.id().toString().substring(0, 8) + " (CREATED)",
                line(second.id(), pending.orderId(), 2));
        // A record without the line is refused at commit: an order is never left between batches.
        BatchOrderRow failedAtDoor = lines(failed.id()).get(1);
        refused(dispatcher, GUARD, "needs the order's line in that batch", redispatch(failedAtDoor.id(), second.id()));
        // The owner cannot set a round by hand: the database computes it.
        refused(owner.user(), "23505", "delivery_batch_orders_order_round_key",
                "ALTER TABLE delivery_batch_orders DISABLE TRIGGER delivery_batch_orders_round",
                line(second.id(), pending.orderId(), 2));
        assertThat(sql.count("SELECT count(*) FROM delivery_batch_orders bo JOIN delivery_batches b ON b.id = bo.batch_id "
                + "WHERE bo.order_id = ? AND b.status = 'CREATED'", pending.orderId())).isEqualTo(1);
    }

    @Test
    void twoWritersReDispatchingTheSameLineAtOnceMakeExactlyOneNewLine() throws Exception {
        BatchRow failed = failedBatch();
        BatchOrderRow pending = lines(failed.id()).get(2);
        BatchRow first = target();
        BatchRow second = target();
        try (Connection a = Logins.connect(owner, dispatcher); Statement sa = a.createStatement();
             Connection b = Logins.connect(owner, supervisor); Statement sb = b.createStatement()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            sa.execute(redispatch(pending.id(), first.id()));
            sa.execute(line(first.id(), pending.orderId(), 2));
            // The second writer waits on the first one's row, then finds the line taken.
            CompletableFuture<Throwable> other = CompletableFuture.supplyAsync(() -> catchThrowable(() -> {
                sb.execute(redispatch(pending.id(), second.id()));
                sb.execute(line(second.id(), pending.orderId(), 2));
                b.commit();
            }));
            a.commit();
            Throwable thrown = other.get(20, TimeUnit.SECONDS);
            b.rollback();
            assertThat(thrown).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isIn("23505", GUARD));
        }
        assertThat(sql.count("SELECT count(*) FROM delivery_batch_orders WHERE order_id = ? AND dispatch_round = 2",
                pending.orderId())).isEqualTo(1);
        assertThat(sql.count("SELECT count(*) FROM order_redispatches WHERE from_line_id = ?", pending.id())).isEqualTo(1);
        assertThat(sql.count("SELECT order_count FROM delivery_batches WHERE id = ?", second.id())).isEqualTo(1);
    }

    @Test
    void theReDispatchRecordCannotBeAlteredAndTheReDispatchedLineNotRemoved() throws SQLException {
        BatchRow failed = failedBatch();
        BatchOrderRow pending = lines(failed.id()).get(2);
        BatchRow target = target();
        run(dispatcher, redispatch(pending.id(), target.id()), line(target.id(), pending.orderId(), 2));
        for (String login : List.of(dispatcher, supervisor, gateway)) {
            refused(login, DENIED, "permission denied", "UPDATE order_redispatches SET reason = 'nothing happened'");
            refused(login, DENIED, "permission denied", "DELETE FROM order_redispatches");
            refused(login, DENIED, "permission denied", "UPDATE delivery_batch_orders SET dispatch_round = 1");
        }
        refused(owner.user(), DENIED, "append-only", "UPDATE order_redispatches SET reason = 'nothing happened'");
        refused(owner.user(), DENIED, "append-only", "DELETE FROM order_redispatches");
        refused(owner.user(), DENIED, "append-only", "TRUNCATE order_redispatches CASCADE");
        refused(owner.user(), GUARD, "dispatch round never changes",
                "UPDATE delivery_batch_orders SET dispatch_round = 3 WHERE batch_id = " + q(target.id()));
        refused(dispatcher, GUARD, "INVALID_BATCH_STATUS: The order in line 2 was re-dispatched from a failed batch",
                "DELETE FROM delivery_batch_orders WHERE batch_id = " + q(target.id()) + " AND order_id = " + q(pending.orderId()));
    }

    // ---- dispute follow-up -----------------------------------------------------------------------------------

    /** A delivered PoD recorded by the dispatcher and disputed by the supervisor; returns the review id. */
    private static long disputed() throws SQLException {
        RiderRow rider = given.rider("Rider " + (++riders), 10, "20", 1);
        BatchRow batch = given.outForDelivery(given.batch(1, "1"), rider);
        BatchOrderRow line = lines(batch.id()).get(0);
        run(dispatcher, "UPDATE delivery_batch_orders SET outcome = 'DELIVERED', proof_of_delivery = '{\"notes\": \"door\"}' "
                + "WHERE id = " + q(line.id()));
        run(supervisor, "INSERT INTO pod_reviews (batch_order_id, pod_version, verdict, note) VALUES (" + q(line.id())
                + ", 1, 'DISPUTED', 'no photo')");
        return ((Number) sql.value("SELECT max(id) FROM pod_reviews WHERE batch_order_id = ?", line.id())).longValue();
    }

    private static String followUp(long reviewId, String note) {
        return "INSERT INTO dispute_follow_ups (review_id, note) VALUES (" + reviewId + ", " + (note == null ? "NULL" : q(note)) + ")";
    }

    @Test
    void aDisputeIsFollowedUpOnceByAnotherLoginThanWhoRaisedItAndTheRecordStays() throws SQLException {
        long review = disputed();
        refused(supervisor, GUARD, "PERMISSION_DENIED: You raised this dispute; another operator follows it up",
                followUp(review, "called the customer"));
        refused(gateway, GUARD, "PERMISSION_DENIED: The gateway does not follow up disputes", followUp(review, "done"));
        refused(riderSystem, DENIED, "permission denied", followUp(review, "done"));
        refused(dispatcher, GUARD, "INVALID_ARGUMENT: Say how the dispute was followed up", followUp(review, "  "));

        run(dispatcher, "SELECT set_config('dispatch.operator', 'Olga', true)", followUp(review, "called the customer: received"));
        assertThat(sql.value("SELECT actor || '|' || db_user || '|' || note FROM dispute_follow_ups WHERE review_id = ?", review))
                .isEqualTo("Olga|" + dispatcher + "|called the customer: received");

        refused(otherSupervisor, GUARD, "ALREADY_CHANGED: This dispute was already followed up by Olga",
                followUp(review, "again"));
        for (String login : List.of(dispatcher, supervisor)) {
            refused(login, DENIED, "permission denied", "UPDATE dispute_follow_ups SET note = 'never mind'");
            refused(login, DENIED, "permission denied", "DELETE FROM dispute_follow_ups");
        }
        refused(owner.user(), DENIED, "append-only", "UPDATE dispute_follow_ups SET note = 'never mind'");
        refused(owner.user(), DENIED, "append-only", "DELETE FROM dispute_follow_ups");
    }

    @Test
    void onlyADisputeIsFollowedUp() throws SQLException {
        long review = disputed();
        UUID line = (UUID) sql.value("SELECT batch_order_id FROM pod_reviews WHERE id = ?", review);
        run(otherSupervisor, "INSERT INTO pod_reviews (batch_order_id, pod_version, verdict) VALUES (" + q(line) + ", 1, '"
                + PodReview.Verdict.ACCEPTED + "')");
        long accepted = ((Number) sql.value("SELECT max(id) FROM pod_reviews")).longValue();
        refused(dispatcher, GUARD, "INVALID_ARGUMENT: Review " + accepted + " is not a dispute", followUp(accepted, "fine"));
    }
}

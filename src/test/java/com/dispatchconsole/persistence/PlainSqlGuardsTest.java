package com.dispatchconsole.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.PodRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The adversary's view: every operator role attacks the database with plain SQL, bypassing the services. Each test
 * is one bypass and asserts what a user would notice: the statement is refused (DC000 "CODE: sentence" from a
 * guard, or 42501 from the GRANTs) and nothing changed, or, where the change is legitimate, that the database
 * itself recorded it with the real login and the server's clock.
 */
@DatabaseTest
class PlainSqlGuardsTest {

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
    private static String admin;
    private static String riderSystem;
    private static int riders;

    @BeforeAll
    static void createDatabaseAndLogins() throws SQLException {
        owner = TestDatabases.fresh();
        ownerDb = Database.open(owner);
        services = new DispatchServices(ownerDb);
        given = new Fixtures(services);
        sql = new Sql(ownerDb.dataSource());
        dispatcher = Logins.create(owner, "dispatch_dispatcher").user();
        supervisor = Logins.create(owner, "dispatch_supervisor").user();
        otherSupervisor = Logins.create(owner, "dispatch_supervisor").user();
        admin = Logins.create(owner, "dispatch_admin").user();
        riderSystem = Logins.create(owner, "dispatch_rider_system").user();
        // Something in every history table, so row-level triggers have rows to fire on.
        BatchOrderRow seed = deliveredBy(dispatcher, "{\"notes\": \"seed\"}");
        run(supervisor, "INSERT INTO pod_reviews (batch_order_id, pod_version, verdict) VALUES (" + q(seed.id()) + ", 1, 'ACCEPTED')");
    }

    @AfterAll
    static void close() {
        ownerDb.close();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static Connection connect(String login) throws SQLException {
        return Logins.connect(owner, login);
    }

    /** Runs the statements as one transaction of {@code login}; the first failure rolls it back and is thrown. */
    private static void run(String login, String... statements) throws SQLException {
        Logins.run(owner, login, statements);
    }

    /** As {@link #run}, in autocommit mode: the statements manage their own transaction (BEGIN … COMMIT). */
    private static void runRaw(String login, String... statements) throws SQLException {
        try (Connection c = connect(login); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            try {
                for (String statement : statements) {
                    st.execute(statement);
                }
            } catch (SQLException e) {
                st.execute("ROLLBACK");
                throw e;
            }
        }
    }

    /** The statements fail with {@code sqlState} and a message containing {@code messagePart}; nothing changed. */
    private static void refused(String login, String sqlState, String messagePart, String... statements) {
        String before = everything();
        Throwable thrown = catchThrowable(() -> run(login, statements));
        assertThat(thrown).as("refused for %s: %s", login, String.join("; ", statements))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(sqlState))
                .hasMessageContaining(messagePart);
        assertThat(everything()).as("a refused statement changes nothing").isEqualTo(before);
    }

    /** Refused by a guard trigger: SQLSTATE DC000, message "CODE: sentence…". */
    private static void guarded(String login, String codeAndSentence, String... statements) {
        refused(login, GUARD, codeAndSentence, statements);
    }

    /** Refused by the GRANTs. */
    private static void denied(String login, String... statements) {
        refused(login, DENIED, "permission denied", statements);
    }

    /** Everything an attack could change: the shared fingerprint plus riders, contents, PoDs and all history. */
    private static String everything() {
        return sql.fingerprint() + "|" + sql.value("""
                SELECT concat_ws('|',
                  (SELECT count(*) FROM rider_history), (SELECT count(*) FROM batch_order_history),
                  (SELECT count(*) FROM pod_versions), (SELECT count(*) FROM pod_reviews),
                  (SELECT count(*) FROM batch_transitions),
                  (SELECT string_agg(id::text || name || max_weight_kg || max_active_batches || updated_at, ',' ORDER BY id)
                   FROM delivery_riders),
                  (SELECT string_agg(id::text || outlet_id || updated_at || status_changed_at, ',' ORDER BY id)
                   FROM delivery_batches),
                  (SELECT string_agg(id::text || batch_id || order_id || outcome_version
                                     || coalesce(md5(proof_of_delivery::text), '-'), ',' ORDER BY id)
                   FROM delivery_batch_orders),
                  (SELECT string_agg(id::text || outlet_id || weight_kg, ',' ORDER BY id) FROM orders),
                  (SELECT string_agg(rider_id::text || ':' || lat || ':' || lon || ':' || received_at, ',' ORDER BY rider_id)
                   FROM rider_locations))
                """);
    }

    private static String q(Object value) {
        return "'" + value + "'";
    }

    private static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }

    private static RiderRow rider(int maxOrders, String maxKg, int maxBatches) {
        return given.rider("Rider " + (++riders), maxOrders, maxKg, maxBatches);
    }

    private static BatchRow assigned(RiderRow rider, int orders, String kgEach) {
        BatchRow batch = given.batch(orders, kgEach);
        services.assignments().assign(batch.id(), rider.id(), "seed");
        return batch;
    }

    private static BatchRow picked(RiderRow rider, int orders, String kgEach) {
        BatchRow batch = assigned(rider, orders, kgEach);
        services.assignments().transition(batch.id(), BatchStatus.PICKED, "seed", null);
        return batch;
    }

    private static BatchRow outForDelivery(RiderRow rider, int orders, String kgEach) {
        BatchRow batch = picked(rider, orders, kgEach);
        services.assignments().transition(batch.id(), BatchStatus.OUT_FOR_DELIVERY, "seed", null);
        return batch;
    }

    private static BatchRow completed(RiderRow rider) {
        BatchRow batch = outForDelivery(rider, 1, "1");
        for (BatchOrderRow line : lines(batch)) {
            services.batches().recordOutcome(batch.id(), line.orderId(), OrderOutcome.DELIVERED, null, "seed");
        }
        services.assignments().transition(batch.id(), BatchStatus.COMPLETED, "seed", null);
        return batch;
    }

    private static List<BatchOrderRow> lines(BatchRow batch) {
        return services.queries().orders(batch.id());
    }

    /** A delivered line whose PoD (version 1) {@code login} recorded with plain SQL, its batch still out. */
    private static BatchOrderRow deliveredBy(String login, String document) {
        BatchRow batch = outForDelivery(rider(10, "20", 1), 1, "1");
        BatchOrderRow line = lines(batch).get(0);
        try {
            run(login, "UPDATE delivery_batch_orders SET outcome = 'DELIVERED', proof_of_delivery = " + q(document)
                    + " WHERE id = " + q(line.id()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return line;
    }

    private static String statusOf(BatchRow batch) {
        return (String) sql.value("SELECT status FROM delivery_batches WHERE id = ?", batch.id());
    }

    private static String assign(BatchRow batch, RiderRow rider) {
        return "UPDATE delivery_batches SET status = 'ASSIGNED', rider_id = " + q(rider.id()) + " WHERE id = "
                + q(batch.id());
    }

    private static String newOrder(UUID id, UUID outlet, String customer, String kg) {
        return "INSERT INTO orders (id, outlet_id, customer_name, delivery_address, weight_kg) VALUES (" + q(id) + ", "
                + q(outlet) + ", " + q(customer) + ", '1 Side Street', " + kg + ")";
    }

    private static String newLine(UUID batch, UUID order, int sequence) {
        return "INSERT INTO delivery_batch_orders (id, batch_id, order_id, sequence) VALUES (" + q(UUID.randomUUID())
                + ", " + q(batch) + ", " + q(order) + ", " + sequence + ")";
    }

    /** A history row that the server stamped: the given login and a time from the last minutes, not 2019. */
    private static long stampedRows(String table, String timeColumn, String loginColumn, String login, String where,
                                    Object... args) {
        return sql.count("SELECT count(*) FROM " + table + " WHERE " + where + " AND " + loginColumn + " = '" + login
                + "' AND " + timeColumn + " BETWEEN now() - interval '10 minutes' AND now()", args);
    }

    // ---- the state map -------------------------------------------------------------------------------------

    @Test
    void aCreatedBatchCannotJumpToCompleted() {
        BatchRow batch = given.batch(1, "1");
        guarded(dispatcher, "ILLEGAL_TRANSITION: Batch " + shortId(batch.id()) + " cannot move from CREATED to COMPLETED",
                "UPDATE delivery_batches SET status = 'COMPLETED' WHERE id = " + q(batch.id()));
        assertThat(statusOf(batch)).isEqualTo("CREATED");
    }

    @Test
    void aCompletedBatchCannotBeReopened() {
        RiderRow rider = rider(10, "20", 2);
        BatchRow batch = completed(rider);
        guarded(dispatcher, "ILLEGAL_TRANSITION: Batch " + shortId(batch.id()) + " cannot move from COMPLETED to CREATED",
                "UPDATE delivery_batches SET status = 'CREATED', rider_id = NULL WHERE id = " + q(batch.id()));
        guarded(dispatcher, "ILLEGAL_TRANSITION: Batch " + shortId(batch.id()) + " cannot move from COMPLETED to ASSIGNED",
                "UPDATE delivery_batches SET status = 'ASSIGNED' WHERE id = " + q(batch.id()));
        assertThat(statusOf(batch)).isEqualTo("COMPLETED");
    }

    @Test
    void aPickedBatchCannotGoBackToCreated() {
        BatchRow batch = picked(rider(10, "20", 1), 1, "1");
        guarded(dispatcher, "ILLEGAL_TRANSITION: Batch " + shortId(batch.id()) + " cannot move from PICKED to CREATED",
                "UPDATE delivery_batches SET status = 'CREATED', rider_id = NULL WHERE id = " + q(batch.id()));
        assertThat(statusOf(batch)).isEqualTo("PICKED");
    }

    @Test
    void cancellingOrFailingABatchNeedsAReasonAndRecordsIt() throws SQLException {
        BatchRow created = given.batch(1, "1");
        guarded(dispatcher, "INVALID_ARGUMENT: A reason is required to cancel a batch",
                "UPDATE delivery_batches SET status = 'CANCELLED' WHERE id = " + q(created.id()));
        BatchRow picked = picked(rider(10, "20", 1), 1, "1");
        guarded(dispatcher, "INVALID_ARGUMENT: A reason is required to fail a batch",
                "SET LOCAL dispatch.reason = '   '",
                "UPDATE delivery_batches SET status = 'FAILED' WHERE id = " + q(picked.id()));

        run(dispatcher, "SET LOCAL dispatch.reason = 'Van broke down'",
                "UPDATE delivery_batches SET status = 'FAILED' WHERE id = " + q(picked.id()));

        assertThat(stampedRows("batch_status_history", "changed_at", "db_user", dispatcher,
                "batch_id = ? AND old_status = 'PICKED' AND new_status = 'FAILED' AND reason = 'Van broke down'",
                picked.id())).isEqualTo(1);
    }

    @Test
    void aReassignNeedsAReasonAndOnlyAnAssignedBatchChangesRider() throws SQLException {
        RiderRow from = rider(10, "20", 1);
        RiderRow to = rider(10, "20", 1);
        BatchRow batch = assigned(from, 1, "1");
        guarded(dispatcher, "INVALID_ARGUMENT: A reason is required to reassign a batch",
                "UPDATE delivery_batches SET rider_id = " + q(to.id()) + " WHERE id = " + q(batch.id()));
        BatchRow picked = picked(rider(10, "20", 1), 1, "1");
        guarded(dispatcher, "INVALID_BATCH_STATUS: Batch " + shortId(picked.id()) + " is PICKED; only ASSIGNED batches",
                "SET LOCAL dispatch.reason = 'swap'",
                "UPDATE delivery_batches SET rider_id = " + q(to.id()) + " WHERE id = " + q(picked.id()));

        run(dispatcher, "SET LOCAL dispatch.reason = 'Flat tyre'",
                "UPDATE delivery_batches SET rider_id = " + q(to.id()) + " WHERE id = " + q(batch.id()));

        assertThat(stampedRows("rider_assignment_history", "changed_at", "db_user", dispatcher,
                "batch_id = ? AND old_rider_id = ? AND new_rider_id = ? AND reason = 'Flat tyre'",
                batch.id(), from.id(), to.id())).isEqualTo(1);
    }

    // ---- riders: limits, details, availability -------------------------------------------------------------

    @Test
    void aDispatcherCannotChangeARidersLimitsOrName() {
        RiderRow rider = rider(5, "10", 1);
        assigned(rider, 3, "2");
        for (String change : new String[] {"max_capacity = 1", "max_capacity = 50", "max_weight_kg = 1",
            "max_weight_kg = 500", "max_active_batches = 9", "name = 'Renamed'"}) {
            denied(dispatcher, "UPDATE delivery_riders SET " + change + " WHERE id = " + q(rider.id()));
        }
        assertThat(sql.value("SELECT name FROM delivery_riders WHERE id = ?", rider.id())).isEqualTo(rider.name());
    }

    @Test
    void anAdminCannotCutARidersLimitsBelowTheirLoad() {
        RiderRow rider = rider(10, "20", 2);
        assigned(rider, 1, "3");
        assigned(rider, 1, "3");
        String where = " WHERE id = " + q(rider.id());
        guarded(admin, "CAPACITY_EXCEEDED: The new limits are below what " + rider.name() + " carries now: 2 orders, limit 1",
                "UPDATE delivery_riders SET max_capacity = 1" + where);
        guarded(admin, "WEIGHT_EXCEEDED: The new limits are below what " + rider.name() + " carries now: 6",
                "UPDATE delivery_riders SET max_weight_kg = 5" + where);
        guarded(admin, "ACTIVE_BATCH_LIMIT: The new limits are below what " + rider.name() + " carries now: 2 active",
                "UPDATE delivery_riders SET max_active_batches = 1" + where);
    }

    @Test
    void anAdminRaisingLimitsIsRecordedUnderTheAdminsLogin() throws SQLException {
        RiderRow rider = rider(5, "10", 1);
        run(admin, "SET LOCAL dispatch.reason = 'New cargo bike'",
                "UPDATE delivery_riders SET max_capacity = 20, max_weight_kg = 40, updated_at = '2019-01-01' "
                        + "WHERE id = " + q(rider.id()));

        assertThat(stampedRows("rider_history", "changed_at", "db_user", admin,
                "rider_id = ? AND change = 'LIMITS' AND old_value ->> 'maxOrders' = '5' "
                        + "AND new_value ->> 'maxOrders' = '20' AND reason = 'New cargo bike'", rider.id())).isEqualTo(1);
        assertThat(sql.count("SELECT count(*) FROM delivery_riders WHERE id = ? AND updated_at > '2020-01-01'",
                rider.id())).as("updated_at is the server's").isEqualTo(1);
    }

    @Test
    void anOffDutyOrOnBreakRiderCannotBeGivenABatch() {
        RiderRow offDuty = rider(10, "20", 1);
        RiderRow onBreak = rider(10, "20", 1);
        services.fleet().setAvailability(offDuty.id(), Availability.OFF_DUTY, "seed");
        services.fleet().setAvailability(onBreak.id(), Availability.ON_BREAK, "seed");
        BatchRow batch = given.batch(1, "1");
        guarded(dispatcher, "RIDER_UNAVAILABLE: " + offDuty.name() + " is off duty", assign(batch, offDuty));
        guarded(dispatcher, "RIDER_UNAVAILABLE: " + onBreak.name() + " is on break", assign(batch, onBreak));
        assertThat(statusOf(batch)).isEqualTo("CREATED");
    }

    @Test
    void aRiderCannotBeGivenMoreBatchesOrdersOrKilosThanTheirLimits() {
        RiderRow busy = rider(10, "20", 1);
        assigned(busy, 1, "1");
        guarded(dispatcher, "ACTIVE_BATCH_LIMIT: " + busy.name() + " already carries 1 of at most 1 active batch",
                assign(given.batch(1, "1"), busy));
        RiderRow small = rider(3, "100", 1);
        guarded(dispatcher, "CAPACITY_EXCEEDED: " + small.name() + " would carry 4 orders; the limit is 3",
                assign(given.batch(4, "1"), small));
        RiderRow weak = rider(10, "10", 1);
        guarded(dispatcher, "WEIGHT_EXCEEDED: " + weak.name() + " would carry 12 kg; the limit is 10 kg",
                assign(given.batch(1, "12"), weak));
    }

    @Test
    void ordersAddedToAnAssignedBatchMustStillFitTheRider() {
        RiderRow rider = rider(2, "20", 1);
        BatchRow batch = assigned(rider, 2, "1");
        UUID order = UUID.randomUUID();
        guarded(dispatcher, "CAPACITY_EXCEEDED: " + rider.name() + " would carry 3 orders; the limit is 2",
                newOrder(order, given.outletId(), "One too many", "1"), newLine(batch.id(), order, 3));
    }

    @Test
    void aRiderCarryingABatchCannotGoOffDutyOrOnBreak() {
        RiderRow rider = rider(10, "20", 1);
        assigned(rider, 1, "1");
        guarded(dispatcher, "RIDER_HAS_ACTIVE_BATCHES: " + rider.name() + " still carries 1 active batch",
                "UPDATE delivery_riders SET availability = 'OFF_DUTY' WHERE id = " + q(rider.id()));
        guarded(dispatcher, "RIDER_HAS_ACTIVE_BATCHES: " + rider.name() + " still carries 1 active batch",
                "UPDATE delivery_riders SET availability = 'ON_BREAK' WHERE id = " + q(rider.id()));
    }

    // ---- history is written by the database only ----------------------------------------------------------

    /** Back-dated rows in another operator's name, one per history table. */
    private static String[] forgedHistory() {
        BatchOrderRow line = deliveredBy(dispatcher, "{\"notes\": \"forged\"}");
        UUID batch = (UUID) sql.value("SELECT batch_id FROM delivery_batch_orders WHERE id = ?", line.id());
        UUID rider = (UUID) sql.value("SELECT rider_id FROM delivery_batches WHERE id = ?", batch);
        String when = "'2019-01-01'";
        String who = q(supervisor);
        return new String[] {
            "INSERT INTO batch_status_history (batch_id, old_status, new_status, actor, db_user, changed_at) VALUES ("
                    + q(batch) + ", 'OUT_FOR_DELIVERY', 'COMPLETED', 'Backdated Boss', " + who + ", " + when + ")",
            "INSERT INTO rider_assignment_history (batch_id, old_rider_id, new_rider_id, actor, db_user, changed_at) "
                    + "VALUES (" + q(batch) + ", NULL, " + q(rider) + ", 'Backdated Boss', " + who + ", " + when + ")",
            "INSERT INTO rider_history (rider_id, change, new_value, actor, db_user, changed_at) VALUES (" + q(rider)
                    + ", 'AVAILABILITY', '\"OFF_DUTY\"', 'Backdated Boss', " + who + ", " + when + ")",
            "INSERT INTO batch_order_history (batch_id, batch_order_id, order_id, change, sequence, customer_name, "
                    + "weight_kg, actor, db_user, changed_at) VALUES (" + q(batch) + ", " + q(line.id()) + ", "
                    + q(line.orderId()) + ", 'ADDED', 1, 'Ghost', 1, 'Backdated Boss', " + who + ", " + when + ")",
            "INSERT INTO pod_versions (batch_order_id, version, outcome, proof_of_delivery, actor, db_user, recorded_at) "
                    + "VALUES (" + q(line.id()) + ", 7, 'DELIVERED', '{}', 'Backdated Boss', " + who + ", " + when + ")",
            "INSERT INTO pod_reviews (batch_order_id, pod_version, verdict, note, reviewer, reviewed_at) VALUES ("
                    + q(line.id()) + ", 1, 'ACCEPTED', 'Backdated Boss', " + who + ", " + when + ")"};
    }

    @Test
    void noOperatorCanInsertHistoryRowsDirectly() {
        String[] forged = forgedHistory();
        for (String login : new String[] {dispatcher, supervisor, admin, riderSystem}) {
            for (String insert : forged) {
                denied(login, insert);
            }
        }
    }

    @Test
    void evenTheOwnersHistoryInsertsGetTheServersClockAndTheRealLogin() throws SQLException {
        for (String insert : forgedHistory()) {
            run(owner.user(), insert);
        }
        String postgres = owner.user();
        for (String table : new String[] {"batch_status_history", "rider_assignment_history", "rider_history",
            "batch_order_history"}) {
            assertThat(stampedRows(table, "changed_at", "db_user", postgres, "actor = 'Backdated Boss'"))
                    .as(table).isEqualTo(1);
            assertThat(sql.count("SELECT count(*) FROM " + table + " WHERE changed_at < '2020-01-01'"))
                    .as(table + ": nothing back-dated").isZero();
        }
        assertThat(stampedRows("pod_versions", "recorded_at", "db_user", postgres, "actor = 'Backdated Boss'"))
                .isEqualTo(1);
        assertThat(stampedRows("pod_reviews", "reviewed_at", "reviewer", postgres, "note = 'Backdated Boss'"))
                .isEqualTo(1);
    }

    @Test
    void noOperatorCanRewriteOrEraseAnyHistoryOrTheStateMap() {
        String[] tables = {"batch_status_history", "rider_assignment_history", "rider_history", "batch_order_history",
            "pod_versions", "pod_reviews", "batch_transitions"};
        for (String login : new String[] {dispatcher, supervisor, admin}) {
            for (String table : tables) {
                String column = table.equals("batch_transitions") ? "to_status" : table.equals("pod_reviews") ? "note" : "actor";
                denied(login, "UPDATE " + table + " SET " + column + " = 'rewritten'");
                denied(login, "DELETE FROM " + table);
                denied(login, "TRUNCATE " + table);
            }
            denied(login, "INSERT INTO batch_transitions VALUES ('COMPLETED', 'CREATED')");
        }
        // The owner is refused by the append-only triggers (SQLSTATE 42501 as well).
        for (String table : tables) {
            refused(owner.user(), DENIED, "is append-only", "DELETE FROM " + table);
            refused(owner.user(), DENIED, "is append-only", "TRUNCATE " + table);
        }
        refused(owner.user(), DENIED, "batch_transitions is append-only",
                "INSERT INTO batch_transitions VALUES ('COMPLETED', 'CREATED')");
    }

    // ---- batches: inserted and updated by hand ------------------------------------------------------------

    @Test
    void aBatchCannotBeInsertedCompletedOrWithARider() {
        RiderRow rider = rider(10, "20", 1);
        String columns = "INSERT INTO delivery_batches (id, outlet_id, status, rider_id) VALUES (" + q(UUID.randomUUID())
                + ", " + q(given.outletId()) + ", ";
        guarded(dispatcher, "ILLEGAL_TRANSITION: A batch is created as CREATED, without a rider",
                columns + "'COMPLETED', " + q(rider.id()) + ")");
        guarded(dispatcher, "ILLEGAL_TRANSITION: A batch is created as CREATED, without a rider",
                columns + "'ASSIGNED', " + q(rider.id()) + ")");
    }

    @Test
    void aBatchsTotalsAreComputedFromItsOrdersNotTakenFromTheInsert() throws SQLException {
        UUID batch = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        run(dispatcher, "INSERT INTO delivery_batches (id, outlet_id, order_count, total_weight_kg, version, created_at) "
                + "VALUES (" + q(batch) + ", " + q(given.outletId()) + ", 50, 999, 42, '2019-01-01')");
        assertThat(sql.value("SELECT order_count || '/' || total_weight_kg || '/' || version FROM delivery_batches "
                + "WHERE id = ? AND created_at > '2020-01-01'", batch)).isEqualTo("0/0.00/0");

        run(dispatcher, newOrder(first, given.outletId(), "First", "1.25"), newOrder(second, given.outletId(), "Second", "2.5"),
                newLine(batch, first, 1), newLine(batch, second, 2));

        assertThat(sql.value("""
                SELECT b.order_count = count(o.id) AND b.total_weight_kg = sum(o.weight_kg)
                FROM delivery_batches b JOIN delivery_batch_orders bo ON bo.batch_id = b.id JOIN orders o ON o.id = bo.order_id
                WHERE b.id = ? GROUP BY b.id""", batch)).isEqualTo(true);
        assertThat(sql.value("SELECT order_count || '/' || total_weight_kg FROM delivery_batches WHERE id = ?", batch))
                .isEqualTo("2/3.75");
        assertThat(stampedRows("batch_order_history", "changed_at", "db_user", dispatcher,
                "batch_id = ? AND change = 'ADDED'", batch)).isEqualTo(2);
    }

    @Test
    void aDispatcherCannotSetABatchsComputedOrFixedColumns() {
        BatchRow batch = given.batch(2, "1");
        UUID otherOutlet = services.fleet().createOutlet("Other " + UUID.randomUUID().toString().substring(0, 6), "x");
        String where = " WHERE id = " + q(batch.id());
        denied(dispatcher, "UPDATE delivery_batches SET order_count = 50" + where);
        denied(dispatcher, "UPDATE delivery_batches SET total_weight_kg = 999" + where);
        denied(dispatcher, "UPDATE delivery_batches SET outlet_id = " + q(otherOutlet) + where);
        denied(dispatcher, "UPDATE delivery_batches SET id = " + q(UUID.randomUUID()) + where);
        denied(dispatcher, "UPDATE delivery_batches SET created_at = '2019-01-01'" + where);
        // Even the owner, who has every privilege, meets the guard.
        guarded(owner.user(), "INVALID_ARGUMENT: A batch's order count and weight are computed from its orders (2 orders, 2 kg)",
                "UPDATE delivery_batches SET order_count = 50, total_weight_kg = 999" + where);
        guarded(owner.user(), "INVALID_ARGUMENT: A batch's id, outlet and creation time never change",
                "UPDATE delivery_batches SET outlet_id = " + q(otherOutlet) + where);
        guarded(owner.user(), "INVALID_ARGUMENT: A batch's id, outlet and creation time never change",
                "UPDATE delivery_batches SET id = " + q(UUID.randomUUID()) + where);
    }

    @Test
    void aBatchsVersionAndTimestampsCannotBeForged() throws SQLException {
        BatchRow batch = given.batch(1, "1");
        long version = (Long) sql.value("SELECT version FROM delivery_batches WHERE id = ?", batch.id());
        Object statusChangedAt = sql.value("SELECT status_changed_at FROM delivery_batches WHERE id = ?", batch.id());

        run(dispatcher, "UPDATE delivery_batches SET version = 0, updated_at = '2019-01-01', "
                + "status_changed_at = '2019-01-01' WHERE id = " + q(batch.id()));

        // Nothing a person can see changed, so nothing moved: a stale-screen check never trips on a no-op, and
        // every version step has a history line that can be named.
        assertThat(sql.value("SELECT version FROM delivery_batches WHERE id = ?", batch.id()))
                .as("the version never goes back, and a no-op does not move it").isEqualTo(version);
        assertThat(sql.count("SELECT count(*) FROM delivery_batches WHERE id = ? AND updated_at > '2020-01-01'",
                batch.id())).isEqualTo(1);
        assertThat(sql.value("SELECT status_changed_at FROM delivery_batches WHERE id = ?", batch.id()))
                .as("the status did not change, so neither did its time").isEqualTo(statusChangedAt);

        RiderRow rider = given.rider("Forger " + UUID.randomUUID().toString().substring(0, 4), 10, "20", 1);
        run(dispatcher, "UPDATE delivery_batches SET status = 'ASSIGNED', rider_id = " + q(rider.id())
                + ", version = 0, updated_at = '2019-01-01', status_changed_at = '2019-01-01' WHERE id = " + q(batch.id()));
        assertThat(sql.value("SELECT version FROM delivery_batches WHERE id = ?", batch.id()))
                .as("a real change moves the version forward by one, whatever the writer sent").isEqualTo(version + 1);
        assertThat(sql.count("SELECT count(*) FROM delivery_batches WHERE id = ? "
                + "AND updated_at BETWEEN now() - interval '10 minutes' AND now() "
                + "AND status_changed_at BETWEEN now() - interval '10 minutes' AND now()", batch.id())).isEqualTo(1);
    }

    // ---- order lines -------------------------------------------------------------------------------------

    @Test
    void aDeliveredOrderLineCannotBeDeletedWithItsPod() {
        BatchOrderRow line = deliveredBy(dispatcher, "{\"notes\": \"left with neighbour\"}");
        guarded(dispatcher, "INVALID_BATCH_STATUS: An order with a recorded outcome or proof of delivery is evidence",
                "DELETE FROM delivery_batch_orders WHERE id = " + q(line.id()));
    }

    @Test
    void removingAPendingOrderFromACreatedBatchShrinksItAndIsRecorded() throws SQLException {
        BatchRow batch = given.batch(3, "2");
        BatchOrderRow first = lines(batch).get(0);

        run(dispatcher, "DELETE FROM delivery_batch_orders WHERE id = " + q(first.id()));

        assertThat(sql.count("SELECT count(*) FROM orders WHERE id = ?", first.orderId())).as("the order went too").isZero();
        assertThat(sql.value("SELECT order_count || '/' || total_weight_kg FROM delivery_batches WHERE id = ?", batch.id()))
                .isEqualTo("2/4.00");
        assertThat(stampedRows("batch_order_history", "changed_at", "db_user", dispatcher,
                "batch_id = ? AND batch_order_id = ? AND change = 'REMOVED' AND customer_name = ? AND weight_kg = 2",
                batch.id(), first.id(), first.customerName())).isEqualTo(1);
    }

    @Test
    void anOrderLineCannotMoveToAnotherBatch() {
        BatchRow from = given.batch(2, "1");
        BatchRow to = given.batch(1, "1");
        BatchOrderRow line = lines(from).get(0);
        String move = "UPDATE delivery_batch_orders SET batch_id = " + q(to.id()) + " WHERE id = " + q(line.id());
        denied(dispatcher, move);
        guarded(owner.user(), "INVALID_ARGUMENT: An order line's batch, order and sequence never change", move);
    }

    @Test
    void anOrderCannotBeAddedAfterPickUp() {
        BatchRow batch = picked(rider(10, "20", 1), 1, "1");
        UUID order = UUID.randomUUID();
        guarded(dispatcher, "INVALID_BATCH_STATUS: Batch " + shortId(batch.id()) + " is PICKED; orders can change only before pick-up",
                newOrder(order, given.outletId(), "Late", "1"), newLine(batch.id(), order, 2));
    }

    @Test
    void anOrderLineIsInsertedWithoutAnOutcome() {
        BatchRow batch = given.batch(1, "1");
        UUID order = UUID.randomUUID();
        guarded(dispatcher, "INVALID_ARGUMENT: An order joins a batch without an outcome",
                newOrder(order, given.outletId(), "Pre-delivered", "1"),
                "INSERT INTO delivery_batch_orders (id, batch_id, order_id, sequence, outcome, proof_of_delivery) VALUES ("
                        + q(UUID.randomUUID()) + ", " + q(batch.id()) + ", " + q(order) + ", 2, 'DELIVERED', '{}')");
    }

    @Test
    void anOrdersWeightCannotChangeOnceItIsInAnAssignedBatch() {
        BatchRow batch = assigned(rider(10, "20", 1), 1, "1");
        String heavier = "UPDATE orders SET weight_kg = 500 WHERE id = " + q(lines(batch).get(0).orderId());
        denied(dispatcher, heavier);
        guarded(owner.user(), "INVALID_ARGUMENT: An order's outlet and weight never change", heavier);
    }

    /** HOLE: a DELETE and an INSERT in one statement keep the totals, so the batch guard never runs. */
    @Test
    void anOrderCannotBeSwappedInAPickedBatchByOneStatement() {
        BatchRow batch = picked(rider(10, "20", 1), 2, "2");
        BatchOrderRow line = lines(batch).get(0);
        UUID order = UUID.randomUUID();
        guarded(dispatcher, "INVALID_BATCH_STATUS: Batch " + shortId(batch.id()) + " is PICKED; orders can change only before pick-up",
                newOrder(order, given.outletId(), "Swapped In", "2"),
                "WITH gone AS (DELETE FROM delivery_batch_orders WHERE id = " + q(line.id()) + " RETURNING batch_id) "
                        + "INSERT INTO delivery_batch_orders (id, batch_id, order_id, sequence) SELECT "
                        + q(UUID.randomUUID()) + ", batch_id, " + q(order) + ", 3 FROM gone");
        assertThat(lines(batch)).extracting(BatchOrderRow::customerName).doesNotContain("Swapped In");
    }

    /** HOLE (minor): the services refuse emptying a batch ("cancel it instead"); plain SQL empties it. */
    @Test
    void theLastOrderOfABatchCannotBeRemoved() {
        BatchRow batch = given.batch(1, "1");
        refused(dispatcher, GUARD, "empty", "DELETE FROM delivery_batch_orders WHERE id = " + q(lines(batch).get(0).id()));
    }

    /** HOLE (minor): an order of one outlet can be put into another outlet's batch. */
    @Test
    void anOrderOfAnotherOutletCannotJoinABatch() {
        UUID otherOutlet = services.fleet().createOutlet("Elsewhere " + UUID.randomUUID().toString().substring(0, 6), "x");
        BatchRow batch = given.batch(1, "1");
        UUID order = UUID.randomUUID();
        refused(dispatcher, GUARD, "outlet", newOrder(order, otherOutlet, "Wrong outlet", "1"), newLine(batch.id(), order, 2));
    }

    // ---- proof of delivery -------------------------------------------------------------------------------

    @Test
    void aPodRewrittenAfterAcceptanceKeepsTheJudgedVersionAndGoesBackToReview() throws SQLException {
        BatchOrderRow line = deliveredBy(dispatcher, "{\"notes\": \"left at the door\"}");
        run(supervisor, "INSERT INTO pod_reviews (batch_order_id, pod_version, verdict) VALUES (" + q(line.id())
                + ", 1, 'ACCEPTED')");

        run(dispatcher, "UPDATE delivery_batch_orders SET proof_of_delivery = '{\"notes\": \"handed over in person\"}' "
                + "WHERE id = " + q(line.id()));

        assertThat(sql.value("SELECT proof_of_delivery ->> 'notes' FROM pod_versions WHERE batch_order_id = ? AND version = 1",
                line.id())).isEqualTo("left at the door");
        assertThat(stampedRows("pod_versions", "recorded_at", "db_user", dispatcher, "batch_order_id = ? AND version = 2",
                line.id())).isEqualTo(1);
        assertThat(sql.value("SELECT outcome_version FROM delivery_batch_orders WHERE id = ?", line.id())).isEqualTo(2);
        assertThat(sql.value("SELECT string_agg(verdict || '@' || pod_version, ',') FROM pod_reviews WHERE batch_order_id = ?",
                line.id())).isEqualTo("ACCEPTED@1");
        assertThat(services.pods().awaitingReview()).filteredOn(p -> p.batchOrderId().equals(line.id()))
                .extracting(PodRow::version).containsExactly(2);
    }

    @Test
    void aMalformedPodIsRefused() {
        BatchRow batch = outForDelivery(rider(10, "20", 1), 1, "1");
        String set = "UPDATE delivery_batch_orders SET outcome = 'DELIVERED', proof_of_delivery = ";
        String where = " WHERE id = " + q(lines(batch).get(0).id());
        for (String document : new String[] {"'[1, 2, 3]'", "jsonb_build_object('notes', repeat('x', 5 * 1024 * 1024))",
            "'{\"coordinates\": {\"lat\": 91, \"lon\": 0}}'", "'{\"coordinates\": {\"lat\": \"45\", \"lon\": 0}}'"}) {
            guarded(dispatcher, "INVALID_POD: The proof of delivery must be a JSON object of at most 64 KiB",
                    set + document + where);
        }
    }

    @Test
    void anOutcomeIsRecordedOnlyWhileTheBatchIsOutForDelivery() {
        BatchRow picked = picked(rider(10, "20", 1), 1, "1");
        guarded(dispatcher, "INVALID_BATCH_STATUS: Batch " + shortId(picked.id()) + " is PICKED; outcomes are recorded only",
                "UPDATE delivery_batch_orders SET outcome = 'DELIVERED' WHERE id = " + q(lines(picked).get(0).id()));
        BatchRow done = completed(rider(10, "20", 1));
        guarded(dispatcher, "INVALID_BATCH_STATUS: Batch " + shortId(done.id()) + " is COMPLETED; outcomes are recorded only",
                "UPDATE delivery_batch_orders SET outcome = 'FAILED', outcome_reason = 'not home' WHERE id = "
                        + q(lines(done).get(0).id()));
    }

    @Test
    void aBatchOnTheRoadCannotLoseItsRiderAndTheRefusalSaysWhy() {
        BatchRow batch = assigned(rider(10, "20", 1), 1, "1");
        guarded(dispatcher, "INVALID_ARGUMENT: Batch " + shortId(batch.id()) + " is ASSIGNED and needs a rider",
                "UPDATE delivery_batches SET rider_id = NULL WHERE id = " + q(batch.id()));
    }

    @Test
    void aPodWithoutAnOutcomeIsRefusedWithWhatToDoInstead() {
        BatchRow batch = outForDelivery(rider(10, "20", 1), 1, "1");
        guarded(dispatcher, "INVALID_ARGUMENT: Record the outcome (DELIVERED or FAILED) together with its proof",
                "UPDATE delivery_batch_orders SET proof_of_delivery = '{\"notes\": \"x\"}' WHERE id = "
                        + q(lines(batch).get(0).id()));
    }

    @Test
    void anOutcomeNeverGoesBackToPending() {
        BatchOrderRow line = deliveredBy(dispatcher, "{\"notes\": \"ok\"}");
        guarded(dispatcher, "INVALID_ARGUMENT: A recorded outcome never goes back to PENDING",
                "UPDATE delivery_batch_orders SET outcome = 'PENDING', proof_of_delivery = NULL WHERE id = " + q(line.id()));
    }

    @Test
    void aLinesCompletionTimeCannotBeBackdated() throws SQLException {
        BatchOrderRow line = deliveredBy(dispatcher, "{\"notes\": \"ok\"}");
        Object completedAt = sql.value("SELECT completed_at FROM delivery_batch_orders WHERE id = ?", line.id());

        run(dispatcher, "UPDATE delivery_batch_orders SET completed_at = '2019-01-01' WHERE id = " + q(line.id()));

        assertThat(sql.value("SELECT completed_at FROM delivery_batch_orders WHERE id = ?", line.id())).isEqualTo(completedAt);
    }

    // ---- rider positions ---------------------------------------------------------------------------------

    private static String position(RiderRow rider, String receivedAt) {
        return "INSERT INTO rider_locations (rider_id, lat, lon, fix_at" + (receivedAt == null ? "" : ", received_at")
                + ") VALUES (" + q(rider.id()) + ", 52.5, 13.4, now()" + (receivedAt == null ? "" : ", " + receivedAt) + ")";
    }

    @Test
    void aDispatcherCannotWriteRiderPositions() throws SQLException {
        RiderRow rider = rider(10, "20", 1);
        denied(dispatcher, position(rider, null));
        run(riderSystem, position(rider, null));
        denied(dispatcher, "UPDATE rider_locations SET lat = 0, lon = 0 WHERE rider_id = " + q(rider.id()));
    }

    @Test
    void theRiderSystemWritesPositions() throws SQLException {
        RiderRow rider = rider(10, "20", 1);
        run(riderSystem, position(rider, null));
        run(riderSystem, "UPDATE rider_locations SET lat = 48.1, lon = 11.6, fix_at = now() WHERE rider_id = " + q(rider.id()));
        assertThat(sql.value("SELECT lat || ',' || lon FROM rider_locations WHERE rider_id = ?", rider.id()))
                .isEqualTo("48.1,11.6");
    }

    /** HOLE: received_at is meant to be the server's arrival time; the rider system can write any. */
    @Test
    void aPositionsReceivedTimeIsTheServers() throws SQLException {
        RiderRow rider = rider(10, "20", 1);
        run(riderSystem, position(rider, "'2019-01-01'"));
        assertThat(sql.count("SELECT count(*) FROM rider_locations WHERE rider_id = ? "
                + "AND received_at BETWEEN now() - interval '10 minutes' AND now()", rider.id()))
                .as("received_at is the server's arrival time, not the 2019 the client wrote").isEqualTo(1);
    }

    // ---- reviews -----------------------------------------------------------------------------------------

    @Test
    void aSupervisorCannotReviewAPodTheyRecordedThemselves() {
        BatchOrderRow line = deliveredBy(supervisor, "{\"notes\": \"trust me\"}");
        guarded(supervisor, "PERMISSION_DENIED: You recorded this proof of delivery; another supervisor must judge it",
                "INSERT INTO pod_reviews (batch_order_id, pod_version, verdict) VALUES (" + q(line.id()) + ", 1, 'ACCEPTED')");
    }

    @Test
    void aReviewMustNameTheCurrentPodVersion() throws SQLException {
        BatchOrderRow line = deliveredBy(dispatcher, "{\"notes\": \"first\"}");
        run(dispatcher, "UPDATE delivery_batch_orders SET proof_of_delivery = '{\"notes\": \"second\"}' WHERE id = "
                + q(line.id()));
        guarded(supervisor, "ALREADY_CHANGED: The proof of delivery of order line " + shortId(line.id()) + " is at version 2",
                "INSERT INTO pod_reviews (batch_order_id, pod_version, verdict) VALUES (" + q(line.id()) + ", 1, 'ACCEPTED')");
        denied(dispatcher, "INSERT INTO pod_reviews (batch_order_id, pod_version, verdict) VALUES (" + q(line.id())
                + ", 2, 'ACCEPTED')");
    }

    // ---- who acted ---------------------------------------------------------------------------------------

    @Test
    void anotherLoginsNameCannotBeDeclaredAsTheOperator() {
        BatchRow batch = given.batch(1, "1");
        RiderRow rider = rider(10, "20", 1);
        guarded(dispatcher, "PERMISSION_DENIED: The operator name '" + supervisor + "' is another database login",
                "SET LOCAL dispatch.operator = " + q(supervisor), assign(batch, rider));
        guarded(dispatcher, "PERMISSION_DENIED: The operator name '" + supervisor.toUpperCase() + "' is another database login",
                "SET LOCAL dispatch.operator = " + q(supervisor.toUpperCase()), assign(batch, rider));
        guarded(dispatcher, "PERMISSION_DENIED: The operator name 'postgres' is another database login",
                "SET LOCAL dispatch.operator = 'postgres'", assign(batch, rider));
    }

    @Test
    void aFreeTextOperatorNameIsRecordedNextToTheRealLogin() throws SQLException {
        BatchRow batch = given.batch(1, "1");
        RiderRow rider = rider(10, "20", 1);
        run(dispatcher, "SET LOCAL dispatch.operator = 'Olga at the front desk'", assign(batch, rider));
        assertThat(stampedRows("batch_status_history", "changed_at", "db_user", dispatcher,
                "batch_id = ? AND new_status = 'ASSIGNED' AND actor = 'Olga at the front desk'", batch.id())).isEqualTo(1);
        assertThat(stampedRows("rider_assignment_history", "changed_at", "db_user", dispatcher,
                "batch_id = ? AND actor = 'Olga at the front desk'", batch.id())).isEqualTo(1);
    }

    /** HOLE: a no-break space after another login's name passes the check and reads exactly like that login. */
    @Test
    void aLookalikeOfAnotherLoginsNameCannotBeDeclared() {
        BatchRow batch = given.batch(1, "1");
        RiderRow rider = rider(10, "20", 1);
        refused(dispatcher, GUARD, "is another database login",
                "SET LOCAL dispatch.operator = '" + supervisor + "\u00a0'", assign(batch, rider));
    }

    // ---- isolation ---------------------------------------------------------------------------------------

    @Test
    void aRepeatableReadTransactionCannotAssign() {
        BatchRow batch = given.batch(1, "1");
        RiderRow rider = rider(10, "20", 1);
        for (String level : new String[] {"REPEATABLE READ", "SERIALIZABLE"}) {
            String before = everything();
            assertThatThrownBy(() -> runRaw(dispatcher, "BEGIN ISOLATION LEVEL " + level, assign(batch, rider), "COMMIT"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(GUARD))
                    .hasMessageContaining("UNSAFE_ISOLATION: This transaction runs at " + level.toLowerCase());
            assertThat(everything()).isEqualTo(before);
        }
    }

    // ---- the schema and the functions themselves ---------------------------------------------------------

    @Test
    void operatorsCannotSwitchTheGuardsOff() {
        for (String login : new String[] {dispatcher, supervisor, admin}) {
            refused(login, DENIED, "must be owner of table delivery_batches",
                    "ALTER TABLE delivery_batches DISABLE TRIGGER delivery_batches_guard");
            refused(login, DENIED, "must be owner of table delivery_batch_orders",
                    "ALTER TABLE delivery_batch_orders DISABLE TRIGGER ALL");
            refused(login, DENIED, "must be owner", "DROP TRIGGER delivery_riders_guard ON delivery_riders");
            refused(login, DENIED, "permission denied to set parameter \"session_replication_role\"",
                    "SET session_replication_role = replica");
        }
    }

    @Test
    void theGuardAndAuditFunctionsCannotBeCalledToDoHarm() throws SQLException {
        for (String function : new String[] {"recompute_batch_contents()", "guard_batch()", "audit_batch()",
            "audit_rider()", "stamp_audit_row()"}) {
            refused(dispatcher, "0A000", "trigger functions can only be called as triggers", "SELECT " + function);
        }
        try (Connection c = connect(dispatcher); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT audit_operator()")) {
            rs.next();
            assertThat(rs.getString(1)).as("it only names the caller").isEqualTo(dispatcher);
        }
    }

    // ---- HOLE: temporary tables shadow the tables the SECURITY DEFINER functions use ---------------------
    // Their search_path is "pg_catalog, public" without pg_temp, and PostgreSQL then searches the session's
    // temporary schema FIRST for table names. Every operator may create temporary tables (TEMP on the database is
    // granted to PUBLIC by default), so each guard reads, and each audit writes, tables the attacker made up.

    private static final String SHADOW_HISTORY = "CREATE TEMP TABLE batch_status_history (batch_id uuid, old_status text, "
            + "new_status text, reason text, actor text, db_user text, changed_at timestamptz); "
            + "CREATE TEMP TABLE rider_assignment_history (batch_id uuid, old_rider_id uuid, new_rider_id uuid, reason text, "
            + "actor text, db_user text, changed_at timestamptz)";

    @Test
    void aShadowRiderTableCannotPutAnOffDutyRiderToWorkUnrecorded() {
        RiderRow rider = rider(1, "1", 1);
        services.fleet().setAvailability(rider.id(), Availability.OFF_DUTY, "seed");
        BatchRow batch = given.batch(5, "5");
        guarded(dispatcher, "RIDER_UNAVAILABLE: " + rider.name() + " is off duty",
                "CREATE TEMP TABLE delivery_riders (id uuid, name text, availability text, max_capacity int, "
                        + "max_weight_kg numeric, max_active_batches int)",
                "INSERT INTO pg_temp.delivery_riders VALUES (" + q(rider.id()) + ", 'x', 'AVAILABLE', 999, 999, 99)",
                SHADOW_HISTORY, assign(batch, rider));
        assertThat(statusOf(batch)).isEqualTo("CREATED");
    }

    @Test
    void aShadowStateMapCannotReopenACompletedBatch() {
        BatchRow batch = completed(rider(10, "20", 1));
        guarded(dispatcher, "ILLEGAL_TRANSITION: Batch " + shortId(batch.id()) + " cannot move from COMPLETED to CREATED",
                "CREATE TEMP TABLE batch_transitions (from_status text, to_status text)",
                "INSERT INTO pg_temp.batch_transitions VALUES ('COMPLETED', 'CREATED')",
                "UPDATE delivery_batches SET status = 'CREATED', rider_id = NULL WHERE id = " + q(batch.id()));
        assertThat(statusOf(batch)).isEqualTo("COMPLETED");
    }

    @Test
    void aShadowContentsUpdateCannotOverloadARider() {
        RiderRow rider = rider(2, "20", 1);
        BatchRow batch = assigned(rider, 2, "1");
        UUID order = UUID.randomUUID();
        guarded(dispatcher, "CAPACITY_EXCEEDED: " + rider.name() + " would carry 3 orders; the limit is 2",
                "CREATE TEMP TABLE delivery_batches (id uuid, outlet_id uuid, order_count int, total_weight_kg numeric)",
                newOrder(order, given.outletId(), "Overload", "1"), newLine(batch.id(), order, 3));
        assertThat(lines(batch)).hasSize(2);
    }

    @Test
    void aShadowRoleListCannotLendAnotherLoginsName() {
        BatchRow batch = given.batch(1, "1");
        RiderRow rider = rider(10, "20", 1);
        guarded(dispatcher, "PERMISSION_DENIED: The operator name '" + supervisor + "' is another database login",
                "CREATE TEMP TABLE pg_roles (rolname text)",
                "SET LOCAL dispatch.operator = " + q(supervisor), assign(batch, rider));
    }

    @Test
    void aShadowPodVersionTableCannotLetASupervisorJudgeTheirOwnPod() {
        BatchOrderRow line = deliveredBy(dispatcher, "{\"notes\": \"at the door\"}");
        guarded(otherSupervisor, "PERMISSION_DENIED: You recorded this proof of delivery",
                "CREATE TEMP TABLE pod_versions (batch_order_id uuid, version int, outcome text, reason text, "
                        + "proof_of_delivery jsonb, actor text, db_user text, recorded_at timestamptz)",
                "UPDATE delivery_batch_orders SET proof_of_delivery = '{\"notes\": \"my own words\"}' WHERE id = " + q(line.id()),
                "DELETE FROM pg_temp.pod_versions",
                "INSERT INTO pod_reviews (batch_order_id, pod_version, verdict) VALUES (" + q(line.id()) + ", 2, 'ACCEPTED')");
        assertThat(sql.count("SELECT count(*) FROM pod_versions WHERE batch_order_id = ?", line.id())).isEqualTo(1);
    }

    @Test
    void aShadowBatchTableCannotRewriteThePodOfACompletedBatch() {
        BatchRow batch = completed(rider(10, "20", 1));
        BatchOrderRow line = lines(batch).get(0);
        guarded(dispatcher, "INVALID_BATCH_STATUS: Batch " + shortId(batch.id()) + " is COMPLETED; outcomes are recorded only",
                "CREATE TEMP TABLE delivery_batches (id uuid, status text, outlet_id uuid)",
                "INSERT INTO pg_temp.delivery_batches VALUES (" + q(batch.id()) + ", 'OUT_FOR_DELIVERY', " + q(given.outletId()) + ")",
                "UPDATE delivery_batch_orders SET outcome = 'FAILED', outcome_reason = 'never arrived' WHERE id = " + q(line.id()));
        assertThat(sql.value("SELECT outcome FROM delivery_batch_orders WHERE id = ?", line.id())).isEqualTo("DELIVERED");
    }

    /** The notify functions of V3/V6 run with the caller's search_path: a shadow table names the wrong outlet. */
    @Test
    void aShadowBatchTableCannotMisdirectTheLiveNotifications() throws SQLException {
        BatchRow batch = outForDelivery(rider(10, "20", 1), 1, "1");
        BatchOrderRow line = lines(batch).get(0);
        UUID elsewhere = services.fleet().createOutlet("Decoy " + UUID.randomUUID().toString().substring(0, 6), "x");
        try (Connection listener = connect(owner.user()); Statement st = listener.createStatement()) {
            st.execute("LISTEN dispatch_changes");
            run(dispatcher, "CREATE TEMP TABLE delivery_batches (id uuid, status text, outlet_id uuid)",
                    "INSERT INTO pg_temp.delivery_batches VALUES (" + q(batch.id()) + ", 'OUT_FOR_DELIVERY', " + q(elsewhere) + ")",
                    "UPDATE delivery_batch_orders SET outcome = 'DELIVERED', proof_of_delivery = '{\"notes\": \"ok\"}' "
                            + "WHERE id = " + q(line.id()));
            PGNotification[] received = listener.unwrap(PGConnection.class).getNotifications(5000);
            assertThat(received).extracting(PGNotification::getParameter)
                    .filteredOn(payload -> payload.contains(line.id().toString()))
                    .singleElement().asString()
                    .as("scoped consoles of the batch's outlet must hear of the change")
                    .contains(given.outletId().toString()).doesNotContain(elsewhere.toString());
        }
    }
}

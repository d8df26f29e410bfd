package com.dispatchconsole.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.VehicleType;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.NewOrder;
import com.dispatchconsole.domain.rows.PodReview;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Logins;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every service call that changes something leaves exactly one audit trail, written by the database: the rows
 * it should, no others, each with the operator the console declared and the database login that really acted.
 */
@DatabaseTest
class AuditTrailTest {

    private static final String[] AUDIT_TABLES = {"batch_status_history", "rider_assignment_history",
        "rider_history", "batch_order_history", "pod_versions", "pod_reviews"};

    private static Database ownerDb;
    private static Database dispatcherDb;
    private static Database adminDb;
    private static Database supervisorDb;
    private static DispatchServices dispatcher;
    private static DispatchServices admin;
    private static DispatchServices supervisor;
    private static Fixtures given;
    private static Sql sql;

    @BeforeAll
    static void open() {
        DatabaseConfig owner = TestDatabases.fresh();
        ownerDb = Database.open(owner);
        given = new Fixtures(new DispatchServices(ownerDb));
        sql = new Sql(ownerDb.dataSource());
        dispatcherDb = Database.open(Logins.create(owner, "dispatch_dispatcher"));
        adminDb = Database.open(Logins.create(owner, "dispatch_admin"));
        supervisorDb = Database.open(Logins.create(owner, "dispatch_supervisor"));
        dispatcher = new DispatchServices(dispatcherDb);
        admin = new DispatchServices(adminDb);
        supervisor = new DispatchServices(supervisorDb);
    }

    @AfterAll
    static void close() {
        supervisorDb.close();
        adminDb.close();
        dispatcherDb.close();
        ownerDb.close();
    }

    private static Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : AUDIT_TABLES) {
            counts.put(table, sql.count("SELECT count(*) FROM " + table));
        }
        return counts;
    }

    /** Runs the call and asserts exactly these new audit rows appeared (table → how many), and no others. */
    private static void leaves(Runnable call, Object... expected) {
        Map<String, Long> before = counts();
        call.run();
        Map<String, Long> after = counts();
        Map<String, Long> wanted = new LinkedHashMap<>();
        for (String table : AUDIT_TABLES) {
            wanted.put(table, before.get(table));
        }
        for (int i = 0; i < expected.length; i += 2) {
            wanted.merge((String) expected[i], ((Integer) expected[i + 1]).longValue(), Long::sum);
        }
        assertThat(after).isEqualTo(wanted);
    }

    private static String login(Database db) {
        return db.config().user();
    }

    /** The newest row of an audit table: actor, database user, and whether its time is the server's now(). */
    private static String newest(String table, String actorColumn, String timeColumn) {
        return (String) sql.value("SELECT " + actorColumn + " || '|' || "
                + ("pod_reviews".equals(table) ? "reviewer" : "db_user") + " FROM " + table + " ORDER BY id DESC LIMIT 1");
    }

    @Test
    void everyDispatchCallLeavesOneTrailNamingTheOperatorAndTheLogin() {
        RiderRow ana = given.rider("Ana", 10, "40", 2);
        RiderRow ben = given.rider("Ben", 10, "40", 2);
        String who = "Olga Petrova|" + login(dispatcherDb);

        BatchRow[] batch = new BatchRow[1];
        leaves(() -> batch[0] = dispatcher.batches().createBatch(given.outletId(),
                        List.of(new NewOrder("K. Mensah", "1 Elm Street", new BigDecimal("1.25")),
                                new NewOrder("J. Nguyen", "2 Elm Street", new BigDecimal("2.50"))), "Olga Petrova"),
                "batch_status_history", 1, "batch_order_history", 2);
        assertThat(newest("batch_order_history", "actor", "changed_at")).isEqualTo(who);
        assertThat(batch[0].orderCount()).isEqualTo(2);
        assertThat(batch[0].totalWeightKg()).isEqualByComparingTo("3.75");
        UUID id = batch[0].id();

        leaves(() -> dispatcher.batches().addOrder(id, new NewOrder("A. Schmidt", "3 Elm Street",
                new BigDecimal("0.75")), "Olga Petrova"), "batch_order_history", 1);
        UUID added = (UUID) sql.value("SELECT order_id FROM batch_order_history WHERE batch_id = ? "
                + "AND customer_name = 'A. Schmidt'", id);
        leaves(() -> dispatcher.batches().removeOrder(id, added, "Olga Petrova"), "batch_order_history", 1);
        assertThat(sql.count("SELECT count(*) FROM orders WHERE id = ?", added)).as("no orphaned order").isZero();
        assertThat(newest("batch_order_history", "actor", "changed_at")).isEqualTo(who);

        leaves(() -> dispatcher.assignments().assign(id, ana.id(), "Olga Petrova"),
                "batch_status_history", 1, "rider_assignment_history", 1);
        leaves(() -> dispatcher.assignments().reassign(id, ben.id(), "Olga Petrova", "Ana has a flat tyre"),
                "rider_assignment_history", 1);
        assertThat(sql.value("SELECT reason FROM rider_assignment_history ORDER BY id DESC LIMIT 1"))
                .isEqualTo("Ana has a flat tyre");
        leaves(() -> dispatcher.assignments().unassign(id, "Olga Petrova", "Outlet asked to hold it"),
                "batch_status_history", 1, "rider_assignment_history", 1);
        leaves(() -> dispatcher.assignments().assign(id, ana.id(), "Olga Petrova"),
                "batch_status_history", 1, "rider_assignment_history", 1);
        leaves(() -> dispatcher.assignments().transition(id, BatchStatus.PICKED, "Olga Petrova", null),
                "batch_status_history", 1);
        leaves(() -> dispatcher.assignments().transition(id, BatchStatus.OUT_FOR_DELIVERY, "Olga Petrova", null),
                "batch_status_history", 1);
        assertThat(newest("batch_status_history", "actor", "changed_at")).isEqualTo(who);

        List<BatchOrderRow> lines = dispatcher.queries().orders(id);
        leaves(() -> dispatcher.batches().recordOutcome(id, lines.get(0).orderId(), OrderOutcome.DELIVERED, null,
                "{\"notes\": \"first\"}", "Olga Petrova"), "pod_versions", 1);
        leaves(() -> dispatcher.batches().recordOutcome(id, lines.get(0).orderId(), OrderOutcome.FAILED,
                "Recipient refused the parcel", "{\"notes\": \"second\"}", "Olga Petrova"), "pod_versions", 1);
        assertThat(sql.value("SELECT string_agg(version || outcome || (proof_of_delivery ->> 'notes'), ',' "
                + "ORDER BY version) FROM pod_versions WHERE batch_order_id = ?", lines.get(0).id()))
                .as("the first outcome and its PoD are kept").isEqualTo("1DELIVEREDfirst,2FAILEDsecond");
        leaves(() -> dispatcher.batches().recordOutcome(id, lines.get(1).orderId(), OrderOutcome.DELIVERED, null,
                "{\"notes\": \"ok\"}", "Olga Petrova"), "pod_versions", 1);
        assertThat(newest("pod_versions", "actor", "recorded_at")).isEqualTo(who);

        leaves(() -> supervisor.pods().review(lines.get(1).id(), 1, PodReview.Verdict.ACCEPTED, null),
                "pod_reviews", 1);
        leaves(() -> dispatcher.assignments().transition(id, BatchStatus.COMPLETED, "Olga Petrova", null),
                "batch_status_history", 1);
    }

    @Test
    void everyFleetCallLeavesOneTrail() {
        RiderRow[] rider = new RiderRow[1];
        leaves(() -> rider[0] = admin.fleet().createRider("Chloé Martin", "+44 7700 900001", VehicleType.CAR,
                given.outletId(), new RiderLimits(10, new BigDecimal("60"), 3)), "rider_history", 1);
        UUID id = rider[0].id();
        leaves(() -> admin.fleet().changeLimits(id, new RiderLimits(12, new BigDecimal("70"), 3), "Fleet Admin"),
                "rider_history", 1);
        assertThat(newest("rider_history", "actor", "changed_at")).isEqualTo("Fleet Admin|" + login(adminDb));
        leaves(() -> dispatcher.fleet().setAvailability(id, Availability.ON_BREAK, "Olga Petrova"),
                "rider_history", 1);
        assertThat(sql.value("SELECT change || ':' || (old_value #>> '{}') || '>' || (new_value #>> '{}') "
                + "FROM rider_history WHERE rider_id = ? ORDER BY id DESC LIMIT 1", id))
                .isEqualTo("AVAILABILITY:AVAILABLE>ON_BREAK");
        assertThat(newest("rider_history", "actor", "changed_at")).isEqualTo("Olga Petrova|" + login(dispatcherDb));
    }

    @Test
    void refusedCallsLeaveNoTrailAtAll() {
        RiderRow small = given.rider("Dev", 1, "5", 1);
        BatchRow big = given.batch(3, "1");
        String before = sql.fingerprint();
        for (Runnable refused : List.<Runnable>of(
                () -> dispatcher.assignments().assign(big.id(), small.id(), "Olga Petrova"),
                () -> dispatcher.assignments().transition(big.id(), BatchStatus.COMPLETED, "Olga Petrova", null),
                () -> dispatcher.fleet().changeLimits(small.id(), new RiderLimits(9, new BigDecimal("9"), 1), "x"),
                () -> dispatcher.batches().addOrder(big.id(), new NewOrder("X", "Y", new BigDecimal("10000000")), "x"),
                () -> dispatcher.batches().addOrder(big.id(), new NewOrder("X", "Y", new BigDecimal("0.005")), "x"))) {
            try {
                refused.run();
                throw new AssertionError("expected a refusal");
            } catch (com.dispatchconsole.domain.DispatchException expected) {
                assertThat(expected.sentence()).doesNotContain("Exception");
            }
        }
        assertThat(sql.fingerprint()).isEqualTo(before);
    }
}

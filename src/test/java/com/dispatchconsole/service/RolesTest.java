package com.dispatchconsole.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.PodReview;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The database enforces the operator roles: each role's allowed and refused actions, on real PostgreSQL. */
@DatabaseTest
class RolesTest {

    private static DatabaseConfig owner;
    private static Database ownerDb;
    private static Fixtures given;
    private static DispatchServices asOwner;
    private static String dispatcher;
    private static String supervisor;
    private static String admin;

    @BeforeAll
    static void createOperators() throws Exception {
        owner = TestDatabases.fresh();
        ownerDb = Database.open(owner);
        asOwner = new DispatchServices(ownerDb);
        given = new Fixtures(asOwner);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        dispatcher = "disp_" + suffix;
        supervisor = "sup_" + suffix;
        admin = "adm_" + suffix;
        Sql sql = new Sql(ownerDb.dataSource());
        sql.execute("CREATE ROLE " + dispatcher + " LOGIN PASSWORD 'secret' IN ROLE dispatch_dispatcher");
        sql.execute("CREATE ROLE " + supervisor + " LOGIN PASSWORD 'secret' IN ROLE dispatch_supervisor");
        sql.execute("CREATE ROLE " + admin + " LOGIN PASSWORD 'secret' IN ROLE dispatch_admin");
    }

    @AfterAll
    static void close() {
        ownerDb.close();
    }

    private static DatabaseConfig as(String user) {
        return DatabaseConfig.of(owner.url(), user, "secret");
    }

    /** A delivered order line with a PoD, ready for review. */
    private static BatchOrderRow deliveredLine() {
        RiderRow rider = given.rider("R " + UUID.randomUUID().toString().substring(0, 4), 10, "20", 1);
        BatchRow batch = given.batch(1, "1");
        given.outForDelivery(batch, rider);
        BatchOrderRow line = asOwner.queries().orders(batch.id()).get(0);
        asOwner.batches().recordOutcome(batch.id(), line.orderId(), OrderOutcome.DELIVERED, null, "{\"notes\": \"ok\"}", "seed");
        return line;
    }

    @Test
    void aDispatcherAssignsAndTheAuditNamesTheDatabaseUserNotTheClaimedName() {
        RiderRow rider = given.rider("Ana", 10, "20", 1);
        BatchRow batch = given.batch(1, "1");
        try (Database db = Database.open(as(dispatcher))) {
            new DispatchServices(db).assignments().assign(batch.id(), rider.id(), "someone-else");
        }
        Sql sql = new Sql(ownerDb.dataSource());
        assertThat(sql.value("SELECT db_user FROM rider_assignment_history WHERE batch_id = ?", batch.id()))
                .isEqualTo(dispatcher);
        assertThat(sql.value("SELECT db_user FROM batch_status_history WHERE batch_id = ? AND new_status = 'ASSIGNED'",
                batch.id())).isEqualTo(dispatcher);
    }

    @Test
    void aDispatcherCannotWriteAReviewEvenByHand() throws Exception {
        BatchOrderRow line = deliveredLine();
        try (Database db = Database.open(as(dispatcher))) {
            assertThatThrownBy(() -> new DispatchServices(db).pods().review(line.id(), 1, PodReview.Verdict.ACCEPTED, null))
                    .isInstanceOfSatisfying(DispatchException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED))
                    .hasMessageContaining("permission denied for table pod_reviews");
        }
        try (Connection c = DriverManager.getConnection(owner.url(), dispatcher, "secret");
             Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("INSERT INTO pod_reviews (batch_order_id, pod_version, verdict) VALUES ('"
                    + line.id() + "', 1, 'ACCEPTED')")).hasMessageContaining("permission denied");
        }
    }

    @Test
    void aSupervisorReviewsAndIsRecordedAsTheReviewer() {
        BatchOrderRow line = deliveredLine();
        try (Database db = Database.open(as(supervisor))) {
            List<PodReview> reviews = new DispatchServices(db).pods().review(line.id(), 1, PodReview.Verdict.DISPUTED,
                    "Wrong door");
            assertThat(reviews).as("the new review is the last").last()
                    .satisfies(review -> assertThat(review.reviewer()).isEqualTo(supervisor))
                    .satisfies(review -> assertThat(review.note()).isEqualTo("Wrong door"));
        }
    }

    @Test
    void onlyAnAdminCreatesRiders() {
        com.dispatchconsole.domain.RiderLimits limits =
                new com.dispatchconsole.domain.RiderLimits(5, new java.math.BigDecimal("10"), 1);
        try (Database db = Database.open(as(dispatcher))) {
            assertThatThrownBy(() -> new DispatchServices(db).fleet().createRider("Nope", null,
                    com.dispatchconsole.domain.VehicleType.CAR, given.outletId(), limits))
                    .isInstanceOfSatisfying(DispatchException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
        }
        try (Database db = Database.open(as(admin))) {
            RiderRow created = new DispatchServices(db).fleet().createRider("Newcomer", null,
                    com.dispatchconsole.domain.VehicleType.CAR, given.outletId(), limits);
            assertThat(created.name()).isEqualTo("Newcomer");
        }
    }

    @Test
    void aDispatchersConsoleKnowsItsRoleAndOffersNoReviews() {
        try (Database db = Database.open(as(dispatcher))) {
            var model = new com.dispatchconsole.ui.console.ConsoleViewModel(new DispatchServices(db),
                    new com.dispatchconsole.ui.common.SynchronousUiExecutor(), "olga", "db");
            model.load();
            assertThat(model.rows().sessionRoleProperty().get()).isEqualTo(dispatcher + " (dispatcher)");
            assertThat(model.rows().canReviewProperty().get()).isFalse();
        }
        try (Database db = Database.open(as(supervisor))) {
            var model = new com.dispatchconsole.ui.console.ConsoleViewModel(new DispatchServices(db),
                    new com.dispatchconsole.ui.common.SynchronousUiExecutor(), "sam", "db");
            model.load();
            assertThat(model.rows().sessionRoleProperty().get()).isEqualTo(supervisor + " (supervisor)");
            assertThat(model.rows().canReviewProperty().get()).isTrue();
        }
    }

    @Test
    void noOperatorRoleCanChangeOrEraseHistoryOrTheSchema() throws Exception {
        deliveredLine();
        for (String user : new String[] {dispatcher, supervisor}) {
            try (Connection c = DriverManager.getConnection(owner.url(), user, "secret");
                 Statement st = c.createStatement()) {
                for (String sql : new String[] {
                    "UPDATE batch_status_history SET actor = 'x'",
                    "DELETE FROM rider_assignment_history",
                    "TRUNCATE pod_reviews",
                    "DELETE FROM pod_reviews",
                    "CREATE TABLE sneaky (id int)",
                    "ALTER TABLE delivery_batches ADD COLUMN sneaky int",
                    "DROP TABLE delivery_batches"}) {
                    assertThatThrownBy(() -> st.execute(sql)).as(user + ": " + sql)
                            .hasMessageMatching("(?s).*(permission denied|must be owner).*");
                }
            }
        }
    }
}

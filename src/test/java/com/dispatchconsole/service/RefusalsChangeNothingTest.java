package com.dispatchconsole.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.VehicleType;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.NewOrder;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A refusal changes nothing, always: numbers out of range, and a failure after the write but before the answer. */
@DatabaseTest
class RefusalsChangeNothingTest {

    private static Database db;
    private static DispatchServices services;
    private static Fixtures given;
    private static Sql sql;

    @BeforeAll
    static void open() {
        db = Database.open(TestDatabases.fresh());
        services = new DispatchServices(db);
        given = new Fixtures(services);
        sql = new Sql(db.dataSource());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static void refused(ErrorCode code, String sentencePart, ThrowingCallable call) {
        String before = sql.fingerprint();
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(sentencePart);
        assertThat(sql.fingerprint()).as("a refused call changes nothing").isEqualTo(before);
    }

    private static List<NewOrder> oneOrderOf(String kg) {
        return List.of(new NewOrder("K. Mensah", "1 Elm Street", new BigDecimal(kg)));
    }

    @Test
    void weightsOutOfRangeAreRefusedNamingTheField() {
        BatchRow batch = given.batch(1, "1");
        refused(ErrorCode.INVALID_ARGUMENT, "The weight of the order for K. Mensah must be at most 999999.99 kg",
                () -> services.batches().createBatch(given.outletId(), oneOrderOf("10000000"), "olga"));
        refused(ErrorCode.INVALID_ARGUMENT, "more than two decimals",
                () -> services.batches().addOrder(batch.id(), oneOrderOf("0.005").get(0), "olga"));
        refused(ErrorCode.INVALID_ARGUMENT, "0 or more",
                () -> services.batches().createBatch(given.outletId(), oneOrderOf("-1"), "olga"));
        refused(ErrorCode.INVALID_ARGUMENT, "The weight limit must be at most 999999.99 kg",
                () -> services.fleet().createRider("Big", null, VehicleType.VAN, given.outletId(),
                        new RiderLimits(5, new BigDecimal("10000000"), 1)));
        refused(ErrorCode.INVALID_ARGUMENT, "1 to 1000000 orders",
                () -> services.fleet().createRider("Many", null, VehicleType.VAN, given.outletId(),
                        new RiderLimits(Integer.MAX_VALUE, new BigDecimal("10"), 1)));
    }

    @Test
    void aBatchTotalIsTheSumOfTheWeightsStoredForItsOrders() {
        BatchRow batch = services.batches().createBatch(given.outletId(), List.of(
                new NewOrder("A", "1 Elm Street", new BigDecimal("0.01")),
                new NewOrder("B", "2 Elm Street", new BigDecimal("0.01")),
                new NewOrder("C", "3 Elm Street", new BigDecimal("0.01")),
                new NewOrder("D", "4 Elm Street", new BigDecimal("0.01"))), "olga");

        assertThat(batch.totalWeightKg()).isEqualByComparingTo("0.04");
        assertThat(sql.value("SELECT sum(o.weight_kg) FROM delivery_batch_orders bo JOIN orders o ON o.id = bo.order_id "
                + "WHERE bo.batch_id = ?", batch.id())).isEqualTo(new BigDecimal("0.04"));
    }

    @Test
    void aFailureAfterTheWriteButBeforeTheAnswerLeavesNoRiderBehind() throws Exception {
        // Another session holds the positions table, so the read-back of the new rider cannot finish in time.
        try (Connection blocker = db.dataSource().getConnection(); Statement st = blocker.createStatement()) {
            st.execute("LOCK TABLE rider_locations IN ACCESS EXCLUSIVE MODE");
            refused(ErrorCode.RIDER_BUSY, "nothing was changed",
                    () -> services.fleet().createRider("Half-made", null, VehicleType.CAR, given.outletId(),
                            new RiderLimits(5, new BigDecimal("10"), 1)));
            blocker.rollback();
        }
        assertThat(sql.count("SELECT count(*) FROM delivery_riders WHERE name = 'Half-made'")).isZero();
    }
}

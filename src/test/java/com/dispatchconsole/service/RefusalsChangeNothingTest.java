package com.dispatchconsole.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.VehicleType;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.NewOrder;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.FreshDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A refusal changes nothing, always: numbers out of range, and a failure after the write but before the answer. */
@DatabaseTest
class RefusalsChangeNothingTest {

    @RegisterExtension
    static final FreshDatabase fresh = new FreshDatabase();

    private static void refused(ErrorCode code, String sentencePart, ThrowingCallable call) {
        String before = fresh.sql().fingerprint();
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(sentencePart);
        assertThat(fresh.sql().fingerprint()).as("a refused call changes nothing").isEqualTo(before);
    }

    private static List<NewOrder> oneOrderOf(String kg) {
        return List.of(new NewOrder("K. Mensah", "1 Elm Street", new BigDecimal(kg)));
    }

    @Test
    void weightsOutOfRangeAreRefusedNamingTheField() {
        BatchRow batch = fresh.given().batch(1, "1");
        refused(ErrorCode.INVALID_ARGUMENT, "The weight of the order for K. Mensah must be at most 999999.99 kg",
                () -> fresh.services().batches().createBatch(fresh.given().outletId(), oneOrderOf("10000000"), "olga"));
        refused(ErrorCode.INVALID_ARGUMENT, "more than two decimals",
                () -> fresh.services().batches().addOrder(batch.id(), oneOrderOf("0.005").get(0), "olga"));
        refused(ErrorCode.INVALID_ARGUMENT, "0 or more",
                () -> fresh.services().batches().createBatch(fresh.given().outletId(), oneOrderOf("-1"), "olga"));
        refused(ErrorCode.INVALID_ARGUMENT, "The weight limit must be at most 999999.99 kg",
                () -> fresh.services().fleet().createRider("Big", null, VehicleType.VAN, fresh.given().outletId(),
                        new RiderLimits(5, new BigDecimal("10000000"), 1)));
        refused(ErrorCode.INVALID_ARGUMENT, "1 to 1000000 orders",
                () -> fresh.services().fleet().createRider("Many", null, VehicleType.VAN, fresh.given().outletId(),
                        new RiderLimits(Integer.MAX_VALUE, new BigDecimal("10"), 1)));
    }

    @Test
    void aBatchTotalIsTheSumOfTheWeightsStoredForItsOrders() {
        BatchRow batch = fresh.services().batches().createBatch(fresh.given().outletId(), List.of(
                new NewOrder("A", "1 Elm Street", new BigDecimal("0.01")),
                new NewOrder("B", "2 Elm Street", new BigDecimal("0.01")),
                new NewOrder("C", "3 Elm Street", new BigDecimal("0.01")),
                new NewOrder("D", "4 Elm Street", new BigDecimal("0.01"))), "olga");

        assertThat(batch.totalWeightKg()).isEqualByComparingTo("0.04");
        assertThat(fresh.sql().value("SELECT sum(o.weight_kg) FROM delivery_batch_orders bo JOIN orders o ON o.id = bo.order_id "
                + "WHERE bo.batch_id = ?", batch.id())).isEqualTo(new BigDecimal("0.04"));
    }

    @Test
    void aFailureAfterTheWriteButBeforeTheAnswerLeavesNoRiderBehind() throws Exception {
        // Another session holds the positions table, so the read-back of the new rider cannot finish in time.
        try (Connection blocker = fresh.db().dataSource().getConnection(); Statement st = blocker.createStatement()) {
            st.execute("LOCK TABLE rider_locations IN ACCESS EXCLUSIVE MODE");
            refused(ErrorCode.RIDER_BUSY, "nothing was changed",
                    () -> fresh.services().fleet().createRider("Half-made", null, VehicleType.CAR, fresh.given().outletId(),
                            new RiderLimits(5, new BigDecimal("10"), 1)));
            blocker.rollback();
        }
        assertThat(fresh.sql().count("SELECT count(*) FROM delivery_riders WHERE name = 'Half-made'")).isZero();
    }
}

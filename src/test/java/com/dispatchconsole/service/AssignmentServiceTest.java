package com.dispatchconsole.service;

import static com.dispatchconsole.testing.Fixtures.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.HistoryEntry;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every use case of the assignment service on real PostgreSQL, including each refusal and its "nothing changed". */
@DatabaseTest
class AssignmentServiceTest {

    private static Database db;
    private static DispatchServices services;
    private static AssignmentService assignments;
    private static Fixtures given;
    private static Sql sql;

    @BeforeAll
    static void open() {
        db = Database.open(TestDatabases.fresh());
        services = new DispatchServices(db);
        assignments = services.assignments();
        given = new Fixtures(services);
        sql = new Sql(db.dataSource());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static void assertRefused(ErrorCode code, String sentencePart, ThrowingCallable call) {
        String before = sql.fingerprint();
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(sentencePart);
        assertThat(sql.fingerprint()).as("a refused call changes nothing").isEqualTo(before);
    }

    @Test
    void assignMovesTheBatchToTheRiderAndWritesBothHistories() {
        RiderRow ana = given.rider("Ana", 10, "20", 1);
        BatchRow batch = given.batch(3, "1.5");

        BatchRow result = assignments.assign(batch.id(), ana.id(), "olga");

        assertThat(result.status()).isEqualTo(BatchStatus.ASSIGNED);
        assertThat(result.riderName()).isEqualTo("Ana");
        assertThat(sql.value("SELECT rider_id FROM delivery_batches WHERE id = ?", batch.id())).isEqualTo(ana.id());
        assertThat(sql.count("SELECT count(*) FROM rider_assignment_history WHERE batch_id = ? AND new_rider_id = ? "
                + "AND old_rider_id IS NULL AND actor = 'olga'", batch.id(), ana.id())).isEqualTo(1);
        assertThat(sql.count("SELECT count(*) FROM batch_status_history WHERE batch_id = ? AND old_status = 'CREATED' "
                + "AND new_status = 'ASSIGNED' AND actor = 'olga'", batch.id())).isEqualTo(1);
        RiderRow loaded = services.queries().riders(List.of(ana.id())).get(0);
        assertThat(loaded.load().orders()).isEqualTo(3);
        assertThat(loaded.load().weightKg()).isEqualByComparingTo("4.5");
        assertThat(loaded.load().activeBatches()).isEqualTo(1);
    }

    @Test
    void theDatabaseStateMapIsExactlyTheJavaStateMap() {
        StringBuilder java = new StringBuilder();
        for (BatchStatus from : BatchStatus.values()) {
            for (BatchStatus to : BatchStatus.values()) {
                if (com.dispatchconsole.domain.BatchTransitions.isAllowed(from, to)) {
                    java.append(java.length() == 0 ? "" : ",").append(from).append(">").append(to);
                }
            }
        }
        String database = (String) sql.value("SELECT string_agg(from_status || '>' || to_status, ',' "
                + "ORDER BY array_position(?::text[], from_status), array_position(?::text[], to_status)) "
                + "FROM batch_transitions", order(), order());
        assertThat(database).isEqualTo(java.toString());
    }

    private static String order() {
        return "{" + String.join(",", java.util.Arrays.stream(BatchStatus.values()).map(Enum::name).toList()) + "}";
    }

    @Test
    void assignRefusesAnUnknownRider() {
        BatchRow batch = given.batch(1, "1");
        assertRefused(ErrorCode.RIDER_NOT_FOUND, "does not exist",
                () -> assignments.assign(batch.id(), UUID.randomUUID(), ACTOR));
    }

    @Test
    void assignRefusesAnUnknownBatch() {
        RiderRow rider = given.rider("Bo", 10, "20", 1);
        assertRefused(ErrorCode.BATCH_NOT_FOUND, "does not exist",
                () -> assignments.assign(UUID.randomUUID(), rider.id(), ACTOR));
    }

    @Test
    void assignRefusesARiderOnBreak() {
        RiderRow rider = given.rider("Cy", 10, "20", 1);
        services.fleet().setAvailability(rider.id(), Availability.ON_BREAK, ACTOR);
        BatchRow batch = given.batch(1, "1");
        assertRefused(ErrorCode.RIDER_UNAVAILABLE, "on break", () -> assignments.assign(batch.id(), rider.id(), ACTOR));
    }

    @Test
    void assignRefusesABatchThatIsNotCreated() {
        RiderRow first = given.rider("Di", 10, "20", 1);
        RiderRow second = given.rider("Ed", 10, "20", 1);
        BatchRow batch = given.batch(1, "1");
        assignments.assign(batch.id(), first.id(), ACTOR);
        assertRefused(ErrorCode.INVALID_BATCH_STATUS, "reassign it instead",
                () -> assignments.assign(batch.id(), second.id(), ACTOR));
    }

    @Test
    void assignRefusesWhenOverCapacity() {
        RiderRow rider = given.rider("Fay", 5, "100", 2);
        assignments.assign(given.batch(3, "1").id(), rider.id(), ACTOR);
        BatchRow tooMany = given.batch(3, "1");
        assertRefused(ErrorCode.CAPACITY_EXCEEDED, "6 orders; the limit is 5",
                () -> assignments.assign(tooMany.id(), rider.id(), ACTOR));
    }

    @Test
    void assignRefusesWhenOverWeight() {
        RiderRow rider = given.rider("Gus", 50, "10", 2);
        assignments.assign(given.batch(2, "3").id(), rider.id(), ACTOR);
        BatchRow heavy = given.batch(1, "4.5");
        assertRefused(ErrorCode.WEIGHT_EXCEEDED, "10.5 kg", () -> assignments.assign(heavy.id(), rider.id(), ACTOR));
    }

    @Test
    void assignRefusesASecondBatchAtTheDefaultLimitOfOne() {
        RiderRow rider = given.rider("Hal", 50, "50", 1);
        assignments.assign(given.batch(1, "1").id(), rider.id(), ACTOR);
        BatchRow second = given.batch(1, "1");
        assertRefused(ErrorCode.ACTIVE_BATCH_LIMIT, "at most 1 active batch",
                () -> assignments.assign(second.id(), rider.id(), ACTOR));
    }

    @Test
    void stackedBatchesAreGovernedByTheSummedLimits() {
        RiderRow rider = given.rider("Ida", 6, "50", 3);
        assignments.assign(given.batch(2, "1").id(), rider.id(), ACTOR);
        assignments.assign(given.batch(3, "1").id(), rider.id(), ACTOR);
        BatchRow third = given.batch(2, "1");
        assertRefused(ErrorCode.CAPACITY_EXCEEDED, "7 orders", () -> assignments.assign(third.id(), rider.id(), ACTOR));
        assertThat(assignments.assign(given.batch(1, "1").id(), rider.id(), ACTOR).status())
                .isEqualTo(BatchStatus.ASSIGNED);
    }

    @Test
    void reassignHandsTheBatchOverInOneStepAndRecordsTheReason() {
        RiderRow from = given.rider("Jo", 10, "20", 1);
        RiderRow to = given.rider("Kai", 10, "20", 1);
        BatchRow batch = given.batch(2, "2");
        assignments.assign(batch.id(), from.id(), ACTOR);

        BatchRow moved = assignments.reassign(batch.id(), to.id(), "olga", "Jo has a flat tyre");

        assertThat(moved.riderId()).isEqualTo(to.id());
        List<HistoryEntry> history = services.queries().history(batch.id());
        // The batch never sat unassigned, so the history shows one hand-over, not a bounce through Created.
        assertThat(history).extracting(HistoryEntry::describe).containsExactly("Created",
                "Order 1 added: Customer " + firstCustomer(history) + " (2 kg)",
                "Order 2 added: Customer " + (firstCustomer(history) + 1) + " (2 kg)",
                "Created → Assigned", "Assigned to Jo", "Reassigned from Jo to Kai");
        assertThat(history.get(history.size() - 1).reason()).isEqualTo("Jo has a flat tyre");
        assertThat(history.get(history.size() - 1).actor()).isEqualTo("olga");
        assertThat(services.queries().riders(List.of(from.id())).get(0).load().orders()).isZero();
        assertThat(services.queries().riders(List.of(to.id())).get(0).load().orders()).isEqualTo(2);
    }

    private static int firstCustomer(List<HistoryEntry> history) {
        String line = history.get(1).describe();
        return Integer.parseInt(line.replaceAll(".*Customer (\\d+).*", "$1"));
    }

    @Test
    void reassignRefusesWithoutAReasonBeforeTouchingTheDatabase() {
        assertRefused(ErrorCode.INVALID_ARGUMENT, "reason is required",
                () -> assignments.reassign(UUID.randomUUID(), UUID.randomUUID(), ACTOR, " "));
    }

    @Test
    void reassignRefusesABatchThatIsNotAssigned() {
        RiderRow rider = given.rider("Lu", 10, "20", 1);
        BatchRow batch = given.batch(1, "1");
        assertRefused(ErrorCode.INVALID_BATCH_STATUS, "only an Assigned batch can be reassigned (assign it instead)",
                () -> assignments.reassign(batch.id(), rider.id(), ACTOR, "why"));
    }

    @Test
    void reassignRefusesWhenTheNewRiderIsFull() {
        RiderRow from = given.rider("Mo", 10, "20", 1);
        RiderRow full = given.rider("Ned", 10, "20", 1);
        BatchRow batch = given.batch(1, "1");
        assignments.assign(batch.id(), from.id(), ACTOR);
        assignments.assign(given.batch(1, "1").id(), full.id(), ACTOR);
        assertRefused(ErrorCode.ACTIVE_BATCH_LIMIT, "Ned",
                () -> assignments.reassign(batch.id(), full.id(), ACTOR, "swap"));
    }

    @Test
    void unassignReturnsTheBatchToThePoolAndFreesTheRider() {
        RiderRow rider = given.rider("Oz", 10, "20", 1);
        BatchRow batch = given.batch(1, "1");
        assignments.assign(batch.id(), rider.id(), ACTOR);

        BatchRow back = assignments.unassign(batch.id(), ACTOR, null);

        assertThat(back.status()).isEqualTo(BatchStatus.CREATED);
        assertThat(back.riderId()).isNull();
        assertThat(sql.count("SELECT count(*) FROM rider_assignment_history WHERE batch_id = ? AND old_rider_id = ? "
                + "AND new_rider_id IS NULL", batch.id(), rider.id())).isEqualTo(1);
    }

    @Test
    void transitionRefusesAMoveThatIsNotOnTheMap() {
        BatchRow batch = given.batch(1, "1");
        assertRefused(ErrorCode.ILLEGAL_TRANSITION, "can't go from Created to Picked up; assign it first.",
                () -> assignments.transition(batch.id(), BatchStatus.PICKED, ACTOR, null));
    }

    @Test
    void transitionToAssignedIsRefusedBeforeAnyQuery() {
        assertRefused(ErrorCode.ILLEGAL_TRANSITION, "only by assigning",
                () -> assignments.transition(UUID.randomUUID(), BatchStatus.ASSIGNED, ACTOR, null));
    }

    @Test
    void cancelAndFailNeedAReason() {
        BatchRow batch = given.batch(1, "1");
        assertRefused(ErrorCode.INVALID_ARGUMENT, "cancel a batch",
                () -> assignments.transition(batch.id(), BatchStatus.CANCELLED, ACTOR, ""));
        assertRefused(ErrorCode.INVALID_ARGUMENT, "fail a batch",
                () -> assignments.transition(batch.id(), BatchStatus.FAILED, ACTOR, null));
    }

    @Test
    void cancellingAnAssignedBatchFreesTheRiderAndRecordsIt() {
        RiderRow rider = given.rider("Pia", 10, "20", 1);
        BatchRow batch = given.batch(1, "1");
        assignments.assign(batch.id(), rider.id(), ACTOR);

        BatchRow cancelled = assignments.transition(batch.id(), BatchStatus.CANCELLED, ACTOR, "customer cancelled");

        assertThat(cancelled.status()).isEqualTo(BatchStatus.CANCELLED);
        assertThat(cancelled.riderId()).isNull();
        assertThat(sql.value("SELECT reason FROM rider_assignment_history WHERE batch_id = ? AND new_rider_id IS NULL",
                batch.id())).isEqualTo("customer cancelled");
        assertRefused(ErrorCode.ILLEGAL_TRANSITION, "it is cancelled, which is final",
                () -> assignments.transition(batch.id(), BatchStatus.CREATED, ACTOR, null));
    }

    @Test
    void completingNeedsAnOutcomeForEveryOrder() {
        RiderRow rider = given.rider("Quin", 10, "20", 1);
        BatchRow batch = given.batch(2, "1");
        assignments.assign(batch.id(), rider.id(), ACTOR);
        assignments.transition(batch.id(), BatchStatus.PICKED, ACTOR, null);
        assignments.transition(batch.id(), BatchStatus.OUT_FOR_DELIVERY, ACTOR, null);
        var orders = services.queries().orders(batch.id());
        services.batches().recordOutcome(batch.id(), orders.get(0).orderId(), OrderOutcome.DELIVERED, null, ACTOR);

        assertRefused(ErrorCode.OUTCOMES_MISSING, "1 order without an outcome",
                () -> assignments.transition(batch.id(), BatchStatus.COMPLETED, ACTOR, null));

        services.batches().recordOutcome(batch.id(), orders.get(1).orderId(), OrderOutcome.FAILED, "nobody home", ACTOR);
        BatchRow done = assignments.transition(batch.id(), BatchStatus.COMPLETED, ACTOR, null);
        assertThat(done.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(done.riderId()).as("a completed batch still says who carried it").isEqualTo(rider.id());
        assertThat(services.queries().riders(List.of(rider.id())).get(0).load().activeBatches()).isZero();
    }

    @Test
    void ordersChangeOnlyBeforePickUpAndOutcomesOnlyOutForDelivery() {
        RiderRow rider = given.rider("Ros", 10, "20", 1);
        BatchRow batch = given.batch(2, "1");
        assignments.assign(batch.id(), rider.id(), ACTOR);
        var order = services.queries().orders(batch.id()).get(0);
        assertRefused(ErrorCode.INVALID_BATCH_STATUS, "is Assigned; outcomes are recorded only while it is Out for delivery",
                () -> services.batches().recordOutcome(batch.id(), order.orderId(), OrderOutcome.DELIVERED, null, ACTOR));
        assertThat(services.batches().addOrder(batch.id(),
                new com.dispatchconsole.domain.rows.NewOrder("Early", "1 Early Lane", java.math.BigDecimal.ONE), ACTOR)
                .orderCount()).as("an assigned batch is still open").isEqualTo(3);

        assignments.transition(batch.id(), BatchStatus.PICKED, ACTOR, null);

        // The service's own refusal, before the database's guard would say the same.
        assertRefused(ErrorCode.INVALID_BATCH_STATUS, "is Picked up; orders can change only before pick-up.",
                () -> services.batches().addOrder(batch.id(),
                        new com.dispatchconsole.domain.rows.NewOrder("Late", "9 Late Lane", java.math.BigDecimal.ONE), ACTOR));
        assertRefused(ErrorCode.INVALID_BATCH_STATUS, "is Picked up; orders can change only before pick-up.",
                () -> services.batches().removeOrder(batch.id(), order.orderId(), ACTOR));
        assertThatThrownBy(() -> services.batches().removeOrder(batch.id(), order.orderId(), ACTOR))
                .hasMessageNotContaining("The database refused it");
    }

    @Test
    void riderCannotGoOffDutyWhileCarryingBatches() {
        RiderRow rider = given.rider("Rae", 10, "20", 2);
        BatchRow batch = given.batch(1, "1");
        assignments.assign(batch.id(), rider.id(), ACTOR);
        assertRefused(ErrorCode.RIDER_HAS_ACTIVE_BATCHES, batch.id().toString().substring(0, 8),
                () -> services.fleet().setAvailability(rider.id(), Availability.OFF_DUTY, ACTOR));
    }

    @Test
    void limitsCannotDropBelowTheCurrentLoad() {
        RiderRow rider = given.rider("Sam", 10, "20", 2);
        assignments.assign(given.batch(4, "1").id(), rider.id(), ACTOR);
        assertRefused(ErrorCode.CAPACITY_EXCEEDED, "below what Sam carries now",
                () -> services.fleet().changeLimits(rider.id(),
                        new com.dispatchconsole.domain.RiderLimits(3, new java.math.BigDecimal("20"), 2), ACTOR));
    }

    @Test
    void addingAnOrderToAnAssignedBatchRespectsTheRidersCapacity() {
        RiderRow rider = given.rider("Tia", 3, "20", 1);
        BatchRow batch = given.batch(3, "1");
        assignments.assign(batch.id(), rider.id(), ACTOR);
        assertRefused(ErrorCode.CAPACITY_EXCEEDED, "4 orders",
                () -> services.batches().addOrder(batch.id(),
                        new com.dispatchconsole.domain.rows.NewOrder("Late", "9 Late Lane", java.math.BigDecimal.ONE), ACTOR));
    }

    @Test
    void auditTablesRefuseUpdatesDeletesAndTruncates() {
        BatchRow batch = given.batch(1, "1");
        for (String statement : List.of(
                "UPDATE batch_status_history SET actor = 'forger' WHERE batch_id = '" + batch.id() + "'",
                "DELETE FROM batch_status_history WHERE batch_id = '" + batch.id() + "'",
                "TRUNCATE rider_assignment_history CASCADE",
                "DELETE FROM rider_assignment_history")) {
            assertThatThrownBy(() -> sql.execute(statement)).hasMessageContaining("append-only");
        }
        assertThat(sql.count("SELECT count(*) FROM batch_status_history WHERE batch_id = ? AND actor = ?",
                batch.id(), ACTOR)).isEqualTo(1);
    }
}

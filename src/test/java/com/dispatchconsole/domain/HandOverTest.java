package com.dispatchconsole.domain;

import com.dispatchconsole.testing.UnitTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which batches may go to a rider, without a database. */
@UnitTest
class HandOverTest {

    private final UUID ana = UUID.randomUUID();
    private final UUID ben = UUID.randomUUID();

    private HandOver.Recipient ana(Availability availability, Load load) {
        return new HandOver.Recipient(ana, "Ana", availability, new RiderLimits(5, new BigDecimal("10"), 2), load);
    }

    private static HandOver.Batch batch(BatchStatus status, UUID rider, int orders) {
        return new HandOver.Batch(UUID.randomUUID(), status, rider, orders, BigDecimal.ONE);
    }

    @Test
    void createdIsAssignedAssignedIsReassignedAndNothingElseGoesToARider() {
        assertThat(HandOver.way(BatchStatus.CREATED)).isEqualTo(HandOver.Way.ASSIGN);
        assertThat(HandOver.way(BatchStatus.ASSIGNED)).isEqualTo(HandOver.Way.REASSIGN);
        for (BatchStatus status : List.of(BatchStatus.PICKED, BatchStatus.OUT_FOR_DELIVERY, BatchStatus.COMPLETED,
                BatchStatus.FAILED, BatchStatus.CANCELLED)) {
            assertThat(HandOver.way(status)).as(status.name()).isNull();
        }
        assertThat(HandOver.takesFromAnother(BatchStatus.ASSIGNED, ben, ana)).isTrue();
        assertThat(HandOver.takesFromAnother(BatchStatus.ASSIGNED, ana, ana)).as("already hers").isFalse();
        assertThat(HandOver.takesFromAnother(BatchStatus.CREATED, null, ana)).isFalse();
    }

    @Test
    void theVerdictNamesTheFirstObstacle() {
        assertThat(HandOver.check(ana(Availability.ON_BREAK, Load.EMPTY), List.of(batch(BatchStatus.CREATED, null, 1)))
                .obstacle()).isEqualTo(HandOver.Obstacle.RIDER_NOT_AVAILABLE);
        HandOver.Batch picked = batch(BatchStatus.PICKED, ben, 1);
        HandOver.Verdict notOpen = HandOver.check(ana(Availability.AVAILABLE, Load.EMPTY),
                List.of(batch(BatchStatus.CREATED, null, 1), picked));
        assertThat(notOpen.obstacle()).isEqualTo(HandOver.Obstacle.BATCH_NOT_OPEN);
        assertThat(notOpen.batch()).isEqualTo(picked);
        assertThat(HandOver.check(ana(Availability.AVAILABLE, Load.EMPTY), List.of(batch(BatchStatus.ASSIGNED, ana, 1)))
                .obstacle()).isEqualTo(HandOver.Obstacle.ALREADY_WITH_RIDER);
        HandOver.Verdict over = HandOver.check(ana(Availability.AVAILABLE, new Load(4, BigDecimal.ONE, 1)),
                List.of(batch(BatchStatus.CREATED, null, 2)));
        assertThat(over.obstacle()).isEqualTo(HandOver.Obstacle.OVER_LIMITS);
        assertThat(over.overLimit().code()).isEqualTo(ErrorCode.CAPACITY_EXCEEDED);
    }

    @Test
    void batchesAlreadyWithTheRiderAddNothingToTheLoad() {
        HandOver.Verdict fits = HandOver.check(ana(Availability.AVAILABLE, new Load(1, BigDecimal.ONE, 1)),
                List.of(batch(BatchStatus.ASSIGNED, ana, 1), batch(BatchStatus.ASSIGNED, ben, 3)));
        assertThat(fits.fits()).isTrue();
        assertThat(fits.load()).isEqualTo(new Load(4, new BigDecimal("2"), 2));
    }

    @Test
    void theServiceRefusalsKeepTheirCodesAndSentences() {
        assertThatThrownBy(() -> HandOver.requireAvailable("Ana", Availability.OFF_DUTY))
                .isInstanceOfSatisfying(DispatchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RIDER_UNAVAILABLE))
                .hasMessage("Ana is off duty and cannot take batches.");
        assertThatThrownBy(() -> HandOver.requireRoom("Ana", new RiderLimits(5, BigDecimal.TEN, 2),
                new Load(4, BigDecimal.ONE, 1), 2, BigDecimal.ONE))
                .hasMessage("Ana would carry 6 orders; the limit is 5.");
        assertThat(HandOver.alreadyWith(ana).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
}

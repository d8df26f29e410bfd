package com.dispatchconsole.domain.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.Load;
import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.VehicleType;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderPosition;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.testing.UnitTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@UnitTest
class SlaRuleTest {

    static final Instant T0 = Instant.parse("2026-11-28T06:00:00Z");
    static final SlaThresholds T = SlaThresholds.DEFAULTS;

    static BatchRow batch(BatchStatus status, Instant created, Instant statusChanged) {
        return new BatchRow(UUID.randomUUID(), UUID.randomUUID(), "Central", status, null, null, 1, BigDecimal.ONE,
                created, statusChanged, statusChanged, 1, "C");
    }

    static RiderRow rider(Availability availability, int activeBatches, Instant fixAt, Instant lastChange) {
        return new RiderRow(UUID.randomUUID(), "Ana", "+1", VehicleType.SCOOTER, availability, null, null,
                new RiderLimits(6, new BigDecimal("12"), 2), new Load(activeBatches, BigDecimal.ONE, activeBatches),
                lastChange, 1, fixAt == null ? null : new RiderPosition(1, 2, null, fixAt));
    }

    @Test
    void eachOpenStatusHasItsDeadlineFromWhenItEnteredTheStatus() {
        Instant created = T0.minus(Duration.ofHours(1));
        assertThat(SlaRule.dueAt(batch(BatchStatus.CREATED, created, T0), T)).isEqualTo(T0.plus(T.unassigned()));
        assertThat(SlaRule.dueAt(batch(BatchStatus.ASSIGNED, created, T0), T)).isEqualTo(T0.plus(T.notPickedUp()));
        assertThat(SlaRule.dueAt(batch(BatchStatus.PICKED, created, T0), T)).isEqualTo(T0.plus(T.notOut()));
        assertThat(SlaRule.dueAt(batch(BatchStatus.OUT_FOR_DELIVERY, created, T0), T))
                .isEqualTo(T0.plus(T.outForDelivery()));
        for (BatchStatus finished : new BatchStatus[] {BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.CANCELLED}) {
            BatchRow old = batch(finished, created, created);
            assertThat(SlaRule.dueAt(old, T)).as(finished.name()).isNull();
            assertThat(SlaRule.isLate(old, T0.plus(Duration.ofDays(3)), T)).isFalse();
            assertThat(SlaRule.kind(finished)).isNull();
        }
    }

    @Test
    void lateOnlyStrictlyAfterTheDeadlineAndByHowMuch() {
        BatchRow created = batch(BatchStatus.CREATED, T0, T0);
        Instant due = T0.plus(Duration.ofMinutes(10));
        assertThat(SlaRule.isLate(created, due, T)).isFalse();
        assertThat(SlaRule.lateBy(created, due, T)).isZero();
        assertThat(SlaRule.isLate(created, due.plusSeconds(1), T)).isTrue();
        assertThat(SlaRule.lateBy(created, due.plus(Duration.ofMinutes(7)), T)).isEqualTo(Duration.ofMinutes(7));
        assertThat(SlaRule.lateBy(created, T0, T)).as("early is not negative lateness").isZero();
    }

    @Test
    void aRiderIsWatchedOnlyOnDutyWithAnActiveBatch() {
        Instant fix = T0;
        assertThat(SlaRule.dueAt(rider(Availability.AVAILABLE, 1, fix, T0.minusSeconds(600)), T))
                .isEqualTo(fix.plus(T.positionStale()));
        assertThat(SlaRule.dueAt(rider(Availability.ON_BREAK, 1, fix, T0), T)).isEqualTo(fix.plus(T.positionStale()));
        assertThat(SlaRule.dueAt(rider(Availability.AVAILABLE, 0, fix, T0), T)).as("no active batch").isNull();
        assertThat(SlaRule.dueAt(rider(Availability.OFF_DUTY, 1, fix, T0), T)).as("off duty").isNull();
        RiderRow neverReported = rider(Availability.AVAILABLE, 1, null, T0);
        assertThat(SlaRule.dueAt(neverReported, T)).as("measured from the last change").isEqualTo(T0.plus(T.positionStale()));
        assertThat(SlaRule.isLate(neverReported, T0.plus(Duration.ofMinutes(3)), T)).isTrue();
        assertThat(SlaRule.lateBy(neverReported, T0.plus(Duration.ofMinutes(3)), T)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void thresholdsAreOneMinuteToADay() {
        Duration ok = Duration.ofMinutes(5);
        assertThatThrownBy(() -> new SlaThresholds(Duration.ZERO, ok, ok, ok, ok))
                .isInstanceOfSatisfying(DispatchException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.sentence()).contains("Unassigned").contains("1 to 1440 minutes");
                });
        assertThatThrownBy(() -> new SlaThresholds(ok, ok, ok, ok, Duration.ofHours(25)))
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.sentence()).contains("Position stale"));
        assertThatThrownBy(() -> new SlaThresholds(ok, null, ok, ok, ok)).isInstanceOf(DispatchException.class);
        assertThat(new SlaThresholds(SlaThresholds.MIN, ok, ok, ok, SlaThresholds.MAX).unassigned()).isEqualTo(SlaThresholds.MIN);
        assertThat(SlaThresholds.DEFAULTS.unassigned()).isEqualTo(Duration.ofMinutes(10));
        assertThat(SlaThresholds.DEFAULTS.positionStale()).isEqualTo(Duration.ofMinutes(2));
    }
}

package com.dispatchconsole.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.Load;
import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.sla.SlaRule;
import com.dispatchconsole.domain.sla.SlaThresholds;
import com.dispatchconsole.domain.VehicleType;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderPosition;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.testing.UnitTest;
import com.dispatchconsole.ui.common.ServerClock;
import com.dispatchconsole.ui.common.SynchronousUiExecutor;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** The alerts follow the clock and the rows, in memory: no window, no database. */
@UnitTest
class AlertsViewModelTest {

    static final Instant T0 = Instant.parse("2026-11-28T06:00:00Z");

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestClock local = new TestClock();
    final ServerClock clock = new ServerClock(local, () -> local.now, new SynchronousUiExecutor());
    final ObservableList<BatchRow> batches = FXCollections.observableArrayList();
    final ObservableList<RiderRow> riders = FXCollections.observableArrayList();

    static BatchRow batch(BatchStatus status, Instant since) {
        return new BatchRow(UUID.randomUUID(), UUID.randomUUID(), "Central", status, null, null, 1, BigDecimal.ONE,
                since, since, since, 1, "C");
    }

    static BatchRow moved(BatchRow b, BatchStatus status, Instant at) {
        return new BatchRow(b.id(), b.outletId(), b.outletName(), status, null, null, 1, BigDecimal.ONE,
                b.createdAt(), at, at, b.version() + 1, "C");
    }

    static RiderRow rider(String name, Instant fixAt) {
        return new RiderRow(UUID.randomUUID(), name, "+1", VehicleType.SCOOTER, Availability.AVAILABLE, null, null,
                new RiderLimits(6, new BigDecimal("12"), 2), new Load(1, BigDecimal.ONE, 1), T0.minusSeconds(3600), 1,
                new RiderPosition(1, 2, null, fixAt));
    }

    void tickAt(Duration sinceT0) {
        local.now = T0.plus(sinceT0);
        clock.tick();
    }

    @Test
    void aBatchBecomesAnAlertWhenItsDeadlinePassesAndLeavesWhenItMovesOn() {
        BatchRow b = batch(BatchStatus.CREATED, T0);
        batches.add(b);
        AlertsViewModel alerts = new AlertsViewModel(batches, riders, clock);
        assertThat(alerts.alerts()).isEmpty();
        assertThat(alerts.badgeProperty().get()).isEqualTo("No alerts");

        tickAt(Duration.ofMinutes(10));
        assertThat(alerts.alerts()).as("due, not yet late").isEmpty();
        tickAt(Duration.ofMinutes(12));
        assertThat(alerts.alerts()).extracting(Alert::subjectId).containsExactly(b.id());
        assertThat(alerts.alerts().get(0).kind()).isEqualTo(SlaRule.Kind.UNASSIGNED);
        assertThat(alerts.alerts().get(0).lateBy(clock.nowProperty().get())).isEqualTo(Duration.ofMinutes(2));
        assertThat(alerts.badgeProperty().get()).isEqualTo("⚠ 1 alert");

        batches.set(0, moved(b, BatchStatus.ASSIGNED, T0.plus(Duration.ofMinutes(12))));
        assertThat(alerts.alerts()).as("assigned: the clock starts again for Assigned").isEmpty();
        tickAt(Duration.ofMinutes(28));
        assertThat(alerts.alerts()).extracting(Alert::kind).containsExactly(SlaRule.Kind.NOT_PICKED_UP);
        batches.set(0, moved(b, BatchStatus.COMPLETED, T0.plus(Duration.ofMinutes(29))));
        tickAt(Duration.ofDays(2));
        assertThat(alerts.alerts()).as("finished batches are never late").isEmpty();
        assertThat(alerts.countProperty().get()).isZero();
    }

    @Test
    void oldestFirstAndARiderWhoReportsDropsOut() {
        BatchRow newer = batch(BatchStatus.CREATED, T0.plus(Duration.ofMinutes(1)));
        BatchRow older = batch(BatchStatus.CREATED, T0);
        RiderRow ana = rider("Ana", T0.plus(Duration.ofMinutes(5)));
        batches.addAll(newer, older);
        riders.add(ana);
        AlertsViewModel alerts = new AlertsViewModel(batches, riders, clock);

        tickAt(Duration.ofMinutes(8));
        assertThat(alerts.alerts()).extracting(Alert::subject).containsExactly("Ana");
        tickAt(Duration.ofMinutes(30));
        assertThat(alerts.alerts()).extracting(Alert::subjectId).containsExactly(ana.id(), older.id(), newer.id());

        RiderRow reported = new RiderRow(ana.id(), ana.name(), ana.phone(), ana.vehicleType(), ana.availability(),
                null, null, ana.limits(), ana.load(), ana.lastChangeAt(), ana.version(),
                new RiderPosition(1, 2, null, T0.plus(Duration.ofMinutes(30))));
        riders.set(0, reported);
        assertThat(alerts.alerts()).extracting(Alert::subjectId).containsExactly(older.id(), newer.id());
        batches.remove(older);
        assertThat(alerts.alerts()).extracting(Alert::subjectId).containsExactly(newer.id());
    }

    @Test
    void newThresholdsJudgeEveryRowAgainAndBadInputChangesNothing() {
        batches.add(batch(BatchStatus.OUT_FOR_DELIVERY, T0));
        AlertsViewModel alerts = new AlertsViewModel(batches, riders, clock);
        tickAt(Duration.ofMinutes(30));
        assertThat(alerts.alerts()).isEmpty();

        assertThat(alerts.setThresholds("10", "15", "10", "20", "2")).isEmpty();
        assertThat(alerts.alerts()).hasSize(1);
        assertThat(alerts.thresholdsProperty().get().outForDelivery()).isEqualTo(Duration.ofMinutes(20));

        assertThat(alerts.setThresholds("10", "15", "10", "ninety", "2"))
                .hasValueSatisfying(line -> assertThat(line).startsWith("INVALID_ARGUMENT: ")
                        .contains("Out for delivery").contains("nothing was changed").doesNotContain("\n"));
        assertThat(alerts.setThresholds("0", "15", "10", "90", "2")).isPresent();
        assertThat(alerts.thresholdsProperty().get().outForDelivery()).isEqualTo(Duration.ofMinutes(20));
        assertThat(alerts.alerts()).hasSize(1);

        alerts.thresholdsProperty().set(SlaThresholds.DEFAULTS);
        assertThat(alerts.alerts()).isEmpty();
    }

    @Test
    void theClockGoingBackTakesBackWhatIsNoLongerLate() {
        batches.add(batch(BatchStatus.CREATED, T0));
        AlertsViewModel alerts = new AlertsViewModel(batches, riders, clock);
        tickAt(Duration.ofMinutes(11));
        assertThat(alerts.alerts()).hasSize(1);
        tickAt(Duration.ofMinutes(9));
        assertThat(alerts.alerts()).isEmpty();
    }

    /**
     * 50,000 batches, as the LARGE demo has: the index is built in one sort, each tick moves only what fell due,
     * and a change to one row touches that row. No timings asserted: the counts say the work is per change.
     */
    @Test
    void fiftyThousandRowsAreIndexedOnceAndATickMovesOnlyWhatFellDue() {
        List<BatchRow> rows = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            // One batch entering Created every 1.2 s over the 1000 minutes before T0 + 1000 min.
            rows.add(batch(i % 5 == 4 ? BatchStatus.COMPLETED : BatchStatus.CREATED, T0.plusMillis(1200L * i)));
        }
        batches.setAll(rows);
        AlertsViewModel alerts = new AlertsViewModel(batches, riders, clock);
        assertThat(alerts.watched()).isEqualTo(40_000);

        tickAt(Duration.ofMinutes(11));
        // Due at T0+10m .. T0+11m: the batches created in the first minute, 4 of every 5.
        assertThat(alerts.alerts()).hasSize(40);
        List<Integer> sizes = new ArrayList<>();
        alerts.alerts().addListener((javafx.collections.ListChangeListener<Alert>) c -> {
            while (c.next()) {
                sizes.add(c.getAddedSize() + c.getRemovedSize());
            }
        });
        tickAt(Duration.ofMinutes(11).plusSeconds(1));
        tickAt(Duration.ofMinutes(11).plusSeconds(2));
        assertThat(sizes).as("each tick adds only the rows that fell due, in one change").allMatch(n -> n <= 2);

        batches.set(0, moved(rows.get(0), BatchStatus.CANCELLED, T0.plus(Duration.ofMinutes(11))));
        assertThat(alerts.alerts()).hasSize(41);
        assertThat(alerts.alerts().get(0).subjectId()).isEqualTo(rows.get(1).id());

        tickAt(Duration.ofMinutes(1100));
        assertThat(alerts.alerts()).hasSize(39_999);
        assertThat(alerts.alerts()).isSortedAccordingTo(Alert.OLDEST_FIRST);
    }
}

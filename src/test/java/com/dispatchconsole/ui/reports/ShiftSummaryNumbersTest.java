package com.dispatchconsole.ui.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.report.ReportRange;
import com.dispatchconsole.domain.report.ShiftSummaryRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.domain.sla.SlaThresholds;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shift summary's numbers against batches made through the services on a real PostgreSQL. Their audit rows are
 * then moved (as the table's owner, audit triggers off for the moment) to fixed times of one past day, so every
 * count, average and breach below is known exactly from the story told here, never from a clock.
 */
@DatabaseTest
class ShiftSummaryNumbersTest {

    static final String DAY = "2026-01-10";
    static final ReportRange RANGE = new ReportRange(Instant.parse(DAY + "T00:00:00Z"), Instant.parse("2026-01-11T00:00:00Z"));

    private static Database db;
    private static DispatchServices services;
    private static Sql sql;
    private static Fixtures north;
    private static Fixtures south;
    private static RiderRow ana;
    private static RiderRow ben;
    private static List<ShiftSummaryRow> summary;

    @BeforeAll
    static void tellTheDay() throws Exception {
        db = Database.open(TestDatabases.fresh());
        services = new DispatchServices(db);
        sql = new Sql(db.dataSource());
        north = new Fixtures(services);
        south = new Fixtures(services);
        ana = north.rider("Ana", 10, "50", 3);
        ben = south.rider("Ben", 10, "50", 3);

        // North b1: created 10:00, assigned to Ana 10:05, picked 10:25 (20 min assigned: late), out 10:30, completed 11:00.
        BatchRow b1 = north.batch(1, "1");
        north.outForDelivery(b1, ana);
        services.batches().recordOutcome(b1.id(), services.queries().orders(b1.id()).get(0).orderId(),
                OrderOutcome.DELIVERED, null, "seed");
        if (services.queries().batch(b1.id()).status() != BatchStatus.COMPLETED) {
            services.assignments().transition(b1.id(), BatchStatus.COMPLETED, "seed", null);
        }
        at(b1, "10:00", "10:05", "10:25", "10:30", "11:00");
        // North b2: created 10:00, assigned to Ana 10:20 (20 min unassigned: late), cancelled 10:30.
        BatchRow b2 = north.batch(1, "1");
        services.assignments().assign(b2.id(), ana.id(), "seed");
        services.assignments().transition(b2.id(), BatchStatus.CANCELLED, "seed", "customer called");
        at(b2, "10:00", "10:20", "10:30");
        // South b3: created 10:10, assigned to Ben 10:12, picked 10:14, failed 10:44 (30 min picked: late).
        BatchRow b3 = south.batch(1, "1");
        services.assignments().assign(b3.id(), ben.id(), "seed");
        services.assignments().transition(b3.id(), BatchStatus.PICKED, "seed", null);
        services.assignments().transition(b3.id(), BatchStatus.FAILED, "seed", "bike broke");
        at(b3, "10:10", "10:12", "10:14", "10:44");
        // South b4: created 10:00 and never touched: unassigned until the day's end, 14 h (late).
        BatchRow b4 = south.batch(1, "1");
        at(b4, "10:00");
        // North b5: the day before, created and assigned: counts for nothing on the day.
        BatchRow b5 = north.batch(1, "1");
        services.assignments().assign(b5.id(), ana.id(), "seed");
        at(b5, "2026-01-09T10:00:00Z", "2026-01-09T10:01:00Z");

        summary = services.queries().shiftSummary(RANGE, SlaThresholds.DEFAULTS);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /**
     * Moves a batch's status rows, oldest first, to {@code times} ("HH:MM" on {@link #DAY} or a whole instant),
     * and each rider change to the time of the status row written in the same transaction.
     */
    static void at(BatchRow batch, String... times) throws Exception {
        String array = Arrays.stream(times).map(t -> "'" + (t.length() == 5 ? DAY + "T" + t + ":00Z" : t) + "'")
                .collect(Collectors.joining(", ", "ARRAY[", "]::timestamptz[]"));
        String moves = "SELECT h.changed_at AS old_at, t.at AS new_at, h.id FROM (SELECT id, changed_at, row_number() "
                + "OVER (ORDER BY id) AS n FROM batch_status_history WHERE batch_id = '" + batch.id() + "') h "
                + "JOIN unnest(" + array + ") WITH ORDINALITY AS t(at, n) ON t.n = h.n";
        assertThat(sql.count("SELECT count(*) FROM batch_status_history WHERE batch_id = ?", batch.id()))
                .as("status rows of the story").isEqualTo(times.length);
        sql.transaction(
                "ALTER TABLE batch_status_history DISABLE TRIGGER USER",
                "ALTER TABLE rider_assignment_history DISABLE TRIGGER USER",
                "UPDATE rider_assignment_history a SET changed_at = m.new_at FROM (" + moves + ") m "
                        + "WHERE a.batch_id = '" + batch.id() + "' AND a.changed_at = m.old_at",
                "UPDATE batch_status_history s SET changed_at = m.new_at FROM (" + moves + ") m WHERE s.id = m.id",
                "ALTER TABLE batch_status_history ENABLE TRIGGER USER",
                "ALTER TABLE rider_assignment_history ENABLE TRIGGER USER");
        assertThat(sql.count("SELECT count(*) FROM rider_assignment_history WHERE batch_id = ? "
                + "AND changed_at > '2026-01-11'", batch.id())).as("every rider change moved with its status row")
                .isZero();
    }

    static ShiftSummaryRow line(ShiftSummaryRow.Scope scope, UUID id) {
        return summary.stream().filter(r -> r.scope() == scope && r.id().equals(id)).findFirst().orElseThrow();
    }

    static Duration minutes(double m) {
        return Duration.ofMillis(Math.round(m * 60_000));
    }

    @Test
    void outletsCountWhatHappenedOnTheDay() {
        ShiftSummaryRow n = line(ShiftSummaryRow.Scope.OUTLET, north.outletId());
        assertThat(List.of(n.created(), n.assigned(), n.completed(), n.failed(), n.cancelled()))
                .as("created, assigned, completed, failed, cancelled (the day before's batch not counted)")
                .containsExactly(2L, 2L, 1L, 0L, 1L);
        ShiftSummaryRow s = line(ShiftSummaryRow.Scope.OUTLET, south.outletId());
        assertThat(List.of(s.created(), s.assigned(), s.completed(), s.failed(), s.cancelled()))
                .containsExactly(2L, 1L, 0L, 1L, 0L);
    }

    @Test
    void averageTimesComeFromTheHistory() {
        ShiftSummaryRow n = line(ShiftSummaryRow.Scope.OUTLET, north.outletId());
        assertThat(n.averageIn(BatchStatus.CREATED)).as("(5 + 20) / 2 min").isEqualTo(minutes(12.5));
        assertThat(n.averageIn(BatchStatus.ASSIGNED)).as("(20 + 10) / 2 min").isEqualTo(minutes(15));
        assertThat(n.averageIn(BatchStatus.PICKED)).isEqualTo(minutes(5));
        assertThat(n.averageIn(BatchStatus.OUT_FOR_DELIVERY)).isEqualTo(minutes(30));
        ShiftSummaryRow s = line(ShiftSummaryRow.Scope.OUTLET, south.outletId());
        assertThat(s.averageIn(BatchStatus.CREATED)).as("(2 + 840) / 2 min: an open stay runs to the range's end")
                .isEqualTo(minutes(421));
        assertThat(s.averageIn(BatchStatus.PICKED)).isEqualTo(minutes(30));
        assertThat(s.averageIn(BatchStatus.OUT_FOR_DELIVERY)).as("nothing went out").isNull();
    }

    @Test
    void breachesAreStaysLongerThanTheirThreshold() {
        assertThat(line(ShiftSummaryRow.Scope.OUTLET, north.outletId()).slaBreaches())
                .as("b2 20 min unassigned (> 10), b1 20 min assigned (> 15)").isEqualTo(2);
        assertThat(line(ShiftSummaryRow.Scope.OUTLET, south.outletId()).slaBreaches())
                .as("b4 14 h unassigned, b3 30 min picked (> 10)").isEqualTo(2);
        SlaThresholds lenient = new SlaThresholds(Duration.ofMinutes(30), Duration.ofMinutes(30),
                Duration.ofMinutes(30), Duration.ofMinutes(45), Duration.ofMinutes(2));
        List<ShiftSummaryRow> judgedLeniently = services.queries().shiftSummary(RANGE, lenient);
        assertThat(judgedLeniently.stream().filter(r -> r.scope() == ShiftSummaryRow.Scope.OUTLET)
                .mapToLong(ShiftSummaryRow::slaBreaches).sum())
                .as("with 30 min thresholds only the 14 h stay is late; 30 min picked is not strictly longer")
                .isEqualTo(1);
    }

    @Test
    void aConsoleScopedToOneOutletCountsOnlyItsBatches() {
        List<ShiftSummaryRow> northOnly = services.queries().shiftSummary(RANGE, SlaThresholds.DEFAULTS,
                java.util.Set.of(north.outletId()));
        assertThat(northOnly).as("North's line and Ana's, who carried North's batches; not South's, not Ben's")
                .extracting(ShiftSummaryRow::id).containsExactly(north.outletId(), ana.id());
        assertThat(northOnly).as("the same numbers as in the whole summary")
                .containsExactly(line(ShiftSummaryRow.Scope.OUTLET, north.outletId()),
                        line(ShiftSummaryRow.Scope.RIDER, ana.id()));
    }

    @Test
    void ridersCountTheBatchesTheyHad() {
        ShiftSummaryRow a = line(ShiftSummaryRow.Scope.RIDER, ana.id());
        assertThat(a.name()).isEqualTo("Ana");
        assertThat(List.of(a.created(), a.assigned(), a.completed(), a.failed())).containsExactly(0L, 2L, 1L, 0L);
        assertThat(a.averageIn(BatchStatus.ASSIGNED)).isEqualTo(minutes(15));
        assertThat(a.averageIn(BatchStatus.CREATED)).as("a batch waiting for a rider is nobody's").isNull();
        assertThat(a.slaBreaches()).isEqualTo(1);
        ShiftSummaryRow b = line(ShiftSummaryRow.Scope.RIDER, ben.id());
        assertThat(List.of(b.assigned(), b.completed(), b.failed())).containsExactly(1L, 0L, 1L);
        assertThat(b.averageIn(BatchStatus.PICKED)).isEqualTo(minutes(30));
        assertThat(summary.stream().map(ShiftSummaryRow::scope).toList())
                .as("outlets first, then riders").isSortedAccordingTo(Enum::compareTo);
    }
}

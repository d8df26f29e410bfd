package com.dispatchconsole.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.Expected;
import com.dispatchconsole.domain.UndoableChange;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Undo on a real database: each kind of change taken back (assign, unassign, reassign), the moves the state map
 * cannot take back refused, an undo refused when another console moved the batch in between (who, what, when; rows
 * unchanged), refused when the rider it would go back to is full or away, and the history saying it was an undo.
 */
@DatabaseTest
class UndoServiceTest {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private static Database consoleX;
    private static Database consoleY;
    private static DispatchServices x;
    private static DispatchServices y;
    private static Fixtures given;
    private static Sql sql;

    @BeforeAll
    static void open() {
        var config = TestDatabases.fresh();
        consoleX = Database.open(config);
        consoleY = Database.open(config);
        x = new DispatchServices(consoleX);
        y = new DispatchServices(consoleY);
        given = new Fixtures(x);
        sql = new Sql(consoleX.dataSource());
    }

    @AfterAll
    static void close() {
        consoleY.close();
        consoleX.close();
    }

    @Test
    void anAssignIsUndoneByUnassigningAndTheHistorySaysItWasAnUndo() {
        RiderRow ana = given.rider("Ana", 10, "20", 2);
        BatchRow shown = given.batch(1, "1");
        BatchRow assigned = x.assignments().assign(shown.id(), ana.id(), Expected.version(shown.version()), "olga");

        UndoService.Undone undone = x.undo().undo(UndoService.change(shown, assigned), "olga");

        assertThat(undone.batches()).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(BatchStatus.CREATED);
            assertThat(row.riderId()).isNull();
        });
        assertThat(undone.riders()).extracting(RiderRow::id).containsExactly(ana.id());
        assertThat(sql.value("SELECT status FROM delivery_batches WHERE id = ?", shown.id())).isEqualTo("CREATED");
        String reason = "Undo of assign at " + CLOCK.format(assigned.updatedAt());
        assertThat(lastReason("batch_status_history", shown)).isEqualTo(reason);
        assertThat(lastReason("rider_assignment_history", shown)).isEqualTo(reason);
        assertThat(sql.value("SELECT actor FROM batch_status_history WHERE batch_id = ? ORDER BY id DESC LIMIT 1",
                shown.id())).isEqualTo("olga");
        assertThat(x.queries().history(shown.id()).get(x.queries().history(shown.id()).size() - 1).reason())
                .startsWith(UndoService.REASON_PREFIX);
    }

    @Test
    void anUnassignIsUndoneByAssigningBackToTheSameRider() {
        RiderRow ben = given.rider("Ben", 10, "20", 2);
        BatchRow assigned = x.assignments().assign(given.batch(2, "1").id(), ben.id(), "seed");
        BatchRow unassigned = x.assignments().unassign(assigned.id(), Expected.version(assigned.version()), "olga", null);

        x.undo().undo(UndoService.change(assigned, unassigned), "olga");

        assertThat(sql.value("SELECT status FROM delivery_batches WHERE id = ?", assigned.id())).isEqualTo("ASSIGNED");
        assertThat(sql.value("SELECT rider_id FROM delivery_batches WHERE id = ?", assigned.id())).isEqualTo(ben.id());
        assertThat(lastReason("rider_assignment_history", assigned)).startsWith("Undo of unassign at ");
    }

    @Test
    void aReassignIsUndoneByReassigningBack() {
        RiderRow chloe = given.rider("Chloé", 10, "20", 2);
        RiderRow dev = given.rider("Dev", 10, "20", 2);
        BatchRow withChloe = x.assignments().assign(given.batch(1, "1").id(), chloe.id(), "seed");
        BatchRow withDev = x.assignments().reassign(withChloe.id(), dev.id(), Expected.version(withChloe.version()),
                "olga", "closer");

        UndoService.Undone undone = x.undo().undo(UndoService.change(withChloe, withDev), "olga");

        assertThat(undone.batches().get(0).riderId()).isEqualTo(chloe.id());
        assertThat(undone.riders()).extracting(RiderRow::id).containsExactlyInAnyOrder(chloe.id(), dev.id());
        assertThat(sql.value("SELECT rider_id FROM delivery_batches WHERE id = ?", withChloe.id())).isEqualTo(chloe.id());
        // One rider change in the history, as any reassignment: Dev → Chloé, marked as the undo.
        assertThat(sql.value("SELECT new_rider_id FROM rider_assignment_history WHERE batch_id = ? ORDER BY id DESC "
                + "LIMIT 1", withChloe.id())).isEqualTo(chloe.id());
        assertThat(lastReason("rider_assignment_history", withChloe)).startsWith("Undo of reassign at ");
    }

    @Test
    void movesWithoutAReverseOnTheStateMapAreNotUndone() {
        RiderRow elif = given.rider("Elif", 10, "20", 2);
        BatchRow assigned = x.assignments().assign(given.batch(1, "1").id(), elif.id(), "seed");
        BatchRow picked = x.assignments().transition(assigned.id(), BatchStatus.PICKED, "olga", null);
        BatchRow created = given.batch(1, "1");
        BatchRow cancelled = x.assignments().transition(created.id(), BatchStatus.CANCELLED, "olga", "duplicate");
        String before = sql.fingerprint();

        assertThatThrownBy(() -> x.undo().undo(UndoService.change(assigned, picked), "olga"))
                .isInstanceOfSatisfying(DispatchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION))
                .hasMessageContaining("can't go from Picked up to Assigned");
        assertThatThrownBy(() -> x.undo().undo(UndoService.change(created, cancelled), "olga"))
                .isInstanceOfSatisfying(DispatchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION))
                .hasMessageContaining("final");
        assertThat(sql.fingerprint()).isEqualTo(before);
    }

    @Test
    void anUndoAfterAnotherConsoleMovedTheBatchIsRefusedWithWhoWhatWhen() {
        RiderRow farid = given.rider("Farid", 10, "20", 2);
        BatchRow shown = given.batch(1, "1");
        BatchRow assigned = x.assignments().assign(shown.id(), farid.id(), Expected.version(shown.version()), "olga");
        y.assignments().transition(shown.id(), BatchStatus.PICKED, Expected.version(assigned.version()), "yusuf", null);
        String before = sql.fingerprint();

        assertThatThrownBy(() -> x.undo().undo(UndoService.change(shown, assigned), "olga"))
                .isInstanceOfSatisfying(DispatchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_CHANGED))
                .hasMessageMatching("Batch \\w{8} changed after your change: yusuf \\(postgres\\) — Assigned → "
                        + "Picked up at \\d\\d:\\d\\d:\\d\\d; it was not undone, nothing was changed\\.");
        assertThat(sql.fingerprint()).isEqualTo(before);
    }

    @Test
    void anUndoIsTakenOnlyOnce() {
        RiderRow gia = given.rider("Gia", 10, "20", 2);
        BatchRow shown = given.batch(1, "1");
        BatchRow assigned = x.assignments().assign(shown.id(), gia.id(), Expected.version(shown.version()), "olga");
        UndoableChange change = UndoService.change(shown, assigned);
        x.undo().undo(change, "olga");
        String before = sql.fingerprint();

        assertThatThrownBy(() -> x.undo().undo(change, "olga"))
                .isInstanceOfSatisfying(DispatchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_CHANGED))
                .hasMessageContaining("olga (postgres) — Unassigned from Gia at ");
        assertThat(sql.fingerprint()).isEqualTo(before);
    }

    @Test
    void anUnassignIsNotUndoneOntoARiderWhoIsNowFull() {
        RiderRow hana = given.rider("Hana", 10, "20", 1);
        BatchRow assigned = x.assignments().assign(given.batch(1, "1").id(), hana.id(), "seed");
        BatchRow unassigned = x.assignments().unassign(assigned.id(), Expected.version(assigned.version()), "olga", null);
        // Meanwhile another console gives Hana another batch: her one active batch.
        y.assignments().assign(given.batch(1, "1").id(), hana.id(), "yusuf");

        refusedAsIs(UndoService.change(assigned, unassigned),
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ACTIVE_BATCH_LIMIT));
    }

    @Test
    void aReassignIsNotUndoneOntoARiderWhoIsNowAway() {
        RiderRow ivan = given.rider("Ivan", 10, "20", 2);
        RiderRow jo = given.rider("Jo", 10, "20", 2);
        BatchRow withIvan = x.assignments().assign(given.batch(1, "1").id(), ivan.id(), "seed");
        BatchRow withJo = x.assignments().reassign(withIvan.id(), jo.id(), Expected.version(withIvan.version()),
                "olga", "closer");
        y.fleet().setAvailability(ivan.id(), Availability.ON_BREAK, "yusuf");

        refusedAsIs(UndoService.change(withIvan, withJo), e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RIDER_UNAVAILABLE);
            assertThat(e.sentence()).contains("Ivan is on break");
        });
    }

    @Test
    void oneGesturesChangesAreUndoneTogetherOrNotAtAll() {
        RiderRow kai = given.rider("Kai", 10, "20", 3);
        BatchRow first = given.batch(1, "1");
        BatchRow second = given.batch(1, "1");
        BatchRow firstAfter = x.assignments().assign(first.id(), kai.id(), Expected.version(first.version()), "olga");
        BatchRow secondAfter = x.assignments().assign(second.id(), kai.id(), Expected.version(second.version()), "olga");
        List<UndoableChange> gesture = List.of(UndoService.change(first, firstAfter),
                UndoService.change(second, secondAfter));
        y.assignments().transition(second.id(), BatchStatus.PICKED, "yusuf", null);

        refusedAsIs(gesture, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_CHANGED));
        assertThat(sql.value("SELECT status FROM delivery_batches WHERE id = ?", first.id())).isEqualTo("ASSIGNED");
    }

    @Test
    void severalBatchesGoBackToOneRiderWithinItsLimits() {
        RiderRow lea = given.rider("Lea", 10, "20", 2);
        BatchRow a = x.assignments().assign(given.batch(1, "1").id(), lea.id(), "seed");
        BatchRow b = x.assignments().assign(given.batch(1, "1").id(), lea.id(), "seed");
        BatchRow aAfter = x.assignments().unassign(a.id(), "olga", null);
        BatchRow bAfter = x.assignments().unassign(b.id(), "olga", null);
        // A third batch for Lea meanwhile: only one of the two fits back, so neither goes back.
        BatchRow c = y.assignments().assign(given.batch(1, "1").id(), lea.id(), "yusuf");

        refusedAsIs(List.of(UndoService.change(a, aAfter), UndoService.change(b, bAfter)),
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ACTIVE_BATCH_LIMIT));

        y.assignments().unassign(c.id(), "yusuf", null);
        x.undo().undo(List.of(UndoService.change(a, aAfter), UndoService.change(b, bAfter)), "olga");
        assertThat(sql.count("SELECT count(*) FROM delivery_batches WHERE rider_id = ?", lea.id())).isEqualTo(2);
    }

    private static void refusedAsIs(UndoableChange change, Consumer<DispatchException> check) {
        refusedAsIs(List.of(change), check);
    }

    private static void refusedAsIs(List<UndoableChange> changes, Consumer<DispatchException> check) {
        String before = sql.fingerprint();
        assertThatThrownBy(() -> x.undo().undo(changes, "olga"))
                .isInstanceOfSatisfying(DispatchException.class, check);
        assertThat(sql.fingerprint()).isEqualTo(before);
    }

    private static String lastReason(String table, BatchRow batch) {
        return (String) sql.value("SELECT reason FROM " + table + " WHERE batch_id = ? ORDER BY id DESC LIMIT 1",
                batch.id());
    }
}

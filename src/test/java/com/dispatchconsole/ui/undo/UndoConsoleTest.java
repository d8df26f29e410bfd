package com.dispatchconsole.ui.undo;

import static com.dispatchconsole.ui.console.ConsoleHarness.cell;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.testing.UiTest;
import com.dispatchconsole.ui.common.Notice;
import com.dispatchconsole.ui.console.ConsoleHarness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.NodeQueryUtils;

/**
 * Undo in the console on a real database: a drop, then Undo in its toast, puts the batch back; Ctrl+Z does the same;
 * the offer is gone after 10 seconds of the console's clock (which the test moves: nothing waits 10 s); an undo after
 * another console moved the batch is refused with who, what and when; a move the state map cannot take back offers
 * no Undo.
 */
@UiTest
class UndoConsoleTest {

    /** The console's clock: stands still unless the test moves it, so the countdown is the test's to run. */
    static final class TestClock extends Clock {
        volatile Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestClock clock = new TestClock();
    @RegisterExtension
    final ConsoleHarness console = ConsoleHarness.withClock(clock);

    /** Moves the console's clock and lets it tick, as the window's ticker does every second. */
    void later(FxRobot robot, Duration by) {
        clock.now = clock.now.plus(by);
        robot.interact(console.model.clock()::tick);
    }

    static Optional<Button> undoButton(FxRobot robot) {
        return robot.lookup(".notice-action").match(NodeQueryUtils.isVisible()).tryQueryAs(Button.class);
    }

    Object status(BatchRow batch) {
        return console.sql.value("SELECT status FROM delivery_batches WHERE id = ?", batch.id());
    }

    Object rider(BatchRow batch) {
        return console.sql.value("SELECT rider_id FROM delivery_batches WHERE id = ?", batch.id());
    }

    boolean noticeShown(String part) {
        return console.model.status().notices().stream().anyMatch(n -> n.text().contains(part));
    }

    BatchRow shown(UUID batchId) {
        return console.model.rows().allBatches().stream().filter(b -> b.id().equals(batchId)).findFirst().orElseThrow();
    }

    @Test
    void aDropThenUndoInItsToastPutsTheBatchBack(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 2);
        BatchRow batch = console.given.batch(2, "1.5");
        console.load(robot, 1, 1);

        robot.drag(cell(robot, "#batches-table", ShortId.of(batch.id()))).dropTo(cell(robot, "#riders-table", "Ana Silva"));
        waitUntil(() -> ana.id().equals(rider(batch)) && undoButton(robot).isPresent());
        assertThat(undoButton(robot).get().getText()).isEqualTo("Undo (10 s)");
        later(robot, Duration.ofSeconds(3));
        assertThat(undoButton(robot).get().getText()).as("it counts down").isEqualTo("Undo (7 s)");

        robot.clickOn(undoButton(robot).get());

        waitUntil(() -> "CREATED".equals(status(batch)));
        assertThat(rider(batch)).isNull();
        assertThat(console.sql.value("SELECT reason FROM batch_status_history WHERE batch_id = ? ORDER BY id DESC LIMIT 1",
                batch.id())).asString().startsWith("Undo of assign at ");
        waitUntil(() -> shown(batch.id()).status() == BatchStatus.CREATED && undoButton(robot).isEmpty()
                && noticeShown("Undone: batch " + ShortId.of(batch.id()) + " assigned to Ana Silva."));
        assertThat(console.model.rows().riders().get(0).load().orders()).as("Ana's load on screen").isZero();
    }

    @Test
    void theUndoIsGoneAfterTenSeconds(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 2);
        BatchRow batch = console.given.batch(1, "1");
        console.load(robot, 1, 1);

        robot.drag(cell(robot, "#batches-table", ShortId.of(batch.id()))).dropTo(cell(robot, "#riders-table", "Ana Silva"));
        waitUntil(() -> ana.id().equals(rider(batch)) && undoButton(robot).isPresent());
        later(robot, Duration.ofMillis(9_900));
        assertThat(undoButton(robot)).as("still offered just before 10 s").isPresent()
                .get().extracting(Button::getText).isEqualTo("Undo (1 s)");
        later(robot, Duration.ofMillis(100));

        assertThat(undoButton(robot)).as("gone at 10 s").isEmpty();
        assertThat(console.model.undo().canUndoProperty().get()).isFalse();
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitUntil(() -> noticeShown("Nothing to undo"));
        assertThat(status(batch)).isEqualTo("ASSIGNED");
        assertThat(rider(batch)).isEqualTo(ana.id());
    }

    @Test
    void ctrlZUndoesTheLatestChange(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 2);
        BatchRow batch = console.given.batch(1, "1");
        console.services.assignments().assign(batch.id(), ana.id(), "seed");
        console.load(robot, 1, 1);

        robot.drag(cell(robot, "#batches-table", ShortId.of(batch.id()))).dropTo("#unassign-zone");
        waitUntil(() -> "CREATED".equals(status(batch)) && console.model.undo().canUndoProperty().get());

        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);

        waitUntil(() -> "ASSIGNED".equals(status(batch)));
        assertThat(rider(batch)).as("back with the same rider").isEqualTo(ana.id());
        assertThat(console.sql.value("SELECT reason FROM rider_assignment_history WHERE batch_id = ? ORDER BY id DESC LIMIT 1",
                batch.id())).asString().startsWith("Undo of unassign at ");
        waitUntil(() -> "Ana Silva".equals(shown(batch.id()).riderName()));
    }

    @Test
    void anUndoAfterAnotherConsoleMovedTheBatchIsRefusedWithWhoWhatWhen(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 2);
        BatchRow batch = console.given.batch(1, "1");
        console.load(robot, 1, 1);
        robot.drag(cell(robot, "#batches-table", ShortId.of(batch.id()))).dropTo(cell(robot, "#riders-table", "Ana Silva"));
        waitUntil(() -> ana.id().equals(rider(batch)) && undoButton(robot).isPresent());
        // Another console picks it up meanwhile; this console has not heard of it yet (no live feed here).
        console.services.assignments().transition(batch.id(), BatchStatus.PICKED, "yusuf", null);
        String before = console.sql.fingerprint();

        robot.clickOn(undoButton(robot).get());

        waitUntil(() -> console.model.status().notices().stream().anyMatch(n -> n.level() == Notice.Level.ERROR
                && n.text().matches("Batch \\w{8} changed after your change: yusuf \\(postgres\\) — "
                + "Assigned → Picked up at \\d\\d:\\d\\d:\\d\\d; it was not undone, nothing was changed\\.")));
        assertThat(console.sql.fingerprint()).isEqualTo(before);
        waitUntil(() -> shown(batch.id()).status() == BatchStatus.PICKED);
    }

    @Test
    void aMoveTheStateMapCannotTakeBackOffersNoUndo(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 2);
        BatchRow batch = console.given.batch(1, "1");
        console.services.assignments().assign(batch.id(), ana.id(), "seed");
        console.load(robot, 1, 1);

        robot.clickOn(cell(robot, "#batches-table", ShortId.of(batch.id())));
        robot.press(KeyCode.CONTROL, KeyCode.P).release(KeyCode.P, KeyCode.CONTROL);

        waitUntil(() -> "PICKED".equals(status(batch)) && noticeShown("picked up"));
        assertThat(console.model.status().notices()).filteredOn(n -> n.text().contains("picked up"))
                .singleElement().extracting(Notice::action).isNull();
        assertThat(undoButton(robot)).isEmpty();
        assertThat(console.model.undo().canUndoProperty().get()).isFalse();
    }
}

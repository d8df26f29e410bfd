package com.dispatchconsole.ui.console;

import static com.dispatchconsole.ui.console.ConsoleHarness.cell;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntil;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntilShown;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.testing.UiTest;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/** Assigning, reassigning and unassigning by drag and drop, checked in the database afterwards. */
@UiTest
class DragAndDropTest {

    @RegisterExtension
    final ConsoleHarness console = new ConsoleHarness();

    @Test
    void draggingACreatedBatchOntoARiderAssignsIt(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 1);
        BatchRow batch = console.given.batch(2, "1.5");
        console.load(robot, 1, 1);

        robot.drag(cell(robot, "#batches-table", ShortId.of(batch.id()))).dropTo(cell(robot, "#riders-table", "Ana Silva"));

        waitUntil(() -> ana.id().equals(console.sql.value("SELECT rider_id FROM delivery_batches WHERE id = ?", batch.id())));
        assertThat(console.sql.value("SELECT status FROM delivery_batches WHERE id = ?", batch.id())).isEqualTo("ASSIGNED");
        assertThat(console.sql.value("SELECT actor FROM rider_assignment_history WHERE batch_id = ?", batch.id()))
                .isEqualTo("olga");
        waitUntil(() -> "Ana Silva".equals(console.model.rows().allBatches().get(0).riderName()));
    }

    @Test
    void draggingAnAssignedBatchOntoAnotherRiderReassignsItWithTheTypedReason(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 1);
        RiderRow ben = console.given.rider("Ben Okafor", 10, "20", 1);
        BatchRow batch = console.given.batch(2, "1.5");
        console.services.assignments().assign(batch.id(), ana.id(), "seed");
        console.load(robot, 2, 1);

        robot.drag(cell(robot, "#batches-table", ShortId.of(batch.id()))).dropTo(cell(robot, "#riders-table", "Ben Okafor"));
        waitUntilShown(robot, "#reason-field");
        robot.clickOn("#reason-field").write("Ana has a flat tyre");
        robot.clickOn("#reason-confirm");

        waitUntil(() -> ben.id().equals(console.sql.value("SELECT rider_id FROM delivery_batches WHERE id = ?", batch.id())));
        assertThat(console.sql.value("SELECT reason FROM rider_assignment_history WHERE batch_id = ? AND new_rider_id = ?",
                batch.id(), ben.id())).isEqualTo("Ana has a flat tyre");
        waitUntil(() -> console.model.rows().riders().stream().anyMatch(r -> r.id().equals(ana.id()) && r.load().orders() == 0));
    }

    @Test
    void droppingOnTheUnassignZoneReturnsTheBatchToThePool(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 1);
        BatchRow batch = console.given.batch(1, "1");
        console.services.assignments().assign(batch.id(), ana.id(), "seed");
        console.load(robot, 1, 1);

        robot.drag(cell(robot, "#batches-table", ShortId.of(batch.id()))).dropTo("#unassign-zone");

        waitUntil(() -> "CREATED".equals(console.sql.value("SELECT status FROM delivery_batches WHERE id = ?", batch.id())));
        assertThat(console.sql.value("SELECT rider_id FROM delivery_batches WHERE id = ?", batch.id())).isNull();
    }

    @Test
    void aRefusedDropExplainsWhyAndChangesNothing(FxRobot robot) throws Exception {
        RiderRow small = console.given.rider("Ana Silva", 3, "20", 1);
        BatchRow big = console.given.batch(5, "1");
        console.load(robot, 1, 1);

        robot.drag(cell(robot, "#batches-table", ShortId.of(big.id()))).moveTo(cell(robot, "#riders-table", "Ana Silva"));
        assertThat(robot.lookup("#drop-hint").queryAs(Label.class).getText())
                .as("the hint while dragging").isEqualTo("Ana Silva: over capacity: 5/3 orders");
        robot.release(javafx.scene.input.MouseButton.PRIMARY);

        waitUntil(() -> robot.lookup(".notice-error").tryQuery().isPresent());
        assertThat(robot.lookup(".notice-error").queryAs(Label.class).getText())
                .isEqualTo("Ana Silva would carry 5 orders; the limit is 3.");
        assertThat(console.sql.value("SELECT status FROM delivery_batches WHERE id = ?", big.id())).isEqualTo("CREATED");
        assertThat(console.sql.count("SELECT count(*) FROM rider_assignment_history WHERE new_rider_id = ?", small.id()))
                .isZero();
    }

    @Test
    void multiSelectedBatchesGoToOneRiderAndTheRefusedOnesAreNamed(FxRobot robot) throws Exception {
        RiderRow van = console.given.rider("Vic Van", 5, "50", 2);
        BatchRow first = console.given.batch(2, "1");
        BatchRow second = console.given.batch(2, "1");
        BatchRow third = console.given.batch(2, "1");
        console.load(robot, 1, 3);

        robot.clickOn(cell(robot, "#batches-table", ShortId.of(first.id())));
        robot.press(javafx.scene.input.KeyCode.SHIFT).clickOn(cell(robot, "#batches-table", ShortId.of(third.id())))
                .release(javafx.scene.input.KeyCode.SHIFT);
        assertThat(console.model.selection().selectedBatches()).hasSize(3);
        robot.drag(cell(robot, "#batches-table", ShortId.of(second.id()))).dropTo(cell(robot, "#riders-table", "Vic Van"));

        waitUntil(() -> console.sql.count("SELECT count(*) FROM delivery_batches WHERE rider_id = ?", van.id()) == 2
                && robot.lookup(".notice-error").tryQuery().isPresent());
        assertThat(robot.lookup(".notice-success").queryAs(Label.class).getText()).isEqualTo("2 batches assigned to Vic Van.");
        assertThat(robot.lookup(".notice-error").queryAs(Label.class).getText()).contains("Vic Van already carries 2 of at most 2");
        assertThat(console.sql.count("SELECT count(*) FROM delivery_batches WHERE status = 'CREATED'")).isEqualTo(1);
    }
}

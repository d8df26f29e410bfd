package com.dispatchconsole.ui.console;

import static com.dispatchconsole.ui.console.ConsoleHarness.cell;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntil;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntilShown;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.testing.UiTest;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * The unassign area lights up while a batch is dragged over it, and is plain again however the drag ends: dropped on
 * the map, dropped elsewhere, or dropped on the area itself. Nothing is unassigned by a drag that passed over it.
 */
@UiTest
class UnassignHighlightTest {

    @RegisterExtension
    final ConsoleHarness console = new ConsoleHarness();

    private boolean lit(FxRobot robot) {
        return robot.lookup("#unassign-zone").query().getStyleClass().contains("drag-over");
    }

    private BatchRow assigned() {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 1);
        BatchRow batch = console.given.batch(1, "1");
        console.services.assignments().assign(batch.id(), ana.id(), "seed");
        return batch;
    }

    @Test
    void aDragThatPassesOverTheAreaAndEndsOnTheMapLeavesItPlain(FxRobot robot) throws Exception {
        BatchRow batch = assigned();
        console.load(robot, 1, 1);
        robot.clickOn("#map-toggle");
        waitUntilShown(robot, ".map-pane");
        Node map = robot.lookup(".map-pane").query();

        robot.drag(cell(robot, "#batches-table", ShortId.of(batch.id()))).moveTo("#unassign-zone");
        assertThat(lit(robot)).as("lit while the batch is over it").isTrue();
        robot.moveBy(0, -20).moveTo("#unassign-zone").moveBy(5, 0);
        robot.moveTo(map).release(MouseButton.PRIMARY);
        waitUntil(() -> !lit(robot));

        assertThat(lit(robot)).as("plain once the drag ended on the map").isFalse();
        assertThat(console.sql.value("SELECT status FROM delivery_batches WHERE id = ?", batch.id())).isEqualTo("ASSIGNED");
    }

    @Test
    void aDragThatEndsOnTheBatchesTableLeavesItPlain(FxRobot robot) throws Exception {
        BatchRow batch = assigned();
        console.load(robot, 1, 1);

        robot.drag(cell(robot, "#batches-table", ShortId.of(batch.id()))).moveTo("#unassign-zone");
        robot.moveBy(10, 2).moveBy(-10, -2);
        assertThat(lit(robot)).isTrue();
        robot.moveTo(cell(robot, "#batches-table", ShortId.of(batch.id()))).release(MouseButton.PRIMARY);
        waitUntil(() -> !lit(robot));

        assertThat(lit(robot)).isFalse();
        assertThat(console.sql.value("SELECT status FROM delivery_batches WHERE id = ?", batch.id())).isEqualTo("ASSIGNED");
    }

    @Test
    void aDropOnTheAreaUnassignsAndLeavesItPlain(FxRobot robot) throws Exception {
        BatchRow batch = assigned();
        console.load(robot, 1, 1);

        robot.drag(cell(robot, "#batches-table", ShortId.of(batch.id()))).moveTo("#unassign-zone");
        robot.moveBy(10, 2).moveBy(-10, -2).release(MouseButton.PRIMARY);

        waitUntil(() -> "CREATED".equals(console.sql.value("SELECT status FROM delivery_batches WHERE id = ?", batch.id())));
        assertThat(lit(robot)).isFalse();
    }
}

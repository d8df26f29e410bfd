package com.dispatchconsole.ui.console;

import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.UiTest;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * With the review queue docked under the tables (1500×950, the harness's window), the batches table keeps room for
 * at least eight rows; a split between the batches and the detail pane that would leave it less (a remembered one,
 * saved while something else squeezed it) is not kept as such.
 */
@UiTest
class DockedReviewQueueRoomTest {

    private static final int ROWS = 8;

    @RegisterExtension
    final ConsoleHarness console = new ConsoleHarness();

    /** How many whole rows the batches table has room for below its column headers. */
    private static int rowsShown(FxRobot robot) {
        TableView<?> table = robot.lookup("#batches-table").queryTableView();
        Node header = table.lookup(".column-header-background");
        double rowHeight = table.lookup(".table-row-cell").getBoundsInLocal().getHeight();
        return (int) Math.floor((table.getHeight() - header.getBoundsInLocal().getHeight()) / rowHeight);
    }

    private static SplitPane batchesAndDetail(FxRobot robot) {
        Node node = robot.lookup("#batches-table").query();
        while (!(node instanceof SplitPane)) {
            node = node.getParent();
        }
        return (SplitPane) node;
    }

    private void openDocked(FxRobot robot) throws Exception {
        for (int i = 0; i < 20; i++) {
            console.given.batch(1, "1");
        }
        console.load(robot, 0, 20);
        waitUntil(() -> robot.lookup("#open-review-queue").tryQuery().map(Node::isVisible).orElse(false));
        robot.clickOn("#open-review-queue");
        waitUntil(() -> robot.lookup("#review-queue").tryQuery().map(Node::isVisible).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theDockedQueueLeavesTheBatchesTableEightRows(FxRobot robot) throws Exception {
        openDocked(robot);

        assertThat(robot.lookup("#review-queue-dock").query().isVisible()).as("docked, not in a window").isTrue();
        assertThat(rowsShown(robot)).as("rows the batches table shows").isGreaterThanOrEqualTo(ROWS);
        Node header = robot.lookup("#open-review-queue").query();
        Node queueBar = robot.lookup("#review-queue-close").query();
        assertThat(header.localToScene(header.getBoundsInLocal()).getMinY()).as("the header stays in the window")
                .isGreaterThanOrEqualTo(0);
        assertThat(queueBar.localToScene(queueBar.getBoundsInLocal()).getMaxY()).as("the queue stays in the window")
                .isLessThanOrEqualTo(header.getScene().getHeight());
        assertThat(robot.lookup("#review-queue").queryTableView().getHeight()).as("the queue keeps some rows too")
                .isGreaterThan(60);
    }

    @Test
    void aSplitThatWouldLeaveTheTableTwoRowsIsNotKept(FxRobot robot) throws Exception {
        openDocked(robot);

        SplitPane split = batchesAndDetail(robot);
        robot.interact(() -> split.setDividerPositions(0.05));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> split.getScene().getRoot().layout());

        assertThat(rowsShown(robot)).as("rows the batches table shows").isGreaterThanOrEqualTo(ROWS);
        assertThat(split.getDividerPositions()[0]).as("the divider as kept (and saved)").isGreaterThan(0.05);
    }
}

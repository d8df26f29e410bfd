package com.dispatchconsole.ui.console;

import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.testing.UiTest;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * The alerts panel and the review queue go to windows of their own and come back: by their "Dock" button, by the
 * window's close button, by Esc.
 */
@UiTest
class DetachablePanelsTest {

    @RegisterExtension
    final ConsoleHarness console = new ConsoleHarness();

    private Scene consoleScene(FxRobot robot) {
        return robot.lookup("#batches-table").query().getScene();
    }

    private static boolean inWindowOfItsOwn(Node node, Scene console) {
        return node.getScene() != null && node.getScene() != console && node.getScene().getWindow().isShowing();
    }

    @Test
    void theAlertsPanelOpensInItsOwnWindowAndEscOrItsCloseButtonDocksIt(FxRobot robot) throws Exception {
        console.given.batch(1, "1");
        console.load(robot, 0, 1);
        Scene main = consoleScene(robot);
        Node alerts = robot.lookup("#alerts-panel").query();
        robot.clickOn("#alerts-badge");
        waitUntil(() -> ConsoleHarness.shown(robot, "#alerts-detach"));
        assertThat(ConsoleHarness.text(robot, "#alerts-detach")).isEqualTo("Window");

        robot.clickOn("#alerts-detach");
        waitUntil(() -> inWindowOfItsOwn(alerts, main));
        Stage window = (Stage) alerts.getScene().getWindow();
        assertThat(window.getTitle()).isEqualTo("Alerts");
        assertThat(window.getScene().getRoot().getId()).isEqualTo("alerts-window");
        assertThat(main.lookup("#alerts-dock").isVisible()).as("the console's dock is empty and hidden").isFalse();
        assertThat(main.lookup("#alerts-list")).as("the list moved out of the console").isNull();
        assertThat(ConsoleHarness.text(robot, "#alerts-detach")).isEqualTo("Dock");
        assertThat(window.getScene().getStylesheets()).as("themed like the console")
                .isEqualTo(main.getStylesheets());

        // Esc closes it, as it closes every dialog: the panel is back in the console, still open.
        robot.targetWindow(window);
        robot.clickOn("#alerts-list").type(KeyCode.ESCAPE);
        waitUntil(() -> alerts.getScene() == main);
        assertThat(window.isShowing()).isFalse();
        assertThat(ConsoleHarness.shown(robot, "#alerts-panel")).isTrue();
        assertThat(((ToggleButton) main.lookup("#alerts-badge")).isSelected()).isTrue();

        // Again, closed by the window's close button this time.
        robot.clickOn("#alerts-detach");
        waitUntil(() -> inWindowOfItsOwn(alerts, main));
        Window again = alerts.getScene().getWindow();
        robot.interact(() -> again.fireEvent(new WindowEvent(again, WindowEvent.WINDOW_CLOSE_REQUEST)));
        waitUntil(() -> alerts.getScene() == main);
        assertThat(again.isShowing()).isFalse();

        // Turning the panel off while it is in its window closes the window; the panel is docked and hidden.
        robot.clickOn("#alerts-detach");
        waitUntil(() -> inWindowOfItsOwn(alerts, main));
        Window third = alerts.getScene().getWindow();
        robot.interact(() -> ((ToggleButton) main.lookup("#alerts-badge")).setSelected(false));
        waitUntil(() -> alerts.getScene() == main);
        assertThat(third.isShowing()).isFalse();
        assertThat(ConsoleHarness.shown(robot, "#alerts-panel")).isFalse();
    }

    @Test
    void theReviewQueueDocksUnderTheTablesOpensInItsOwnWindowAndComesBackWhenThatCloses(FxRobot robot) throws Exception {
        console.given.batch(1, "1");
        console.load(robot, 0, 1);
        waitUntil(() -> robot.lookup("#open-review-queue").tryQuery().map(Node::isVisible).orElse(false));
        Scene main = consoleScene(robot);

        robot.clickOn("#open-review-queue");
        waitUntil(() -> ConsoleHarness.shown(robot, "#review-queue"));
        Node queue = robot.lookup("#review-queue").query();
        Node panel = robot.lookup("#review-queue-panel").query();
        assertThat(queue.getScene()).as("docked in the console").isSameAs(main);
        @SuppressWarnings("unchecked")
        TableView<BatchRow> batches = (TableView<BatchRow>) main.lookup("#batches-table");
        assertThat(batches.localToScene(batches.getLayoutBounds()).getMaxY())
                .as("under the tables").isLessThanOrEqualTo(panel.localToScene(panel.getLayoutBounds()).getMinY());

        robot.clickOn("#review-queue-detach");
        waitUntil(() -> inWindowOfItsOwn(queue, main));
        Stage window = (Stage) queue.getScene().getWindow();
        assertThat(window.getTitle()).isEqualTo("Review queue");
        assertThat(main.lookup("#review-queue")).isNull();

        robot.interact(() -> window.fireEvent(new WindowEvent(window, WindowEvent.WINDOW_CLOSE_REQUEST)));
        waitUntil(() -> queue.getScene() == main);
        assertThat(ConsoleHarness.shown(robot, "#review-queue")).as("docked again, open").isTrue();

        // Its own close button closes the panel; the header button opens it again.
        robot.clickOn("#review-queue-close");
        waitUntil(() -> !ConsoleHarness.shown(robot, "#review-queue"));
        robot.clickOn("#open-review-queue");
        waitUntil(() -> ConsoleHarness.shown(robot, "#review-queue"));
        assertThat(((Button) robot.lookup("#review-queue-detach").query()).getText()).isEqualTo("Open in window");
    }

    @Test
    void theMapShowsUnderTheRidersOpensInItsOwnWindowAndComesBackUnderTheRidersWhenThatCloses(FxRobot robot)
            throws Exception {
        console.given.batch(1, "1");
        console.load(robot, 0, 1);
        Scene main = consoleScene(robot);
        assertThat(robot.lookup("#map-panel").tryQuery()).as("the map is made when first shown").isEmpty();

        robot.clickOn("#map-toggle");
        waitUntil(() -> ConsoleHarness.shown(robot, "#map-panel"));
        Node map = robot.lookup("#map-panel").query();
        Node dock = main.lookup("#map-dock");
        assertThat(map.getScene()).isSameAs(main);
        assertThat(inASplitPane(main, dock)).as("under the riders, in their split pane").isTrue();
        assertThat(ConsoleHarness.text(robot, "#map-detach")).isEqualTo("Open in window");

        robot.clickOn("#map-detach");
        waitUntil(() -> inWindowOfItsOwn(map, main));
        Stage window = (Stage) map.getScene().getWindow();
        assertThat(window.getTitle()).isEqualTo("Map");
        assertThat(inASplitPane(main, dock)).as("the empty dock left the split pane, which gives the room to the riders")
                .isFalse();
        assertThat(dock.isVisible()).isFalse();
        assertThat(((ToggleButton) main.lookup("#map-toggle")).isSelected()).isTrue();

        robot.interact(() -> window.fireEvent(new WindowEvent(window, WindowEvent.WINDOW_CLOSE_REQUEST)));
        waitUntil(() -> map.getScene() == main);
        assertThat(window.isShowing()).isFalse();
        assertThat(inASplitPane(main, dock)).as("back under the riders").isTrue();
        assertThat(ConsoleHarness.shown(robot, "#map-panel")).isTrue();

        // The header's Map switched off while the map is in its window: the window closes, the map is hidden.
        robot.clickOn("#map-detach");
        waitUntil(() -> inWindowOfItsOwn(map, main));
        Window again = map.getScene().getWindow();
        robot.interact(() -> ((ToggleButton) main.lookup("#map-toggle")).setSelected(false));
        waitUntil(() -> map.getScene() == main);
        assertThat(again.isShowing()).isFalse();
        assertThat(ConsoleHarness.shown(robot, "#map-panel")).isFalse();
    }

    private static boolean inASplitPane(Scene scene, Node node) {
        return scene.getRoot().lookupAll(".split-pane").stream()
                .anyMatch(pane -> ((javafx.scene.control.SplitPane) pane).getItems().contains(node));
    }
}

package com.dispatchconsole.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.TestDatabases;
import com.dispatchconsole.testing.UiTest;
import com.dispatchconsole.ui.common.FxUiExecutor;
import com.dispatchconsole.ui.console.ConsoleView;
import com.dispatchconsole.ui.console.ConsoleViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Panels the operator had in windows of their own come back there, at the same place, after a restart; docked ones
 * stay docked; a window saved off every screen there is now comes back on one. Real consoles on a real database,
 * closed and opened again with the same settings directory.
 */
@UiTest
class PanelLayoutStayTest {

    private static Database db;
    private static DispatchServices services;
    private static FxUiExecutor executor;

    @TempDir
    Path config;

    /** One console window with its settings, as the launcher opens it. */
    private final class Console {
        final Stage stage;
        final SettingsStore store = new SettingsStore(config);

        Console(FxRobot robot, String operator) throws Exception {
            ConsoleViewModel model = new ConsoleViewModel(services, executor, operator, "jdbc:postgresql://test/db");
            OperatorSettings settings = store.load(operator);
            Stage[] made = new Stage[1];
            robot.interact(() -> {
                Stage window = new Stage();
                Scene scene = new Scene(new ConsoleView(model).root(), 1200, 760);
                ConsoleView.style(scene);
                window.setScene(scene);
                ConsoleSettings.attach(window, model, settings);
                window.show();
                model.load();
                made[0] = window;
            });
            stage = made[0];
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> model.rows().allBatches().size() == 1
                    && model.rows().loadingProperty().get().isEmpty());
            WaitForAsyncUtils.waitForFxEvents();
        }

        Node node(String id) {
            // Docked or in its own window: looked up in every window there is.
            for (javafx.stage.Window window : javafx.stage.Window.getWindows()) {
                Node found = window.getScene() == null ? null : window.getScene().lookup(id);
                if (found != null) {
                    return found;
                }
            }
            throw new AssertionError("no " + id);
        }

        /** The panel's own window, or null while it is in the console. */
        Stage windowOf(String id) {
            Node node = node(id);
            return node.getScene() == stage.getScene() ? null : (Stage) node.getScene().getWindow();
        }

        void close(FxRobot robot) {
            robot.interact(stage::hide);
            store.close();
        }
    }

    @BeforeAll
    static void seed() {
        db = Database.open(TestDatabases.fresh());
        services = new DispatchServices(db);
        new Fixtures(services).batch(1, "1");
        executor = new FxUiExecutor(2);
    }

    @AfterAll
    static void close() {
        executor.close();
        db.close();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void panelsInTheirOwnWindowsComeBackThereAfterARestartAndDockedOnesStayDocked(FxRobot robot) throws Exception {
        Console first = new Console(robot, "olga");
        robot.interact(() -> ((javafx.scene.control.Button) first.node("#alerts-detach")).fire());
        waitUntil(() -> first.windowOf("#alerts-panel") != null);
        Stage alerts = first.windowOf("#alerts-panel");
        robot.interact(() -> {
            alerts.setX(140);
            alerts.setY(90);
            alerts.setWidth(420);
            alerts.setHeight(510);
        });
        robot.interact(() -> ((javafx.scene.control.Button) first.node("#open-review-queue")).fire());
        robot.interact(() -> ((javafx.scene.control.Button) first.node("#review-queue-detach")).fire());
        waitUntil(() -> first.windowOf("#review-queue-panel") != null);
        first.close(robot);
        assertThat(alerts.isShowing()).as("the panels' windows close with the console").isFalse();
        assertThat(Files.readString(first.store.file("olga"))).contains("\"panels\"", "\"alerts\"", "\"review-queue\"");

        Console again = new Console(robot, "olga");
        waitUntil(() -> again.windowOf("#alerts-panel") != null && again.windowOf("#review-queue-panel") != null);
        Stage restored = again.windowOf("#alerts-panel");
        assertThat(restored.isShowing()).isTrue();
        assertThat(new double[] {restored.getX(), restored.getY(), restored.getWidth(), restored.getHeight()})
                .containsExactly(140, 90, 420, 510);
        assertThat(again.windowOf("#review-queue-panel").getTitle()).isEqualTo("Review queue");

        // Docked again (the window's Dock button), it stays docked after the next restart.
        robot.interact(() -> ((javafx.scene.control.Button) again.node("#alerts-detach")).fire());
        waitUntil(() -> again.windowOf("#alerts-panel") == null);
        again.close(robot);
        Console third = new Console(robot, "olga");
        assertThat(third.windowOf("#alerts-panel")).isNull();
        assertThat(third.windowOf("#review-queue-panel")).as("the review queue stayed in its window").isNotNull();
        third.close(robot);
    }

    @Test
    void aPanelWindowSavedOffEveryScreenComesBackOnOne(FxRobot robot) throws Exception {
        SettingsStore store = new SettingsStore(config);
        OperatorSettings saved = store.load("ben");
        saved.put(OperatorSettings.PANELS, new PanelLayout.State(Map.of(
                "alerts", new PanelLayout.Panel(true, 9000, -4000, 5000, 450))));
        store.save(saved);
        store.close();

        Console console = new Console(robot, "ben");
        waitUntil(() -> console.windowOf("#alerts-panel") != null);
        Stage window = console.windowOf("#alerts-panel");
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        assertThat(window.getWidth()).as("no wider than the screen").isLessThanOrEqualTo(screen.getWidth());
        assertThat(window.getX()).isBetween(screen.getMinX(), screen.getMaxX() - window.getWidth());
        assertThat(window.getY()).isBetween(screen.getMinY(), screen.getMaxY() - window.getHeight());
        assertThat(window.getHeight()).isEqualTo(450);
        console.close(robot);
    }
}

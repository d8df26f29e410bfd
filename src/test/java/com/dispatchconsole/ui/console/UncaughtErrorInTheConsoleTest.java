package com.dispatchconsole.ui.console;

import com.dispatchconsole.testing.UiTest;
import static com.dispatchconsole.ui.console.ConsoleHarness.cell;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.ui.common.UncaughtErrors;
import javafx.application.Platform;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A bug in something the FX thread runs: one toast in the console, and the console goes on working. */
@UiTest
class UncaughtErrorInTheConsoleTest {

    @RegisterExtension
    final ConsoleHarness console = new ConsoleHarness();
    private Thread.UncaughtExceptionHandler fxBefore;
    private Thread.UncaughtExceptionHandler defaultBefore;

    /** On the FX thread, after the harness has shown the console: the launcher installs it the same way. */
    private void install(FxRobot robot) {
        robot.interact(() -> {
            fxBefore = Thread.currentThread().getUncaughtExceptionHandler();
            defaultBefore = Thread.getDefaultUncaughtExceptionHandler();
            UncaughtErrors.install(console.model.status().channel());
        });
    }

    @AfterEach
    void close(FxRobot robot) {
        // The FX thread outlives this test: the next one gets it as it was.
        robot.interact(() -> Thread.currentThread().setUncaughtExceptionHandler(fxBefore));
        Thread.setDefaultUncaughtExceptionHandler(defaultBefore);
    }

    @Test
    void aBugOnTheFxThreadIsOneLineOnScreenAndTheConsoleKeepsWorking(FxRobot robot) throws Exception {
        BatchRow batch = console.given.batch(1, "1");
        console.load(robot, 0, 1);
        install(robot);

        Platform.runLater(() -> {
            throw new IllegalStateException("a handler with a bug");
        });

        waitUntil(() -> robot.lookup(".notice-error").tryQuery().isPresent());
        assertThat(robot.lookup(".notice-error").queryAllAs(Label.class)).extracting(Label::getText).containsExactly(
                "UNEXPECTED: Something went wrong in the console (IllegalStateException); the details are in the log.");
        robot.clickOn(cell(robot, "#batches-table", ShortId.of(batch.id())));
        waitUntil(() -> console.model.selection().selectedBatches().size() == 1);
    }
}

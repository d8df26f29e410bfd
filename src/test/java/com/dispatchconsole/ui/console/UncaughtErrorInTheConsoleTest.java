package com.dispatchconsole.ui.console;

import static com.dispatchconsole.ui.console.ConsoleHarness.cell;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.ui.common.UncaughtErrors;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A bug in something the FX thread runs: one toast in the console, and the console goes on working. */
@ExtendWith(ApplicationExtension.class)
class UncaughtErrorInTheConsoleTest {

    private ConsoleHarness console;
    private Thread.UncaughtExceptionHandler fxBefore;
    private Thread.UncaughtExceptionHandler defaultBefore;

    @Start
    void start(Stage stage) {
        console = new ConsoleHarness();
        console.show(stage);
        fxBefore = Thread.currentThread().getUncaughtExceptionHandler();
        defaultBefore = Thread.getDefaultUncaughtExceptionHandler();
        UncaughtErrors.install(console.model.status().channel());
    }

    @AfterEach
    void close(FxRobot robot) {
        // The FX thread outlives this test: the next one gets it as it was.
        robot.interact(() -> Thread.currentThread().setUncaughtExceptionHandler(fxBefore));
        Thread.setDefaultUncaughtExceptionHandler(defaultBefore);
        console.close();
    }

    @Test
    void aBugOnTheFxThreadIsOneLineOnScreenAndTheConsoleKeepsWorking(FxRobot robot) throws Exception {
        BatchRow batch = console.given.batch(1, "1");
        console.load(robot, 0, 1);

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

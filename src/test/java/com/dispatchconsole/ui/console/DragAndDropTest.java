package com.dispatchconsole.ui.console;

import static com.dispatchconsole.ui.console.ConsoleHarness.cell;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Assigning, reassigning and unassigning by drag and drop, checked in the database afterwards. */
@ExtendWith(ApplicationExtension.class)
class DragAndDropTest {

    private ConsoleHarness console;

    @Start
    void start(Stage stage) {
        console = new ConsoleHarness();
        console.show(stage);
    }

    @AfterEach
    void close() {
        console.close();
    }

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
        waitUntil(() -> "Ana Silva".equals(console.model.allBatches().get(0).riderName()));
    }
}

package com.dispatchconsole.ui.console;

import static com.dispatchconsole.ui.console.ConsoleHarness.cell;
import static com.dispatchconsole.ui.console.ConsoleHarness.text;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.AllRows;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.realtime.LiveState;
import com.dispatchconsole.testing.UiTest;
import java.time.Instant;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What a dispatcher sees while the console catches up after falling behind (LiveUpdaterTest floods it): the header
 * says "Catching up…" (not offline: every action stays available), the rows read in one go replace the shown ones
 * with the selection kept, and the header says Live again.
 */
@UiTest
class CatchingUpHeaderTest {

    @RegisterExtension
    final ConsoleHarness console = new ConsoleHarness();

    @Test
    void theHeaderSaysCatchingUpThenLiveAndTheTableEndsAsTheDatabaseIs(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 2);
        BatchRow batch = console.given.batch(1, "1");
        console.load(robot, 1, 1);
        robot.interact(() -> console.model.applyLiveState(new LiveState(LiveState.Status.LIVE, Instant.now())));
        robot.clickOn(cell(robot, "#batches-table", ShortId.of(batch.id())));
        waitUntil(() -> console.model.selection().selectedBatches().size() == 1);

        robot.interact(() -> console.model.applyLiveState(new LiveState(LiveState.Status.CATCHING_UP, Instant.now())));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#live-state")).isEqualTo("● Catching up…");

        // Meanwhile another console assigned the batch; the catch-up reads everything in one go.
        console.services.assignments().assign(batch.id(), ana.id(), "elsewhere");
        AllRows all = console.services.queries().everything();
        robot.interact(() -> {
            console.model.applyResync(all);
            console.model.applyLiveState(new LiveState(LiveState.Status.LIVE, Instant.now()));
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(text(robot, "#live-state")).isEqualTo("● Live");
        assertThat(console.model.rows().batch(batch.id()).status().name()).isEqualTo("ASSIGNED");
        @SuppressWarnings("unchecked")
        TableView<BatchRow> table = robot.lookup("#batches-table").queryAs(TableView.class);
        assertThat(table.getSelectionModel().getSelectedItems()).as("the selection survived the catch-up")
                .containsExactly(console.model.rows().batch(batch.id()));
    }
}

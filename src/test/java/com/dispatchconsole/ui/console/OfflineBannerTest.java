package com.dispatchconsole.ui.console;

import static com.dispatchconsole.ui.console.ConsoleHarness.cell;
import static com.dispatchconsole.ui.console.ConsoleHarness.shown;
import static com.dispatchconsole.ui.console.ConsoleHarness.text;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.AllRows;
import com.dispatchconsole.domain.rows.DatabaseIdentity;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.realtime.LiveState;
import com.dispatchconsole.testing.UiTest;
import java.time.Instant;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What a dispatcher sees when the live feed gives up: the banner at once, every button that would need the
 * database greyed out and drops not taken; all of it back when the feed is live again.
 */
@UiTest
class OfflineBannerTest {

    @RegisterExtension
    final ConsoleHarness console = new ConsoleHarness();

    @Test
    void offlineShowsTheBannerAtOnceAndTakesAwayEveryChangeUntilLiveAgain(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 2);
        BatchRow assigned = console.given.batch(1, "1");
        BatchRow created = console.given.batch(1, "1");
        console.services.assignments().assign(assigned.id(), ana.id(), "seed");
        console.load(robot, 1, 2);
        robot.clickOn(cell(robot, "#batches-table", ShortId.of(assigned.id())));
        waitUntil(() -> !button(robot, "#action-PICK").isDisabled());
        assertThat(shown(robot, "#database-banner")).isFalse();

        // What the live updater does when the feed reports OFFLINE; nobody has clicked anything.
        robot.interact(() -> console.model.applyLiveState(new LiveState(LiveState.Status.OFFLINE, Instant.now())));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(shown(robot, "#database-banner")).isTrue();
        assertThat(text(robot, "#database-banner")).startsWith("Offline since");
        for (LifecycleAction action : LifecycleAction.values()) {
            assertThat(button(robot, "#action-" + action.name()).isDisabled()).as(action.name()).isTrue();
        }
        robot.drag(cell(robot, "#batches-table", ShortId.of(created.id()))).moveTo(cell(robot, "#riders-table", "Ana Silva"));
        assertThat(text(robot, "#drop-hint")).isEqualTo(BatchCommands.CANNOT_CHANGE);
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(console.model.status().notices()).as("the drop was not taken, so nothing even tried")
                .noneMatch(n -> n.text().equals(BatchCommands.CANNOT_CHANGE));
        assertThat(console.sql.value("SELECT status FROM delivery_batches WHERE id = ?", created.id())).isEqualTo("CREATED");

        robot.interact(() -> console.model.applyLiveState(new LiveState(LiveState.Status.LIVE, Instant.now())));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(shown(robot, "#database-banner")).isFalse();
        // The drag selected the created batch; cancelling it is on the state map again.
        assertThat(button(robot, "#action-CANCEL").isDisabled()).isFalse();
    }

    @Test
    void aDifferentDatabaseIsSaidInABannerThatStaysUntilDismissed(FxRobot robot) throws Exception {
        console.given.rider("Ana Silva", 10, "20", 2);
        console.load(robot, 1, 0);
        assertThat(shown(robot, "#database-replaced")).isFalse();

        // A resync that brings another database's identity: what the live updater does after such a reconnect.
        robot.interact(() -> console.model.applyResync(new AllRows(new DatabaseIdentity(1L, 1, "elsewhere"), List.of(),
                List.of())));
        // The screen reloads from the database that answers (itself "different" from the made-up one): wait for it.
        waitUntil(() -> console.model.rows().riders().size() == 1 && shown(robot, "#database-replaced"));
        assertThat(text(robot, "#database-replaced")).startsWith("A different database answers now:");
        robot.clickOn("#database-replaced");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown(robot, "#database-replaced")).isFalse();
    }

    private static Button button(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Button.class);
    }
}

package com.dispatchconsole.ui.console;

import static com.dispatchconsole.ui.console.ConsoleHarness.cell;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntil;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntilShown;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.testing.UiTest;
import com.dispatchconsole.ui.palette.Command;
import java.util.List;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/** Ctrl+K, type, Enter: the command runs (the view switches, a move lands in the database); a disabled one does not. */
@UiTest
class CommandPaletteTest {

    @RegisterExtension
    final ConsoleHarness console = ConsoleHarness.asStarted();

    private void openPalette(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        waitUntilShown(robot, "#palette-field");
        javafx.scene.Node field = robot.lookup("#palette-field").query();
        waitUntil(field::isFocused);
        // TestFX types into its target window: the palette's, where the keyboard focus is.
        robot.targetWindow(field.getScene().getWindow());
    }

    @SuppressWarnings("unchecked")
    private ListView<Command> list(FxRobot robot) {
        return (ListView<Command>) robot.lookup("#palette-list").queryAs(ListView.class);
    }

    private String status(BatchRow batch) {
        return (String) console.sql.value("SELECT status::text FROM delivery_batches WHERE id = ?", batch.id());
    }

    @Test
    void typingAViewsNameAndEnterSwitchesTheView(FxRobot robot) throws Exception {
        console.given.rider("Ana Silva", 10, "20", 1);
        console.given.batch(1, "1");
        console.load(robot, 1, 1);
        robot.clickOn("#batches-table");
        assertThat(console.model.rows().filter().viewProperty().get()).isEqualTo(BatchView.UNASSIGNED_QUEUE);

        openPalette(robot);
        robot.write("EVERYth");
        assertThat(list(robot).getSelectionModel().getSelectedItem().title()).isEqualTo("View: Everything");
        robot.type(KeyCode.ENTER);

        waitUntil(() -> console.model.rows().filter().viewProperty().get() == BatchView.EVERYTHING);
        assertThat(((ToggleButton) robot.lookup("#view-everything").query()).isSelected()).isTrue();
        assertThat(robot.lookup("#palette-field").tryQuery()).as("the palette closed").isEmpty();
    }

    @Test
    void aLifecycleMoveFromThePaletteLandsInTheDatabaseWithItsShortcutShown(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 1);
        BatchRow batch = console.given.batch(2, "1");
        console.services.assignments().assign(batch.id(), ana.id(), "seed");
        console.load(robot, 1, 1);
        robot.interact(() -> console.model.rows().filter().show(BatchView.ALL_ACTIVE));
        robot.clickOn(cell(robot, "#batches-table", ShortId.of(batch.id())));

        openPalette(robot);
        robot.write("pickd");
        Command picked = list(robot).getSelectionModel().getSelectedItem();
        assertThat(picked.title()).isEqualTo("Picked up");
        assertThat(picked.shortcut()).isEqualTo("Ctrl+P");
        assertThat(robot.from(list(robot)).lookup(".palette-shortcut").queryLabeled().getText()).isEqualTo("Ctrl+P");
        robot.type(KeyCode.ENTER);

        waitUntil(() -> "PICKED".equals(status(batch)));
        assertThat(console.sql.value("SELECT actor FROM batch_status_history WHERE batch_id = ? "
                + "AND new_status = 'PICKED'", batch.id())).isEqualTo("olga");
    }

    @Test
    void aDisabledCommandShowsWhyAndEnterDoesNothing(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 1);
        BatchRow batch = console.given.batch(2, "1");
        console.services.assignments().assign(batch.id(), ana.id(), "seed");
        console.load(robot, 1, 1);
        robot.clickOn("#riders-table");

        openPalette(robot);
        robot.write("picked up");
        // What can be done now is listed first; the dispatcher arrows down to the disabled one.
        for (int i = 0; i < 10 && !"Picked up".equals(list(robot).getSelectionModel().getSelectedItem().title()); i++) {
            robot.type(KeyCode.DOWN);
        }
        Command picked = list(robot).getSelectionModel().getSelectedItem();
        assertThat(picked.title()).isEqualTo("Picked up");
        assertThat(picked.enabled()).isFalse();
        assertThat(robot.from(list(robot)).lookup(".palette-disabled .label").queryLabeled().getText())
                .isEqualTo("Picked up — select a batch first");
        robot.type(KeyCode.ENTER);

        waitUntil(() -> "Picked up: select a batch first".equals(ConsoleHarness.text(robot, "#palette-reason")));
        assertThat(ConsoleHarness.shown(robot, "#palette-field")).as("the palette stays open").isTrue();
        assertThat(status(batch)).isEqualTo("ASSIGNED");
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#palette-field").tryQuery().isEmpty());
        assertThat(status(batch)).isEqualTo("ASSIGNED");
    }

    @Test
    void goToABatchByTheStartOfItsIdShowsAndSelectsItEvenWhenTheViewHidIt(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 1);
        console.given.batch(1, "1");
        BatchRow out = console.given.outForDelivery(console.given.batch(2, "1"), ana);
        console.load(robot, 1, 2);
        @SuppressWarnings("unchecked")
        TableView<BatchRow> table = (TableView<BatchRow>) robot.lookup("#batches-table").queryAs(TableView.class);
        assertThat(table.getItems()).extracting(BatchRow::id).doesNotContain(out.id());
        robot.clickOn("#batches-table");

        openPalette(robot);
        robot.write("batch " + out.id().toString().substring(0, 5));
        assertThat(list(robot).getItems()).extracting(Command::title).first().asString()
                .startsWith("Go to batch " + ShortId.of(out.id()));
        robot.type(KeyCode.ENTER);

        waitUntil(() -> table.getSelectionModel().getSelectedItem() != null
                && table.getSelectionModel().getSelectedItem().id().equals(out.id()));
        assertThat(console.model.selection().selectedBatches()).extracting(BatchRow::id).containsExactly(out.id());
    }

    @Test
    void arrowsMoveAndEveryConsoleActionIsThere(FxRobot robot) throws Exception {
        console.given.rider("Ben Okafor", 10, "20", 1);
        console.load(robot, 1, 0);
        robot.clickOn("#riders-table");
        openPalette(robot);
        List<String> all = list(robot).getItems().stream().map(Command::title).toList();
        assertThat(all).contains("Assign / reassign the selected batches to the selected rider", "Unassign", "Cancel…",
                "Fail…", "Re-dispatch…", "Review queue", "Disputed deliveries", "Notification log", "Alert thresholds…",
                "Theme: light / dark", "View: Unassigned queue", "View: All active", "View: Everything",
                "Search batches", "Find a rider", "Alerts: open in window / dock");
        robot.type(KeyCode.DOWN).type(KeyCode.DOWN);
        assertThat(list(robot).getSelectionModel().getSelectedIndex()).isEqualTo(2);
        robot.type(KeyCode.UP);
        assertThat(list(robot).getSelectionModel().getSelectedIndex()).isEqualTo(1);

        robot.write("okaf");
        assertThat(list(robot).getSelectionModel().getSelectedItem().title()).isEqualTo("Go to rider Ben Okafor");
        robot.type(KeyCode.ENTER);
        @SuppressWarnings("unchecked")
        TableView<RiderRow> riders = (TableView<RiderRow>) robot.lookup("#riders-table").queryAs(TableView.class);
        waitUntil(() -> riders.getSelectionModel().getSelectedItem() != null
                && riders.getSelectionModel().getSelectedItem().name().equals("Ben Okafor"));
    }
}

package com.dispatchconsole.ui.console;

import static com.dispatchconsole.ui.console.ConsoleHarness.cell;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntil;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntilShown;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.testing.UiTest;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/** Lifecycle actions from buttons, menu and keyboard; filters; availability; and losing a race to another console. */
@UiTest
class LifecycleAndFilterTest {

    @RegisterExtension
    final ConsoleHarness console = new ConsoleHarness();

    private String status(BatchRow batch) {
        return (String) console.sql.value("SELECT status FROM delivery_batches WHERE id = ?", batch.id());
    }

    @Test
    void aBatchGoesFromAssignedToCompletedThroughTheDetailPane(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 1);
        BatchRow batch = console.given.batch(2, "1");
        console.services.assignments().assign(batch.id(), ana.id(), "seed");
        console.load(robot, 1, 1);
        robot.clickOn(cell(robot, "#batches-table", ShortId.of(batch.id())));
        waitUntil(() -> !robot.lookup("#action-PICK").queryAs(Button.class).isDisabled());
        assertThat(robot.lookup("#action-COMPLETE").queryAs(Button.class).isDisabled())
                .as("only moves on the state map are enabled").isTrue();

        robot.clickOn("#action-PICK");
        waitUntil(() -> "PICKED".equals(status(batch)));
        waitUntil(() -> !robot.lookup("#action-OUT_FOR_DELIVERY").queryAs(Button.class).isDisabled());
        robot.clickOn("#action-OUT_FOR_DELIVERY");
        waitUntil(() -> "OUT_FOR_DELIVERY".equals(status(batch)));

        robot.clickOn("#action-COMPLETE");
        waitUntil(() -> robot.lookup(".notice-error").tryQuery().isPresent());
        assertThat(robot.lookup(".notice-error").queryAs(Label.class).getText()).contains("without an outcome");
        assertThat(status(batch)).isEqualTo("OUT_FOR_DELIVERY");

        TableView<?> orders = robot.lookup("#detail-orders").queryTableView();
        waitUntil(() -> orders.getItems().size() == 2);
        for (int i = 0; i < 2; i++) {
            int row = i;
            robot.interact(() -> orders.getSelectionModel().select(row));
            robot.clickOn("#mark-delivered");
            waitUntil(() -> console.sql.count("SELECT count(*) FROM delivery_batch_orders WHERE batch_id = ? "
                    + "AND outcome = 'DELIVERED'", batch.id()) == row + 1);
        }
        waitUntil(() -> !robot.lookup("#action-COMPLETE").queryAs(Button.class).isDisabled());
        robot.clickOn("#action-COMPLETE");
        waitUntil(() -> "COMPLETED".equals(status(batch)));
        waitUntil(() -> robot.lookup("#detail-history").queryListView().getItems().stream()
                .anyMatch(e -> ((com.dispatchconsole.domain.rows.HistoryEntry) e).toStatus() == BatchStatus.COMPLETED));
        assertThat(robot.lookup("#detail-history").queryListView().getItems())
                .extracting(e -> ((com.dispatchconsole.domain.rows.HistoryEntry) e).describe())
                .containsSubsequence("Assigned to Ana Silva", "Assigned → Picked up", "Picked up → Out for delivery",
                        "Order 1 delivered", "Order 2 delivered", "Out for delivery → Completed");
    }

    @Test
    void cancelAsksForConfirmationAndAReason(FxRobot robot) throws Exception {
        BatchRow batch = console.given.batch(1, "1");
        console.load(robot, 0, 1);
        robot.clickOn(cell(robot, "#batches-table", ShortId.of(batch.id())));
        waitUntil(() -> !robot.lookup("#action-CANCEL").queryAs(Button.class).isDisabled());

        robot.clickOn("#action-CANCEL");
        waitUntilShown(robot, "#reason-field");
        assertThat(robot.lookup("#reason-confirm").queryAs(Button.class).isDisabled())
                .as("no reason, no cancel").isTrue();
        robot.clickOn("#reason-field").write("Customer called to cancel");
        robot.clickOn("#reason-confirm");

        waitUntil(() -> "CANCELLED".equals(status(batch)));
        assertThat(console.sql.value("SELECT reason FROM batch_status_history WHERE batch_id = ? AND new_status = 'CANCELLED'",
                batch.id())).isEqualTo("Customer called to cancel");
    }

    @Test
    void theCancelDialogSaysCancelBatchOrKeepBatchInTheConsolesTheme(FxRobot robot) throws Exception {
        BatchRow batch = console.given.batch(1, "1");
        console.load(robot, 0, 1);
        robot.clickOn("#theme-toggle");
        robot.clickOn(cell(robot, "#batches-table", ShortId.of(batch.id())));
        waitUntil(() -> !robot.lookup("#action-CANCEL").queryAs(Button.class).isDisabled());

        robot.clickOn("#action-CANCEL");
        waitUntilShown(robot, "#reason-field");
        assertThat(robot.lookup("#reason-confirm").queryAs(Button.class).getText()).isEqualTo("Cancel batch");
        assertThat(robot.lookup("#reason-dismiss").queryAs(Button.class).getText()).isEqualTo("Keep batch");
        assertThat(robot.lookup("#reason-field").query().getScene().getRoot().getStylesheets())
                .as("the dialog is light like the console").contains(
                        com.dispatchconsole.ui.common.Theme.url(com.dispatchconsole.ui.common.Theme.LIGHT));
        robot.clickOn("#reason-dismiss");

        waitUntil(() -> robot.lookup("#reason-field").tryQuery().isEmpty());
        assertThat(status(batch)).as("kept").isEqualTo("CREATED");

        robot.clickOn("#action-CANCEL");
        waitUntilShown(robot, "#reason-field");
        robot.clickOn("#reason-field").write("Customer called to cancel");
        robot.clickOn("#reason-confirm");
        waitUntil(() -> robot.lookup(".notice-success").tryQuery().isPresent());
        assertThat(robot.lookup(".notice-success").queryAs(Label.class).getText())
                .isEqualTo("Batch " + ShortId.of(batch.id()) + " cancelled.");
    }

    @Test
    void failFromTheContextMenuNeedsAReasonToo(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 1);
        BatchRow batch = console.given.batch(1, "1");
        console.services.assignments().assign(batch.id(), ana.id(), "seed");
        console.services.assignments().transition(batch.id(), BatchStatus.PICKED, "seed", null);
        console.load(robot, 1, 1);

        robot.clickOn(cell(robot, "#batches-table", ShortId.of(batch.id())));
        ConsoleHarness.openContextMenu(robot, cell(robot, "#batches-table", ShortId.of(batch.id())));
        robot.clickOn("Fail…    Ctrl+Shift+F");
        waitUntilShown(robot, "#reason-field");
        robot.clickOn("#reason-field").write("Bike broke down");
        robot.clickOn("#reason-confirm");

        waitUntil(() -> "FAILED".equals(status(batch)));
    }

    @Test
    void keyboardShortcutsMoveTheSelectedBatch(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 1);
        BatchRow batch = console.given.batch(1, "1");
        console.services.assignments().assign(batch.id(), ana.id(), "seed");
        console.load(robot, 1, 1);
        robot.clickOn(cell(robot, "#batches-table", ShortId.of(batch.id())));

        robot.press(KeyCode.CONTROL, KeyCode.P).release(KeyCode.P, KeyCode.CONTROL);
        waitUntil(() -> "PICKED".equals(status(batch)));
        robot.press(KeyCode.CONTROL, KeyCode.U).release(KeyCode.U, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup(".notice-error").tryQuery().isPresent());
        assertThat(robot.lookup(".notice-error").queryAs(Label.class).getText())
                .as("refused before the database is touched").contains("can't go from Picked up to Created");
        assertThat(status(batch)).isEqualTo("PICKED");
    }

    @Test
    void filtersNarrowTheBatchesByTextAndStatus(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 2);
        BatchRow assigned = console.given.batch(1, "1");
        BatchRow waiting = console.given.batch(1, "1");
        console.services.assignments().assign(assigned.id(), ana.id(), "seed");
        console.load(robot, 1, 2);
        TableView<?> batches = robot.lookup("#batches-table").queryTableView();

        robot.clickOn("#search-field").write("ana s");
        waitUntil(() -> batches.getItems().size() == 1);
        assertThat(((BatchRow) batches.getItems().get(0)).id()).isEqualTo(assigned.id());
        assertThat(robot.lookup("#visible-count").queryAs(Label.class).getText()).isEqualTo("1 of 2 batches");

        robot.interact(() -> console.model.rows().filter().textProperty().set(""));
        robot.interact(() -> console.model.rows().filter().statuses().removeIf(s -> s != BatchStatus.CREATED));
        waitUntil(() -> batches.getItems().size() == 1);
        assertThat(((BatchRow) batches.getItems().get(0)).id()).isEqualTo(waiting.id());
        assertThat(robot.lookup("#status-counts").queryAs(Label.class).getText())
                .as("counts per status stay visible for all batches").contains("Created 1").contains("Assigned 1");
    }

    @Test
    void availabilityChangesFromTheRidersTable(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 1);
        console.load(robot, 1, 0);

        ConsoleHarness.openContextMenu(robot, cell(robot, "#riders-table", "Ana Silva"));
        robot.clickOn("Set on break");

        waitUntil(() -> "ON_BREAK".equals(console.sql.value("SELECT availability FROM delivery_riders WHERE id = ?", ana.id())));
        waitUntil(() -> robot.lookup(".table-cell").match(n -> "On break".equals(((javafx.scene.control.Labeled) n).getText()))
                .tryQuery().isPresent());
    }

    @Test
    void aDropOnAStaleRowIsRefusedAndSaysWhoChangedItHowAndWhen(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 1);
        RiderRow ben = console.given.rider("Ben Okafor", 10, "20", 1);
        BatchRow batch = console.given.batch(1, "1");
        console.load(robot, 2, 1);
        // Another console assigns the batch after this one loaded it.
        console.services.assignments().assign(batch.id(), ben.id(), "maria");

        robot.drag(cell(robot, "#batches-table", ShortId.of(batch.id()))).dropTo(cell(robot, "#riders-table", "Ana Silva"));

        waitUntil(() -> robot.lookup(".notice-error").tryQuery().isPresent());
        assertThat(robot.lookup(".notice-error").queryAs(Label.class).getText())
                .contains("changed since your screen showed it").contains("maria").contains("Assigned to Ben Okafor")
                .contains("nothing was changed");
        waitUntil(() -> "Ben Okafor".equals(console.model.rows().allBatches().get(0).riderName()));
        assertThat(console.sql.value("SELECT rider_id FROM delivery_batches WHERE id = ?", batch.id())).isEqualTo(ben.id());
    }
}

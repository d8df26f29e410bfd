package com.dispatchconsole.ui.console;

import static com.dispatchconsole.ui.console.ConsoleHarness.cell;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntil;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntilShown;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.HistoryEntry;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.testing.UiTest;
import com.dispatchconsole.ui.common.Notice;
import com.dispatchconsole.ui.notices.NotificationLog;
import java.util.List;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * The console as a dispatcher starts it: the unassigned queue (Created only, oldest first, finished hidden) and the
 * view switch; the status filter's words; refusals, history and dialogs in plain words; the notification log; Esc.
 */
@UiTest
class UnassignedQueueAndPlainWordsTest {

    @RegisterExtension
    final ConsoleHarness console = ConsoleHarness.asStarted();

    private List<UUID> shownIds(FxRobot robot) {
        TableView<?> table = robot.lookup("#batches-table").queryTableView();
        return table.getItems().stream().map(r -> ((BatchRow) r).id()).toList();
    }

    /** What the status filter shows on its face, as the dispatcher reads it. */
    private static String statusFilterText(FxRobot robot) {
        Node box = robot.lookup("#status-filter").query();
        // The face is the combo's button cell; the popup's check-box cells are not what the closed box shows.
        return robot.from(box).lookup(".list-cell").match(n -> !n.getStyleClass().contains("check-box-list-cell"))
                .queryAs(ListCell.class).getText();
    }

    @Test
    void theConsoleStartsOnTheUnassignedQueueOldestFirstAndTheSwitchShowsTheRest(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 2);
        BatchRow oldest = console.given.batch(1, "1");
        BatchRow assigned = console.given.batch(1, "1");
        BatchRow middle = console.given.batch(1, "1");
        BatchRow cancelled = console.given.batch(1, "1");
        BatchRow newest = console.given.batch(1, "1");
        console.services.assignments().assign(assigned.id(), ana.id(), "seed");
        console.services.assignments().transition(cancelled.id(), BatchStatus.CANCELLED, "seed", "duplicate");
        console.load(robot, 1, 5);

        waitUntil(() -> shownIds(robot).size() == 3);
        assertThat(shownIds(robot)).as("Created only, oldest first").containsExactly(oldest.id(), middle.id(), newest.id());
        assertThat(statusFilterText(robot)).isEqualTo("Created");
        assertThat(robot.lookup("#view-unassigned").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isTrue();
        assertThat(robot.lookup("#visible-count").queryAs(Label.class).getText()).isEqualTo("3 of 5 batches");

        robot.clickOn("#view-active");
        waitUntil(() -> shownIds(robot).size() == 4);
        assertThat(shownIds(robot)).as("finished stay hidden").doesNotContain(cancelled.id()).contains(assigned.id());
        assertThat(statusFilterText(robot)).isEqualTo("4 statuses");

        robot.clickOn("#view-everything");
        waitUntil(() -> shownIds(robot).size() == 5);
        assertThat(shownIds(robot)).contains(cancelled.id());
        assertThat(statusFilterText(robot)).isEqualTo("All statuses");

        robot.clickOn("#view-unassigned");
        waitUntil(() -> shownIds(robot).size() == 3);
        assertThat(shownIds(robot)).containsExactly(oldest.id(), middle.id(), newest.id());
    }

    @Test
    void theStatusFilterSaysWhatIsTicked(FxRobot robot) throws Exception {
        console.load(robot, 0, 0);
        @SuppressWarnings("unchecked")
        org.controlsfx.control.CheckComboBox<BatchStatus> box = robot.lookup("#status-filter").queryAs(
                org.controlsfx.control.CheckComboBox.class);
        assertThat(statusFilterText(robot)).isEqualTo("Created");

        robot.interact(() -> box.getCheckModel().check(BatchStatus.ASSIGNED));
        assertThat(statusFilterText(robot)).isEqualTo("Created, Assigned");
        assertThat(console.model.rows().filter().statuses()).containsExactlyInAnyOrder(BatchStatus.CREATED,
                BatchStatus.ASSIGNED);
        assertThat(robot.lookup("#view-unassigned").queryAs(javafx.scene.control.ToggleButton.class).isSelected())
                .as("a set of one's own is none of the views").isFalse();

        robot.interact(() -> box.getCheckModel().check(BatchStatus.PICKED));
        assertThat(statusFilterText(robot)).isEqualTo("3 statuses");

        robot.interact(() -> box.getCheckModel().clearChecks());
        assertThat(statusFilterText(robot)).isEqualTo("All statuses");
    }

    @Test
    void aRefusedMoveSaysWhyInWordsAndWhatToDoFirst(FxRobot robot) throws Exception {
        BatchRow batch = console.given.batch(1, "1");
        console.load(robot, 0, 1);
        robot.clickOn(cell(robot, "#batches-table", ShortId.of(batch.id())));
        waitUntil(() -> !robot.lookup("#action-CANCEL").queryAs(Button.class).isDisabled());

        robot.press(KeyCode.CONTROL, KeyCode.P).release(KeyCode.P, KeyCode.CONTROL);

        waitUntil(() -> robot.lookup(".notice-error").tryQuery().isPresent());
        assertThat(robot.lookup(".notice-error").queryAs(Label.class).getText()).isEqualTo("Batch "
                + ShortId.of(batch.id()) + " can't go from Created to Picked up; assign it first.");
        assertThat(console.sql.value("SELECT status FROM delivery_batches WHERE id = ?", batch.id())).isEqualTo("CREATED");
    }

    @Test
    void aReassignIsOneLineOfTheHistoryWithItsReason(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 1);
        RiderRow ben = console.given.rider("Ben Okafor", 10, "20", 1);
        BatchRow batch = console.given.batch(1, "1");
        console.services.assignments().assign(batch.id(), ana.id(), "seed");
        console.load(robot, 2, 1);
        robot.clickOn("#view-everything");
        robot.clickOn(cell(robot, "#batches-table", ShortId.of(batch.id())));

        robot.interact(() -> console.model.commands().dropOnRider(console.model.rows().see(List.of(batch.id())),
                ben.id(), "Ana has a flat tyre"));

        ListView<?> history = robot.lookup("#detail-history").queryListView();
        waitUntil(() -> history.getItems().stream().anyMatch(e -> ((HistoryEntry) e).describe().startsWith("Reassigned")));
        assertThat(history.getItems()).extracting(e -> ((HistoryEntry) e).describe()).containsExactly("Created",
                "Order 1 added: " + firstCustomer(batch) + " (1 kg)", "Assigned to Ana Silva",
                "Reassigned from Ana Silva to Ben Okafor");
        String shown = robot.from(history).lookup(".list-cell")
                .match(n -> n instanceof ListCell<?> c && c.getText() != null && c.getText().contains("Reassigned"))
                .queryAs(ListCell.class).getText();
        assertThat(shown).contains("Reassigned from Ana Silva to Ben Okafor   by olga").endsWith("— Ana has a flat tyre");
    }

    private String firstCustomer(BatchRow batch) {
        return console.services.queries().orders(batch.id()).get(0).customerName();
    }

    @Test
    void escOnTheCancelDialogKeepsTheBatchAndChangesNothing(FxRobot robot) throws Exception {
        BatchRow batch = console.given.batch(1, "1");
        console.load(robot, 0, 1);
        long historyBefore = console.sql.count("SELECT count(*) FROM batch_status_history WHERE batch_id = ?", batch.id());
        robot.clickOn(cell(robot, "#batches-table", ShortId.of(batch.id())));
        waitUntil(() -> !robot.lookup("#action-CANCEL").queryAs(Button.class).isDisabled());

        robot.clickOn("#action-CANCEL");
        waitUntilShown(robot, "#reason-field");
        assertThat(robot.lookup("#reason-confirm").queryAs(Button.class).getText()).isEqualTo("Cancel batch");
        assertThat(robot.lookup("#reason-dismiss").queryAs(Button.class).getText()).isEqualTo("Keep batch");
        robot.clickOn("#reason-field").write("typed, then thought better of it");
        robot.push(KeyCode.ESCAPE);

        waitUntil(() -> robot.lookup("#reason-field").tryQuery().isEmpty());
        assertThat(console.sql.value("SELECT status FROM delivery_batches WHERE id = ?", batch.id())).isEqualTo("CREATED");
        assertThat(console.sql.count("SELECT count(*) FROM batch_status_history WHERE batch_id = ?", batch.id()))
                .as("nothing written").isEqualTo(historyBefore);
    }

    @Test
    void theNotificationLogKeepsTheLast200NoticesWithTheirTimes(FxRobot robot) throws Exception {
        console.load(robot, 0, 0);
        robot.interact(() -> {
            for (int i = 1; i <= 205; i++) {
                console.model.status().channel().notify(Notice.Level.INFO, "notice " + i);
            }
        });
        assertThat(robot.lookup("#notification-log").queryAs(Button.class).getText()).isEqualTo("Notices (200)");

        robot.clickOn("#notification-log");
        waitUntilShown(robot, "#notification-log-list");
        ListView<?> log = robot.lookup("#notification-log-list").queryListView();
        assertThat(log.getItems()).hasSize(NotificationLog.CAPACITY);
        NotificationLog.Entry newest = (NotificationLog.Entry) log.getItems().get(0);
        NotificationLog.Entry oldest = (NotificationLog.Entry) log.getItems().get(199);
        assertThat(newest.text()).isEqualTo("notice 205");
        assertThat(oldest.text()).as("the five oldest went").isEqualTo("notice 6");
        assertThat(newest.at()).isNotNull();
        String firstLine = robot.from(log).lookup(".list-cell").queryAs(ListCell.class).getText();
        assertThat(firstLine).matches("\\d\\d:\\d\\d:\\d\\d   Info   notice 205");
        assertThat(robot.lookup("#notification-log").queryAs(Button.class).getText()).as("read").isEqualTo("Notices");

        robot.clickOn(log).push(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#notification-log-list").tryQuery().isEmpty());
    }

    @Test
    void escClosesTheProofOfDeliveryViewer(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 1);
        BatchRow batch = console.given.batch(1, "1");
        console.given.outForDelivery(batch, ana);
        BatchOrderRow line = console.services.queries().orders(batch.id()).get(0);
        console.asAnotherLogin().batches().recordOutcome(batch.id(), line.orderId(), OrderOutcome.DELIVERED, null,
                "{\"deliveryType\": \"HANDED_TO_CUSTOMER\", \"recipientName\": \"K. Mensah\"}", "seed");
        console.load(robot, 1, 1);
        robot.clickOn("#view-everything");
        robot.clickOn(cell(robot, "#batches-table", ShortId.of(batch.id())));
        TableView<?> orders = robot.lookup("#detail-orders").queryTableView();
        waitUntil(() -> orders.getItems().size() == 1);
        robot.interact(() -> orders.getSelectionModel().select(0));
        robot.clickOn("#view-pod");
        waitUntilShown(robot, "#pod-fact-recipient");

        robot.clickOn("#pod-fact-recipient").push(KeyCode.ESCAPE);

        waitUntil(() -> robot.lookup("#pod-fact-recipient").tryQuery().isEmpty());
        assertThat(robot.lookup("#batches-table").tryQuery()).as("the console stays").isPresent();
    }
}

package com.dispatchconsole.ui.review;

import com.dispatchconsole.ui.console.ConsoleHarness;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntil;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntilShown;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.ui.review.ReviewQueueViewModel;
import com.dispatchconsole.testing.UiTest;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/** The supervisor's review queue: flagged PoDs, filters, and disputing one from the viewer. */
@UiTest
class ReviewQueueTest {

    @RegisterExtension
    final ConsoleHarness console = new ConsoleHarness();

    private BatchOrderRow delivered(String rider, String document) {
        RiderRow r = console.given.rider(rider, 10, "20", 1);
        BatchRow batch = console.given.batch(1, "1");
        console.given.outForDelivery(batch, r);
        BatchOrderRow line = console.services.queries().orders(batch.id()).get(0);
        console.asAnotherLogin().batches().recordOutcome(batch.id(), line.orderId(), OrderOutcome.DELIVERED, null, document, "seed");
        return line;
    }

    @Test
    void aSupervisorFiltersTheQueueToFlaggedPodsAndDisputesOne(FxRobot robot) throws Exception {
        delivered("Ana Silva", "{\"deliveryType\": \"HANDED_TO_RECIPIENT\", \"notes\": \"fine\"}");
        BatchOrderRow suspicious = delivered("Ben Okafor", "{\"deliveryType\": \"LEFT_AT_DOOR\", \"notes\": \"no photo\"}");
        console.load(robot, 2, 2);
        waitUntil(() -> robot.lookup("#open-review-queue").tryQuery().map(n -> n.isVisible()).orElse(false));

        robot.clickOn("#open-review-queue");
        TableView<ReviewQueueViewModel.Entry> queue = robot.lookup("#review-queue").queryTableView();
        waitUntil(() -> queue.getItems().size() == 2);
        ComboBox<ReviewQueueViewModel.FlagFilter> flag = robot.lookup("#queue-flag").queryComboBox();
        robot.interact(() -> flag.setValue(ReviewQueueViewModel.FlagFilter.NO_PHOTO));
        waitUntil(() -> queue.getItems().size() == 1);
        assertThat(queue.getItems().get(0).pod().batchOrderId()).isEqualTo(suspicious.id());
        assertThat(queue.getItems().get(0).pod().riderName()).isEqualTo("Ben Okafor");

        robot.interact(() -> queue.getSelectionModel().select(0));
        robot.clickOn("#queue-open");
        waitUntilShown(robot, "#review-dispute");
        robot.clickOn("#review-note").write("No photo for a doorstep delivery");
        robot.clickOn("#review-dispute");

        waitUntil(() -> console.sql.count("SELECT count(*) FROM pod_reviews WHERE batch_order_id = ? "
                + "AND verdict = 'DISPUTED'", suspicious.id()) == 1);
        assertThat(console.sql.value("SELECT note FROM pod_reviews WHERE batch_order_id = ?", suspicious.id()))
                .isEqualTo("No photo for a doorstep delivery");
    }

    /** Delivered 30 minutes after the batch went out (the document's own deliveredAt): on time at 90 minutes. */
    private BatchOrderRow deliveredThirtyMinutesAfterGoingOut(String rider) {
        RiderRow r = console.given.rider(rider, 10, "20", 1);
        BatchRow batch = console.given.batch(1, "1");
        console.given.outForDelivery(batch, r);
        String deliveredAt = (String) console.sql.value("SELECT to_char((changed_at + interval '30 minutes') AT TIME ZONE "
                + "'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM batch_status_history WHERE batch_id = ? "
                + "AND new_status = 'OUT_FOR_DELIVERY'", batch.id());
        BatchOrderRow line = console.services.queries().orders(batch.id()).get(0);
        console.asAnotherLogin().batches().recordOutcome(batch.id(), line.orderId(), OrderOutcome.DELIVERED, null,
                "{\"deliveryType\": \"HANDED_TO_RECIPIENT\", \"deliveredAt\": \"" + deliveredAt + "\"}", "seed");
        return line;
    }

    private TableView<ReviewQueueViewModel.Entry> openQueue(FxRobot robot) throws Exception {
        robot.clickOn("#open-review-queue");
        TableView<ReviewQueueViewModel.Entry> queue = robot.lookup("#review-queue").queryTableView();
        waitUntil(() -> queue.getItems().size() == 1);
        return queue;
    }

    @Test
    void aDarkStoresLowerThresholdFlagsAsLateWhatNinetyMinutesWouldNotAndSaysTheThreshold(FxRobot robot) throws Exception {
        BatchOrderRow line = deliveredThirtyMinutesAfterGoingOut("Ana Silva");
        console.load(robot, 1, 1);
        waitUntil(() -> robot.lookup("#open-review-queue").tryQuery().map(n -> n.isVisible()).orElse(false));

        TableView<ReviewQueueViewModel.Entry> queue = openQueue(robot);
        assertThat(queue.getItems().get(0).flags()).as("on time at the migrated 90 minutes").isEmpty();
        robot.clickOn("#review-queue-close");

        // An admin (this console's owner login) lowers the threshold for the whole control room.
        console.services.pods().setLateAfter(java.time.Duration.ofMinutes(20), "Dana (admin)");

        TableView<ReviewQueueViewModel.Entry> reopened = openQueue(robot);
        javafx.scene.control.TableCell<?, ?> late = (javafx.scene.control.TableCell<?, ?>)
                ConsoleHarness.cell(robot, "#review-queue", "⚑ Late");
        assertThat(late.getTooltip().getText()).isEqualTo("Delivered more than 20 min after the batch went out");
        ComboBox<ReviewQueueViewModel.FlagFilter> flag = robot.lookup("#queue-flag").queryComboBox();
        robot.interact(() -> flag.setValue(ReviewQueueViewModel.FlagFilter.LATE));
        assertThat(reopened.getItems()).extracting(e -> e.pod().batchOrderId()).containsExactly(line.id());

        robot.interact(() -> reopened.getSelectionModel().select(0));
        robot.clickOn("#queue-open");
        waitUntil(() -> robot.lookup("#pod-flags .label").tryQuery().isPresent());
        assertThat(robot.lookup("#pod-flags .label").queryAs(javafx.scene.control.Label.class).getText())
                .isEqualTo("⚑ Delivered more than 20 min after the batch went out");
    }

    @Test
    void aMalformedPodWrittenBySqlIsOneUnreadableRowAndTheViewerShowsWhyAndTheRawJson(FxRobot robot) throws Exception {
        delivered("Ana Silva", "{\"deliveryType\": \"HANDED_TO_RECIPIENT\", \"notes\": \"fine\"}");
        BatchOrderRow broken = delivered("Ben Okafor", "{\"deliveryType\": \"HANDED_TO_RECIPIENT\"}");
        delivered("Cai Wong", "{\"deliveryType\": \"LEFT_AT_DOOR\"}");
        // Written by plain SQL as another login (the rider app's), so this console's supervisor may judge it.
        new com.dispatchconsole.testing.Sql(console.asAnotherLogin().database().dataSource()).update(
                "UPDATE delivery_batch_orders SET proof_of_delivery = ?::jsonb WHERE id = ?",
                "{\"deliveryType\": \"HANDED_TO_RECIPIENT\", \"deliveredAt\": \"yesterday\"}", broken.id());
        console.load(robot, 3, 3);
        waitUntil(() -> robot.lookup("#open-review-queue").tryQuery().map(n -> n.isVisible()).orElse(false));

        robot.clickOn("#open-review-queue");
        TableView<ReviewQueueViewModel.Entry> queue = robot.lookup("#review-queue").queryTableView();
        waitUntil(() -> queue.getItems().size() == 3);
        assertThat(ConsoleHarness.text(robot, "#queue-message")).isEqualTo("3 awaiting review (1 unreadable)");
        String reason = "deliveredAt is not an ISO-8601 timestamp with an offset (got \"yesterday\"); "
                + "use e.g. 2026-11-27T14:02:11Z.";
        robot.from(queue).lookup(".table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
                && ("⚑ Unreadable: " + reason).equals(c.getText())).query();
        robot.from(queue).lookup(".table-cell").match(n -> n instanceof javafx.scene.control.TableCell<?, ?> c
                && "⚑ No photo".equals(c.getText())).query();

        int row = queue.getItems().stream().map(e -> e.pod().batchOrderId()).toList().indexOf(broken.id());
        robot.interact(() -> queue.getSelectionModel().select(row));
        robot.clickOn("#queue-open");
        waitUntil(() -> ConsoleHarness.shown(robot, "#pod-unreadable"));
        assertThat(ConsoleHarness.text(robot, "#pod-unreadable")).isEqualTo("Unreadable proof of delivery: " + reason);
        assertThat(robot.lookup("#pod-raw").queryAs(javafx.scene.control.TextArea.class).getText())
                .isEqualToNormalizingNewlines("""
                        {
                          "deliveredAt" : "yesterday",
                          "deliveryType" : "HANDED_TO_RECIPIENT"
                        }""");
        assertThat(robot.lookup("#pod-message").queryAs(javafx.scene.control.Label.class).getText()).isEmpty();
        assertThat(ConsoleHarness.shown(robot, "#pod-photos")).as("nothing drawn from a bad document").isFalse();
        assertThat(ConsoleHarness.shown(robot, "#review-dispute")).as("still reviewable").isTrue();
    }
}

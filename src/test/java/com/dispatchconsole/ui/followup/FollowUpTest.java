package com.dispatchconsole.ui.followup;

import static com.dispatchconsole.ui.console.ConsoleHarness.cell;
import static com.dispatchconsole.ui.console.ConsoleHarness.text;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntil;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntilShown;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.DisputeRow;
import com.dispatchconsole.domain.rows.HistoryEntry;
import com.dispatchconsole.domain.rows.PodReview;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.realtime.ChangeFeed;
import com.dispatchconsole.realtime.FeedSettings;
import com.dispatchconsole.realtime.LiveState;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.Logins;
import com.dispatchconsole.testing.UiTest;
import com.dispatchconsole.ui.common.Notice;
import com.dispatchconsole.ui.console.ConsoleHarness;
import com.dispatchconsole.ui.console.LiveUpdater;
import java.util.List;
import java.util.UUID;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * Follow-up in the console window, on real PostgreSQL with the live feed running as in the product: a dispute a
 * supervisor makes through the review service is announced once on the console and listed in "Disputed", from where
 * the PoD opens and the dispute is marked followed up; a failed batch is re-dispatched from the detail pane and its
 * new batch is in the database and in the table.
 */
@UiTest
class FollowUpTest {

    @RegisterExtension
    final ConsoleHarness console = new ConsoleHarness();

    private ChangeFeed feed;
    private LiveUpdater live;
    private Database supervisorDb;

    @AfterEach
    void stopFeed() {
        if (feed != null) {
            feed.close();
            live.close();
        }
        if (supervisorDb != null) {
            supervisorDb.close();
        }
    }

    /** The console hears other sessions' changes, as a console window does (ConsoleSession's wiring). */
    private void goLive() throws Exception {
        DatabaseConfig config = console.db.config();
        live = new LiveUpdater(console.services.queries(), console.model, console.executor);
        feed = new ChangeFeed(FeedSettings.of(config.url(), config.user(), config.password()));
        feed.subscribe(live);
        feed.start();
        waitUntil(() -> feed.state().status() == LiveState.Status.LIVE);
    }

    private List<String> warnings() {
        return console.model.status().notices().stream().filter(n -> n.level() == Notice.Level.WARNING)
                .map(Notice::text).toList();
    }

    @Test
    void aDisputeMadeThroughTheServiceIsAnnouncedOnceListedOpensItsPodAndIsFollowedUp(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 1);
        BatchRow batch = console.given.outForDelivery(console.given.batch(1, "1"), ana);
        BatchOrderRow line = console.services.queries().orders(batch.id()).get(0);
        console.asAnotherLogin().batches().recordOutcome(batch.id(), line.orderId(), OrderOutcome.DELIVERED, null,
                "{\"deliveryType\": \"LEFT_AT_DOOR\", \"notes\": \"porch\"}", "rider app");
        console.load(robot, 1, 1);
        goLive();
        waitUntil(() -> "Disputed (0)".equals(text(robot, "#open-follow-up")));

        supervisorDb = Database.open(Logins.create(console.db.config(), "dispatch_supervisor"));
        DispatchServices supervisor = new DispatchServices(supervisorDb);
        supervisor.pods().review(line.id(), 1, PodReview.Verdict.DISPUTED, "photo shows another house");
        String who = supervisor.followUps().sessionLogin();
        String announced = "PoD for " + line.customerName() + " (batch " + ShortId.of(batch.id()) + ") disputed by "
                + who + ": photo shows another house";

        waitUntil(() -> "Disputed (1)".equals(text(robot, "#open-follow-up")));
        waitUntil(() -> warnings().contains(announced));
        // Read again (another change, a resync): the same dispute is not announced twice.
        robot.interact(() -> console.model.followUp().load());
        waitUntil(() -> !console.model.followUp().busyProperty().get());
        live.onResync();
        robot.interact(() -> console.model.followUp().load());
        waitUntil(() -> !console.model.followUp().busyProperty().get());
        assertThat(warnings()).filteredOn(announced::equals).hasSize(1);

        robot.clickOn("#open-follow-up");
        TableView<DisputeRow> list = robot.lookup("#follow-up-list").queryTableView();
        waitUntil(() -> list.getItems().size() == 1);
        DisputeRow shown = list.getItems().get(0);
        assertThat(List.of(shown.batchId(), shown.customerName(), shown.riderName(), shown.disputedBy(), shown.reason()))
                .containsExactly(batch.id(), line.customerName(), "Ana Silva", who, "photo shows another house");
        cell(robot, "#follow-up-list", ShortId.of(batch.id()));
        cell(robot, "#follow-up-list", "photo shows another house");

        robot.interact(() -> list.getSelectionModel().select(0));
        robot.clickOn("#follow-up-open");
        // The viewer of that very order line: it lists the dispute.
        waitUntil(() -> robot.lookup("#pod-reviews").tryQuery().isPresent()
                && robot.lookup("#pod-reviews").queryListView().getItems().size() == 1);
        assertThat(((PodReview) robot.lookup("#pod-reviews").queryListView().getItems().get(0)).batchOrderId())
                .isEqualTo(line.id());
        robot.interact(() -> robot.lookup("#pod-reviews").query().getScene().getWindow().hide());

        robot.interact(() -> ((javafx.stage.Stage) list.getScene().getWindow()).toFront());
        robot.interact(() -> list.getSelectionModel().select(0));
        waitUntil(() -> !robot.lookup("#follow-up-resolve").queryAs(Button.class).isDisabled());
        robot.clickOn("#follow-up-resolve");
        waitUntilShown(robot, "#reason-field");
        robot.clickOn("#reason-field").write("Called the customer: parcel was at the neighbour's");
        robot.clickOn("#reason-confirm");
        waitUntil(() -> console.sql.count("SELECT count(*) FROM dispute_follow_ups WHERE batch_order_id = ?", line.id()) == 1);
        assertThat(console.sql.value("SELECT note || '|' || actor FROM dispute_follow_ups WHERE batch_order_id = ?", line.id()))
                .isEqualTo("Called the customer: parcel was at the neighbour's|olga");
        waitUntil(() -> list.getItems().isEmpty());
        waitUntil(() -> "Disputed (0)".equals(text(robot, "#open-follow-up")));
    }

    /** Out for delivery with three orders (delivered, failed at the door, pending), then failed. */
    private BatchRow failedBatch() {
        RiderRow ben = console.given.rider("Ben Okafor", 10, "20", 1);
        BatchRow batch = console.given.outForDelivery(console.given.batch(3, "1"), ben);
        List<BatchOrderRow> lines = console.services.queries().orders(batch.id());
        console.services.batches().recordOutcome(batch.id(), lines.get(0).orderId(), OrderOutcome.DELIVERED, null, "seed");
        console.services.batches().recordOutcome(batch.id(), lines.get(1).orderId(), OrderOutcome.FAILED, "nobody home", "seed");
        return console.services.assignments().transition(batch.id(), BatchStatus.FAILED, "seed", "scooter broke down");
    }

    @Test
    void aFailedBatchIsReDispatchedFromTheDetailPaneIntoANewBatchShownInTheTable(FxRobot robot) throws Exception {
        BatchRow failed = failedBatch();
        BatchRow other = console.given.batch(1, "1");
        console.load(robot, 1, 2);

        robot.clickOn(cell(robot, "#batches-table", ShortId.of(other.id())));
        waitUntil(() -> robot.lookup("#detail-orders").queryTableView().getItems().size() == 1);
        assertThat(robot.lookup("#action-REDISPATCH").queryAs(Button.class).isDisabled())
                .as("a CREATED batch is not re-dispatched").isTrue();

        robot.clickOn(cell(robot, "#batches-table", ShortId.of(failed.id())));
        waitUntil(() -> !robot.lookup("#action-REDISPATCH").queryAs(Button.class).isDisabled());
        robot.clickOn("#action-REDISPATCH");
        waitUntilShown(robot, "#reason-field");
        robot.clickOn("#reason-field").write("Second rider available");
        robot.clickOn("#reason-confirm");

        waitUntil(() -> console.sql.count("SELECT count(*) FROM order_redispatches WHERE from_batch_id = ?", failed.id()) == 2);
        UUID fresh = (UUID) console.sql.value("SELECT to_batch_id FROM order_redispatches WHERE from_batch_id = ? LIMIT 1",
                failed.id());
        assertThat(console.sql.value("SELECT status || '|' || order_count || '|' || (outlet_id = ?) FROM delivery_batches "
                + "WHERE id = ?", failed.outletId(), fresh)).isEqualTo("CREATED|2|true");
        assertThat(console.sql.value("SELECT actor || '|' || reason FROM order_redispatches WHERE to_batch_id = ? LIMIT 1", fresh))
                .isEqualTo("olga|Second rider available");
        waitUntil(() -> console.model.rows().allBatches().stream().anyMatch(b -> b.id().equals(fresh)));
        cell(robot, "#batches-table", ShortId.of(fresh));
        waitUntil(() -> robot.lookup(".notice-success").tryQuery().isPresent());
        assertThat(console.model.status().notices()).extracting(Notice::text)
                .contains("Batch " + ShortId.of(failed.id()) + " re-dispatched as batch " + ShortId.of(fresh) + " (2 orders).");
        waitUntil(() -> robot.lookup("#action-REDISPATCH").queryAs(Button.class).isDisabled());

        // The failed batch's history says where its orders went; the new one's where they came from.
        robot.clickOn(cell(robot, "#batches-table", ShortId.of(fresh)));
        waitUntil(() -> robot.lookup("#detail-history").queryListView().getItems().stream()
                .anyMatch(e -> ((HistoryEntry) e).describe().equals("Re-dispatched from batch " + ShortId.of(failed.id())
                        + " (2 orders)")));
    }
}

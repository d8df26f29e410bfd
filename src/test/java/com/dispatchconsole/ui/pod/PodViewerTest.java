package com.dispatchconsole.ui.pod;

import com.dispatchconsole.ui.console.ConsoleHarness;
import static com.dispatchconsole.ui.console.ConsoleHarness.cell;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.testing.UiTest;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.image.ImageView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/** Opening a proof of delivery from the batch's orders, reading it, and reviewing it. */
@UiTest
class PodViewerTest {

    @RegisterExtension
    final ConsoleHarness console = new ConsoleHarness();

    @Test
    void theViewerShowsTheDocumentSaysWhenAPhotoCannotLoadAndRecordsAReview(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 1);
        BatchRow batch = console.given.batch(1, "1");
        console.given.outForDelivery(batch, ana);
        BatchOrderRow line = console.services.queries().orders(batch.id()).get(0);
        console.asAnotherLogin().batches().recordOutcome(batch.id(), line.orderId(), OrderOutcome.DELIVERED, null, """
                {"deliveryType": "SAFE_PLACE", "recipientName": "K. Mensah", "notes": "Behind the blue bin",
                 "photos": [{"url": "data:image/png;base64,bm90IGEgcGljdHVyZQ==", "takenAt": "2026-11-27T14:02:11Z"}],
                 "coordinates": {"lat": 51.5007, "lon": -0.1246, "accuracyM": 8},
                 "signature": {"strokes": [[[0, 0], [10, 4], [20, 0]]]},
                 "scannerFirmware": "4.2.1"}""", "seed");
        console.load(robot, 1, 1);

        robot.clickOn(cell(robot, "#batches-table", ShortId.of(batch.id())));
        TableView<?> orders = robot.lookup("#detail-orders").queryTableView();
        waitUntil(() -> orders.getItems().size() == 1);
        robot.interact(() -> orders.getSelectionModel().select(0));
        robot.clickOn("#view-pod");

        waitUntil(() -> robot.lookup("#pod-fact-recipient").tryQuery().isPresent());
        assertThat(robot.lookup("#pod-fact-recipient").queryAs(Label.class).getText()).isEqualTo("K. Mensah");
        assertThat(robot.lookup("#pod-fact-position").queryAs(Label.class).getText()).isEqualTo("51.50070, -0.12460 ±8 m");
        assertThat(ConsoleHarness.shown(robot, "#pod-unreadable")).as("a readable document is not flagged").isFalse();
        waitUntil(() -> robot.lookup("#photo-error").tryQuery().isPresent());
        assertThat(robot.lookup("#photo-error").queryAs(Label.class).getText()).startsWith("Could not load photo");
        assertThat(robot.lookup("#signature-canvas").tryQuery()).isPresent();
        TreeView<String> tree = robot.lookup("#pod-json").query();
        assertThat(tree.getRoot().getChildren()).extracting(TreeItem::getValue)
                .as("fields the viewer does not know are still shown").contains("scannerFirmware: \"4.2.1\"");

        robot.clickOn("#review-note").write("Photo matches the safe place");
        robot.clickOn("#review-accept");
        waitUntil(() -> console.sql.count("SELECT count(*) FROM pod_reviews WHERE batch_order_id = ?", line.id()) == 1);
        assertThat(console.sql.value("SELECT verdict FROM pod_reviews WHERE batch_order_id = ?", line.id()))
                .isEqualTo("ACCEPTED");
        waitUntil(() -> robot.lookup("#pod-reviews").queryListView().getItems().size() == 1);
    }

    @Test
    void anUnsafeAddressInAStoredDocumentIsShownAsNotLoadedAndNeverFetched(FxRobot robot) throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        HttpServer local = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        local.createContext("/", exchange -> {
            fetched.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        local.start();
        try {
            BatchOrderRow line = deliveredLine("{\"notes\": \"ok\"}");
            // Stored before the rule, or written around the validator: the viewer must judge it again.
            console.sql.update("UPDATE delivery_batch_orders SET proof_of_delivery = ?::jsonb WHERE id = ?", """
                    {"photos": [{"url": "file:///etc/passwd"},
                                {"url": "http://127.0.0.1:%d/door.png"},
                                {"url": "https://169.254.169.254/latest/meta-data/"}],
                     "signature": {"imageUrl": "file://host/share/signature.png"}}"""
                    .formatted(local.getAddress().getPort()), line.id());
            openPod(robot, line);

            waitUntil(() -> robot.lookup("#photo-unsafe").queryAll().size() == 4);
            assertThat(robot.lookup("#photo-unsafe").queryAllAs(Label.class)).extracting(Label::getText)
                    .containsOnly("not loaded: unsafe address");
            assertThat(ConsoleHarness.shown(robot, "#pod-unreadable")).as("still a readable document").isFalse();
            assertThat(robot.lookup(node -> node instanceof ImageView).queryAll())
                    .as("no image was made, so nothing was fetched").isEmpty();
            assertThat(fetched.get()).isZero();
        } finally {
            local.stop(0);
        }
    }

    @Test
    void theDemoPhotoIsInsideTheDocumentAndShowsWithoutANetwork(FxRobot robot) throws Exception {
        String demoPhoto = com.dispatchconsole.demo.DemoData.photoDataUrl();
        BatchOrderRow line = deliveredLine("{\"deliveryType\": \"LEFT_AT_DOOR\", \"photos\": [{\"url\": \""
                + demoPhoto + "\"}]}");
        openPod(robot, line);

        waitUntil(() -> robot.lookup(node -> node instanceof ImageView iv && iv.getImage() != null
                && iv.getImage().getProgress() >= 1).tryQuery().isPresent());
        ImageView shown = robot.lookup(node -> node instanceof ImageView).queryAs(ImageView.class);
        assertThat(shown.getImage().isError()).isFalse();
        assertThat(shown.getImage().getWidth()).isPositive();
        assertThat(robot.lookup("#photo-unsafe").tryQuery()).isEmpty();
    }

    @Test
    void aRefusedReviewIsAToastInTheViewersOwnWindow(FxRobot robot) throws Exception {
        BatchOrderRow line = deliveredLine("{\"notes\": \"first\"}");
        openPod(robot, line);
        waitUntil(() -> "first".equals(ConsoleHarness.text(robot, "#pod-fact-notes")));
        // Meanwhile the rider's app records the PoD again; the viewer still shows the first version.
        console.asAnotherLogin().batches().recordOutcome(shownBatch.id(), line.orderId(), OrderOutcome.DELIVERED,
                null, "{\"notes\": \"second\"}", "seed");

        robot.clickOn("#review-accept");

        waitUntil(() -> robot.lookup(".notice-error").tryQuery().isPresent());
        Label toast = robot.lookup(".notice-error").queryAs(Label.class);
        // Who recorded it again and when, as every stale refusal says it.
        assertThat(toast.getText()).contains("changed since your screen showed it: seed (")
                .contains("Order 1 delivered (recorded again: version 2) at ").contains("nothing was changed");
        assertThat(toast.getEffect()).as("the theme's shadow (-dc-shadow) under the toast")
                .isInstanceOfSatisfying(javafx.scene.effect.DropShadow.class,
                        shadow -> assertThat(shadow.getColor().getOpacity()).isEqualTo(0.5, org.assertj.core.data.Offset.offset(0.01)));
        assertThat(toast.getScene()).as("shown in the viewer, where the supervisor clicked")
                .isSameAs(robot.lookup("#pod-title").query().getScene());
        assertThat(ConsoleHarness.text(robot, "#pod-message")).isEqualTo(toast.getText());
        assertThat(console.model.status().notices()).extracting(com.dispatchconsole.ui.common.Notice::text)
                .noneMatch(t -> t.contains("recorded again"));
        assertThat(console.sql.count("SELECT count(*) FROM pod_reviews WHERE batch_order_id = ?", line.id())).isZero();
    }

    @Test
    void theSignatureIsDrawnInTheThemesInkAndTheViewerFollowsTheThemeSwitch(FxRobot robot) throws Exception {
        BatchOrderRow line = deliveredLine(
                "{\"signature\": {\"strokes\": [[[0, 0], [10, 4], [20, 0]], [[5, 8], [15, 8]]]}}");
        openPod(robot, line);

        waitUntil(() -> robot.lookup(".signature-stroke").queryAll().size() == 2);
        javafx.scene.layout.Pane pad = robot.lookup("#signature-canvas").query();
        assertThat(pad.getStyleClass()).contains("signature-pad");
        javafx.scene.shape.Polyline first = (javafx.scene.shape.Polyline) pad.getChildren().get(0);
        assertThat(first.getPoints()).as("scaled into the pad, proportions kept (12.5 px per unit)")
                .containsExactly(5.0, 5.0, 130.0, 55.0, 255.0, 5.0);
        assertThat(first.getStroke()).as("the theme's ink").isEqualTo(javafx.scene.paint.Color.web("#1f2328"));

        javafx.scene.control.ToggleButton light = robot.lookup("#theme-toggle").query();
        robot.interact(() -> light.setSelected(true));
        assertThat(pad.getScene().getStylesheets()).as("the open viewer turns light with the console")
                .contains(com.dispatchconsole.ui.common.Theme.url(com.dispatchconsole.ui.common.Theme.LIGHT));
    }

    /** A delivered order line of a new batch, recorded with {@code document}. */
    private BatchOrderRow deliveredLine(String document) {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 1);
        BatchRow batch = console.given.batch(1, "1");
        console.given.outForDelivery(batch, ana);
        BatchOrderRow line = console.services.queries().orders(batch.id()).get(0);
        console.asAnotherLogin().batches().recordOutcome(batch.id(), line.orderId(), OrderOutcome.DELIVERED, null,
                document, "seed");
        shownBatch = batch;
        return line;
    }

    private BatchRow shownBatch;

    private void openPod(FxRobot robot, BatchOrderRow line) throws Exception {
        console.load(robot, 1, 1);
        robot.clickOn(cell(robot, "#batches-table", ShortId.of(shownBatch.id())));
        TableView<?> orders = robot.lookup("#detail-orders").queryTableView();
        waitUntil(() -> orders.getItems().size() == 1);
        robot.interact(() -> orders.getSelectionModel().select(0));
        robot.clickOn("#view-pod");
    }

    @Test
    void aDocumentThatWouldBreakTheDrawingIsShownUnreadableWithItsRawJson(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 1);
        BatchRow batch = console.given.batch(1, "1");
        console.given.outForDelivery(batch, ana);
        BatchOrderRow line = console.services.queries().orders(batch.id()).get(0);
        console.services.batches().recordOutcome(batch.id(), line.orderId(), OrderOutcome.DELIVERED, null,
                "{\"notes\": \"ok\"}", "seed");
        // A photo that is no URL and a stroke point that is no pair: drawn as they are, both used to throw.
        console.sql.update("UPDATE delivery_batch_orders SET proof_of_delivery = ?::jsonb WHERE id = ?",
                "{\"photos\": [{\"url\": \"door.jpg\"}], \"signature\": {\"strokes\": [[1]]}}", line.id());
        console.load(robot, 1, 1);

        robot.clickOn(cell(robot, "#batches-table", ShortId.of(batch.id())));
        TableView<?> orders = robot.lookup("#detail-orders").queryTableView();
        waitUntil(() -> orders.getItems().size() == 1);
        robot.interact(() -> orders.getSelectionModel().select(0));
        robot.clickOn("#view-pod");

        waitUntil(() -> ConsoleHarness.shown(robot, "#pod-unreadable"));
        assertThat(robot.lookup("#pod-unreadable").queryAs(Label.class).getText()).isEqualTo(
                "Unreadable proof of delivery: photos[0].url is not a well-formed http(s) URL (got \"door.jpg\").");
        assertThat(robot.lookup("#pod-raw").queryAs(javafx.scene.control.TextArea.class).getText())
                .contains("\"url\" : \"door.jpg\"").contains("\"strokes\" : [ [ 1 ] ]");
        assertThat(robot.lookup("#signature-canvas").tryQuery()).isEmpty();
        assertThat(ConsoleHarness.shown(robot, "#pod-signature")).isFalse();
        assertThat(robot.lookup("#pod-title").queryAs(Label.class).getText()).contains(line.customerName());
    }
}

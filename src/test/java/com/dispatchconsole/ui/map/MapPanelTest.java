package com.dispatchconsole.ui.map;

import static com.dispatchconsole.ui.console.ConsoleHarness.cell;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.NewOrder;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.testing.UiTest;
import com.dispatchconsole.ui.console.ConsoleHarness;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * The map panel in the console, on a real database: a click on a rider selects them in the riders table, a batch
 * dropped on a rider's marker is assigned (or refused with the reason, changing nothing), a live position moves
 * only that rider's marker, and a selected batch shows its numbered stops and its rider's trail.
 */
@UiTest
class MapPanelTest {

    private static final double LAT = 51.51;
    private static final double LON = -0.12;

    @RegisterExtension
    final ConsoleHarness console = new ConsoleHarness();

    private RiderRow riderAt(String name, int maxOrders, double lat, double lon) {
        RiderRow rider = console.given.rider(name, maxOrders, "20", 1);
        console.services.fleet().reportPosition(rider.id(), lat, lon, 5f, Instant.now());
        return rider;
    }

    private void openMap(FxRobot robot) throws Exception {
        robot.clickOn("#map-toggle");
        waitUntil(() -> robot.lookup("#map-pane").tryQuery().isPresent());
    }

    private static String marker(RiderRow rider) {
        return "#map-rider-" + rider.id();
    }

    private static Node dot(FxRobot robot, RiderRow rider) {
        return robot.from(robot.lookup(marker(rider)).queryAs(Node.class)).lookup(".map-rider-dot").query();
    }

    private static Point2D onScreen(FxRobot robot, RiderRow rider) {
        return robot.lookup(marker(rider)).queryAs(Node.class).localToScreen(0, 0);
    }

    @Test
    void clickingARiderOnTheMapSelectsThemInTheRidersTable(FxRobot robot) throws Exception {
        RiderRow ana = riderAt("Ana Silva", 10, LAT, LON);
        RiderRow ben = riderAt("Ben Okafor", 10, LAT + 0.01, LON + 0.02);
        console.load(robot, 2, 0);
        openMap(robot);
        waitUntil(() -> robot.lookup(marker(ben)).tryQuery().isPresent());

        robot.clickOn(dot(robot, ben));

        waitUntil(() -> console.model.selection().selectedRiderProperty().get() != null);
        assertThat(console.model.selection().selectedRiderProperty().get().id()).isEqualTo(ben.id());
        TableView<?> riders = robot.lookup("#riders-table").queryAs(TableView.class);
        assertThat(((RiderRow) riders.getSelectionModel().getSelectedItem()).name()).isEqualTo("Ben Okafor");
        assertThat(robot.lookup(marker(ben)).queryAs(Node.class).getPseudoClassStates().toString()).contains("selected");
        assertThat(robot.lookup(marker(ana)).queryAs(Node.class).getPseudoClassStates().toString()).doesNotContain("selected");
    }

    @Test
    void droppingABatchOnARidersMarkerAssignsIt(FxRobot robot) throws Exception {
        RiderRow ana = riderAt("Ana Silva", 10, LAT, LON);
        riderAt("Ben Okafor", 10, LAT + 0.01, LON + 0.02);
        BatchRow batch = console.given.batch(2, "1.5");
        console.load(robot, 2, 1);
        openMap(robot);
        waitUntil(() -> robot.lookup(marker(ana)).tryQuery().isPresent());

        robot.drag(cell(robot, "#batches-table", ShortId.of(batch.id()))).moveTo(dot(robot, ana));
        assertThat(robot.lookup("#map-drop-hint").queryAs(Label.class).getText())
                .as("the riders table's fit hint, over the marker").isEqualTo("Ana Silva: fits — 2/10 orders, 3/20 kg");
        robot.release(MouseButton.PRIMARY);

        waitUntil(() -> ana.id().equals(console.sql.value("SELECT rider_id FROM delivery_batches WHERE id = ?", batch.id())));
        assertThat(console.sql.value("SELECT status FROM delivery_batches WHERE id = ?", batch.id())).isEqualTo("ASSIGNED");
        assertThat(console.sql.value("SELECT actor FROM rider_assignment_history WHERE batch_id = ?", batch.id()))
                .isEqualTo("olga");
        // The rider now carries work: the marker turns "busy".
        waitUntil(() -> robot.lookup(marker(ana)).queryAs(Node.class).getStyleClass().contains("map-rider-busy"));
    }

    @Test
    void pressingABatchToDragItDoesNotMoveTheMapUnderTheRiderItIsDroppedOn(FxRobot robot) throws Exception {
        RiderRow ana = riderAt("Ana Silva", 10, LAT, LON);
        riderAt("Ben Okafor", 10, LAT + 0.01, LON + 0.02);
        // A batch whose stops lie far off screen: selecting it by a click would move the map to show them.
        BatchRow far = console.services.batches().createBatch(console.given.outletId(), List.of(
                new NewOrder("Far", "9 Distant Road", BigDecimal.ONE, LAT + 0.3, LON + 0.3)), "seed");
        console.load(robot, 2, 1);
        openMap(robot);
        waitUntil(() -> robot.lookup(marker(ana)).tryQuery().isPresent());
        Node anasDot = dot(robot, ana);
        Point2D aim = anasDot.localToScreen(anasDot.getBoundsInLocal().getCenterX(),
                anasDot.getBoundsInLocal().getCenterY());

        // Press on the batch (it is selected and its route is read), then drag to where Ana was when the press began.
        robot.moveTo(cell(robot, "#batches-table", ShortId.of(far.id()))).press(MouseButton.PRIMARY);
        waitUntil(() -> console.model.map().routeProperty().get() != null
                && console.model.map().routeProperty().get().batch().id().equals(far.id()));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        robot.moveTo(aim);
        robot.release(MouseButton.PRIMARY);

        waitUntil(() -> ana.id().equals(console.sql.value("SELECT rider_id FROM delivery_batches WHERE id = ?", far.id())));
        assertThat(console.sql.value("SELECT status FROM delivery_batches WHERE id = ?", far.id())).isEqualTo("ASSIGNED");
    }

    @Test
    void aRefusedDropOnTheMapSaysWhyAndChangesNothing(FxRobot robot) throws Exception {
        RiderRow small = riderAt("Ana Silva", 3, LAT, LON);
        BatchRow big = console.given.batch(5, "1");
        console.load(robot, 1, 1);
        openMap(robot);
        waitUntil(() -> robot.lookup(marker(small)).tryQuery().isPresent());

        robot.drag(cell(robot, "#batches-table", ShortId.of(big.id()))).moveTo(dot(robot, small));
        Label hint = robot.lookup("#map-drop-hint").queryAs(Label.class);
        assertThat(hint.getText()).isEqualTo("Ana Silva: over capacity: 5/3 orders");
        assertThat(hint.getPseudoClassStates().toString()).contains("drop-refused");
        assertThat(robot.lookup(marker(small)).queryAs(Node.class).getPseudoClassStates().toString())
                .contains("drop-refused");
        robot.release(MouseButton.PRIMARY);

        waitUntil(() -> robot.lookup(".notice-error").tryQuery().isPresent());
        assertThat(robot.lookup(".notice-error").queryAs(Label.class).getText())
                .isEqualTo("Ana Silva would carry 5 orders; the limit is 3.");
        assertThat(console.sql.value("SELECT status FROM delivery_batches WHERE id = ?", big.id())).isEqualTo("CREATED");
        assertThat(console.sql.count("SELECT count(*) FROM rider_assignment_history WHERE batch_id = ?", big.id()))
                .isZero();
    }

    @Test
    void aLivePositionMovesThatRidersMarkerAndNoOther(FxRobot robot) throws Exception {
        RiderRow ana = riderAt("Ana Silva", 10, LAT, LON);
        RiderRow ben = riderAt("Ben Okafor", 10, LAT + 0.01, LON + 0.02);
        console.load(robot, 2, 0);
        openMap(robot);
        waitUntil(() -> robot.lookup(marker(ana)).tryQuery().isPresent());
        Node anaMarker = robot.lookup(marker(ana)).queryAs(Node.class);
        Node benMarker = robot.lookup(marker(ben)).queryAs(Node.class);
        Point2D anaBefore = onScreen(robot, ana);
        Point2D benBefore = onScreen(robot, ben);

        // Ana rides north-east; the live feed re-reads her row, as after a location event.
        console.services.fleet().reportPosition(ana.id(), LAT + 0.004, LON + 0.006, 5f, Instant.now());
        List<RiderRow> changed = console.services.queries().riders(List.of(ana.id()));
        robot.interact(() -> console.model.applyRemote(List.of(), changed, List.of()));

        waitUntil(() -> onScreen(robot, ana).getY() < anaBefore.getY());
        assertThat(onScreen(robot, ana).getX()).as("east is right").isGreaterThan(anaBefore.getX());
        assertThat(robot.lookup(marker(ana)).queryAs(Node.class)).as("moved, not drawn again").isSameAs(anaMarker);
        assertThat(robot.lookup(marker(ben)).queryAs(Node.class)).isSameAs(benMarker);
        assertThat(onScreen(robot, ben)).as("the map itself did not move").isEqualTo(benBefore);
    }

    @Test
    void theSelectedBatchShowsItsStopsInSequenceAndItsRidersTrail(FxRobot robot) throws Exception {
        RiderRow ana = riderAt("Ana Silva", 10, LAT, LON);
        for (int i = 1; i <= 3; i++) {
            console.services.fleet().reportPosition(ana.id(), LAT + i * 0.001, LON + i * 0.001, 5f,
                    Instant.now().plusSeconds(i));
        }
        BatchRow batch = console.services.batches().createBatch(console.given.outletId(), List.of(
                new NewOrder("First", "1 Mill Row", BigDecimal.ONE, LAT + 0.005, LON - 0.004),
                new NewOrder("Second", "2 Mill Row", BigDecimal.ONE, LAT + 0.008, LON + 0.003),
                new NewOrder("Third", "3 Mill Row", BigDecimal.ONE)), "seed");
        console.services.assignments().assign(batch.id(), ana.id(), "seed");
        console.load(robot, 1, 1);
        openMap(robot);

        robot.clickOn(cell(robot, "#batches-table", ShortId.of(batch.id())));

        waitUntil(() -> robot.lookup("#map-stop-2").tryQuery().isPresent());
        assertThat(robot.lookup("#map-stop-1 .map-stop-number").queryAs(Label.class).getText()).isEqualTo("1");
        assertThat(robot.lookup("#map-stop-3").tryQuery()).as("a stop without a position is not drawn").isEmpty();
        assertThat(robot.lookup("#map-message").queryAs(Label.class).getText())
                .isEqualTo("1 of 3 stops have no known position and are not drawn.");
        javafx.scene.shape.Polyline trail = robot.lookup("#map-trail").queryAs(javafx.scene.shape.Polyline.class);
        assertThat(trail.getPoints()).as("four fixes, x and y each").hasSize(8);

        // A new fix extends the trail in place.
        console.services.fleet().reportPosition(ana.id(), LAT + 0.006, LON + 0.006, 5f, Instant.now().plusSeconds(9));
        List<RiderRow> changed = console.services.queries().riders(List.of(ana.id()));
        robot.interact(() -> console.model.applyRemote(List.of(), changed, List.of()));
        waitUntil(() -> robot.lookup("#map-trail").queryAs(javafx.scene.shape.Polyline.class).getPoints().size() == 10);

        // A click on a stop selects its order line in the detail pane.
        robot.clickOn("#map-stop-2");
        TableView<?> orders = robot.lookup("#detail-orders").queryAs(TableView.class);
        waitUntil(() -> orders.getSelectionModel().getSelectedItem() != null);
        assertThat(((com.dispatchconsole.domain.rows.BatchOrderRow) orders.getSelectionModel().getSelectedItem())
                .customerName()).isEqualTo("Second");
        assertThat(console.model.selection().selectedBatches()).extracting(BatchRow::id).containsExactly(batch.id());
    }

    static UUID id(RiderRow rider) {
        return rider.id();
    }
}

package com.dispatchconsole.ui.console;

import static com.dispatchconsole.testing.Fixtures.ACTOR;
import static com.dispatchconsole.ui.console.ConsoleHarness.cell;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.demo.DemoData;
import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.VehicleType;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.NewOrder;
import com.dispatchconsole.domain.rows.OutletRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.testing.UiTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * Finding a rider among many (issue 13): the rider search by name and phone, the outlet filter on riders, "fits the
 * selected batches", best-fit order, the load bar at the batch limit, and phones in the detail pane.
 */
@UiTest
class RiderFinderTest {

    private static final double LAT = 51.51;
    private static final double LON = -0.12;

    @RegisterExtension
    final ConsoleHarness console = new ConsoleHarness();

    private TableView<RiderRow> riders(FxRobot robot) {
        return robot.lookup("#riders-table").queryTableView();
    }

    private List<String> shownNames(FxRobot robot) {
        return riders(robot).getItems().stream().map(RiderRow::name).toList();
    }

    private RiderRow rider(String name, String phone, UUID outlet, int maxOrders, int maxBatches) {
        return console.services.fleet().createRider(name, phone, VehicleType.SCOOTER, outlet,
                new RiderLimits(maxOrders, new BigDecimal("40"), maxBatches));
    }

    /** Puts the rider {@code metresNorth} north of the test's outlet position. */
    private void placeNorth(RiderRow rider, double metresNorth) {
        console.services.fleet().reportPosition(rider.id(), LAT + metresNorth / 111_195.0, LON, 5f, Instant.now());
    }

    private BatchRow batch(UUID outlet, int orders) {
        List<NewOrder> list = new java.util.ArrayList<>();
        for (int i = 0; i < orders; i++) {
            list.add(new NewOrder("Customer " + i, (i + 1) + " Elm Street", new BigDecimal("1")));
        }
        return console.services.batches().createBatch(outlet, list, ACTOR);
    }

    private void search(FxRobot robot, String typed) throws Exception {
        TextField field = robot.lookup("#rider-search").queryAs(TextField.class);
        robot.interact(field::clear);
        robot.clickOn(field).write(typed);
        waitUntil(() -> typed.equals(field.getText()));
    }

    @Test
    void aRiderIsFoundAmongHundredsByNameAndByPhoneTypedAnyWay(FxRobot robot) throws Exception {
        UUID second = console.services.fleet().createOutlet("Second outlet", "2 Elm Street");
        DemoData.enrolRiders(console.services, List.of(console.given.outletId(), second), 0, 300, new Random(7));
        rider("Zora Quill", "+49 171 5550123", second, 8, 2);
        console.load(robot, 301, 0);
        assertThat(riders(robot).getItems()).hasSize(301);

        search(robot, "zora q");
        waitUntil(() -> shownNames(robot).equals(List.of("Zora Quill")));
        assertThat(robot.lookup("#rider-count").queryAs(Label.class).getText()).isEqualTo("1 of 301 riders");

        search(robot, "0171 555");
        waitUntil(() -> shownNames(robot).equals(List.of("Zora Quill")));

        search(robot, "+49-171-5550");
        waitUntil(() -> shownNames(robot).equals(List.of("Zora Quill")));

        robot.interact(() -> robot.lookup("#rider-search").queryAs(TextField.class).clear());
        waitUntil(() -> riders(robot).getItems().size() == 301);
    }

    @Test
    void theOutletFilterHidesOtherOutletsRidersAndKeepsThoseWithoutAHomeOutlet(FxRobot robot) throws Exception {
        UUID home = console.given.outletId();
        UUID other = console.services.fleet().createOutlet("Other outlet", "3 Elm Street");
        DemoData.enrolRiders(console.services, List.of(home, other), 0, 40, new Random(3));
        rider("Floating Fern", "+44 7700 900001", null, 8, 2);
        console.load(robot, 41, 0);

        OutletRow chosen = console.model.rows().outlets().stream().filter(o -> o.id().equals(home)).findFirst()
                .orElseThrow();
        robot.interact(() -> console.model.rows().filter().outletProperty().set(chosen));
        waitUntil(() -> riders(robot).getItems().size() == 21);
        assertThat(riders(robot).getItems()).allSatisfy(r -> assertThat(r.homeOutletId()).isIn(home, null));
        assertThat(shownNames(robot)).contains("Floating Fern");

        robot.interact(() -> console.model.rows().filter().outletProperty().set(null));
        waitUntil(() -> riders(robot).getItems().size() == 41);
    }

    @Test
    void fitsTheSelectedBatchesHidesAFullAndAnUnavailableRider(FxRobot robot) throws Exception {
        UUID outlet = console.given.outletId();
        rider("Full Fay", "+44 1", outlet, 2, 2);
        RiderRow bo = rider("Break Bo", "+44 2", outlet, 8, 2);
        rider("Fit Finn", "+44 3", outlet, 8, 2);
        console.services.fleet().setAvailability(bo.id(), Availability.ON_BREAK, ACTOR);
        BatchRow three = batch(outlet, 3);
        console.load(robot, 3, 1);

        robot.clickOn(cell(robot, "#batches-table", ShortId.of(three.id())));
        waitUntil(() -> console.model.selection().selectedBatches().size() == 1);
        robot.clickOn("#rider-fits-filter");
        waitUntil(() -> shownNames(robot).equals(List.of("Fit Finn")));

        // Nothing selected: riders who could take one more batch.
        robot.interact(() -> robot.lookup("#batches-table").queryTableView().getSelectionModel().clearSelection());
        waitUntil(() -> shownNames(robot).size() == 2);
        assertThat(shownNames(robot)).containsExactlyInAnyOrder("Full Fay", "Fit Finn");
    }

    @Test
    void bestFitPutsTheNearestRiderWithRoomFirstAndFollowsTheSelection(FxRobot robot) throws Exception {
        UUID here = console.services.fleet().createOutlet("Here", "1 Elm Street", LAT, LON);
        UUID north = console.services.fleet().createOutlet("Up north", "9 Elm Street", LAT + 0.027, LON);
        RiderRow nia = rider("Near Nia", "+44 1", here, 10, 3);
        RiderRow finn = rider("Far Finn", "+44 2", here, 10, 3);
        RiderRow ned = rider("Nearest Ned", "+44 3", here, 1, 3);
        RiderRow ola = rider("Odd Ola", "+44 4", here, 10, 3);
        placeNorth(nia, 200);
        placeNorth(finn, 2900);
        placeNorth(ned, 40);
        placeNorth(ola, 1500);
        BatchRow batch = batch(here, 2);
        BatchRow up = batch(north, 2);
        BatchRow extra = batch(here, 4);
        console.load(robot, 4, 3);

        robot.clickOn(cell(robot, "#batches-table", ShortId.of(batch.id())));
        robot.clickOn("#rider-best-fit");
        waitUntil(() -> shownNames(robot).equals(List.of("Near Nia", "Odd Ola", "Far Finn", "Nearest Ned")));

        robot.clickOn(cell(robot, "#batches-table", ShortId.of(up.id())));
        waitUntil(() -> shownNames(robot).equals(List.of("Far Finn", "Odd Ola", "Near Nia", "Nearest Ned")));

        // A live update makes Finn busier: the rows stay where the dispatcher is aiming until the selection changes.
        console.services.assignments().assign(extra.id(), finn.id(), ACTOR);
        // (The rider's row first, then the batch's: the batch table then puts the same selection back.)
        robot.interact(() -> console.model.rows().changed(List.of(),
                console.services.queries().riders(List.of(finn.id()))));
        robot.interact(() -> console.model.rows().changed(console.services.queries().batches(List.of(extra.id())),
                List.of()));
        waitUntil(() -> riders(robot).getItems().stream().anyMatch(r -> r.id().equals(finn.id())
                && r.load().activeBatches() == 1));
        waitUntil(() -> console.model.rows().batch(extra.id()).riderId() != null);
        assertThat(shownNames(robot)).containsExactly("Far Finn", "Odd Ola", "Near Nia", "Nearest Ned");

        robot.clickOn(cell(robot, "#batches-table", ShortId.of(batch.id())));
        waitUntil(() -> shownNames(robot).equals(List.of("Near Nia", "Odd Ola", "Far Finn", "Nearest Ned")));

        // Sorting by a column takes over from best fit.
        robot.clickOn(robot.lookup("#riders-table .column-header").nth(0).queryAs(Node.class));
        waitUntil(() -> !robot.lookup("#rider-best-fit").queryAs(javafx.scene.control.ToggleButton.class).isSelected());
        assertThat(shownNames(robot)).as("by name").startsWith("Far Finn").endsWith("Odd Ola");
    }

    @Test
    void theLoadBarOfARiderAtTheBatchLimitIsNotGreen(FxRobot robot) throws Exception {
        RiderRow solo = rider("Solo Sam", "+44 5", console.given.outletId(), 10, 1);
        BatchRow small = batch(console.given.outletId(), 1);
        console.services.assignments().assign(small.id(), solo.id(), ACTOR);
        console.load(robot, 1, 1);

        waitUntil(() -> robot.lookup("#riders-table .load-fill").tryQuery().isPresent());
        Node fill = robot.lookup("#riders-table .load-fill").query();
        assertThat(fill.getStyleClass()).contains("load-full").doesNotContain("load-ok");
        assertThat(robot.lookup("#riders-table .load-text").queryAs(Label.class).getText()).startsWith("● 1/10");
    }

    @Test
    void theDetailPaneShowsTheRidersPhoneAndTheCustomersPhones(FxRobot robot) throws Exception {
        RiderRow pia = rider("Pia Phone", "+44 7700 900777", console.given.outletId(), 10, 2);
        BatchRow batch = console.services.batches().createBatch(console.given.outletId(), List.of(
                new NewOrder("K. Mensah", "4 Elm Street", new BigDecimal("1"), null, null, "+44 20 7946 0042"),
                new NewOrder("No Phone", "6 Elm Street", new BigDecimal("1"))), ACTOR);
        console.services.assignments().assign(batch.id(), pia.id(), ACTOR);
        console.load(robot, 1, 1);

        robot.clickOn(cell(robot, "#batches-table", ShortId.of(batch.id())));
        waitUntil(() -> robot.lookup("#detail-rider").queryAs(Label.class).getText().contains("+44 7700 900777"));
        waitUntil(() -> robot.lookup("#detail-orders").queryTableView().getItems().size() == 2);
        assertThat(cell(robot, "#detail-orders", "+44 20 7946 0042")).isNotNull();
    }
}

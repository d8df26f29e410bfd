package com.dispatchconsole.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.TestDatabases;
import com.dispatchconsole.testing.UiTest;
import com.dispatchconsole.ui.common.FxUiExecutor;
import com.dispatchconsole.ui.console.ConsoleHarness;
import com.dispatchconsole.ui.console.ConsoleView;
import com.dispatchconsole.ui.console.ConsoleViewModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;

/**
 * Times that tick and SLA alerts, in the console on a real database. Time passes by the test's clock (the console's
 * local clock, which the server's offset corrects), never by the database: nothing is written while the Age cell
 * changes or a batch becomes late.
 */
@UiTest
class AlertsConsoleTest {

    /** The system clock, moved forward by the test. */
    static final class ShiftedClock extends Clock {
        volatile Duration shift = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift);
        }
    }

    final Database db = Database.open(TestDatabases.fresh());
    final DispatchServices services = new DispatchServices(db);
    final Fixtures given = new Fixtures(services);
    final FxUiExecutor executor = new FxUiExecutor(2);
    final ShiftedClock clock = new ShiftedClock();
    ConsoleViewModel model;

    @Start
    void start(Stage stage) {
        model = new ConsoleViewModel(services, executor, "olga", "jdbc:postgresql://test/db", Set.of(), clock);
        // Every status: the test follows a batch from Created to Assigned in the same table.
        model.rows().filter().show(com.dispatchconsole.ui.console.BatchView.EVERYTHING);
        Scene scene = new Scene(new ConsoleView(model).root(), 1500, 950);
        ConsoleView.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() {
        executor.close();
        db.close();
    }

    void load(FxRobot robot, int riders, int batches) throws Exception {
        robot.interact(model::load);
        ConsoleHarness.waitUntil(() -> model.clock().syncedProperty().get()
                && model.rows().riders().size() == riders && model.rows().allBatches().size() == batches);
    }

    /** Moves the console's clock; the window's ticker shows it within a second. */
    void later(Duration by) {
        clock.shift = clock.shift.plus(by);
    }

    /** What the live feed does after a change elsewhere: the rows read again and applied. */
    void liveUpdate(FxRobot robot, List<UUID> batchIds, List<UUID> riderIds) {
        List<BatchRow> batches = services.queries().batches(batchIds);
        List<RiderRow> riders = services.queries().riders(riderIds);
        robot.interact(() -> model.applyRemote(batches, riders, List.of()));
    }

    static String cellText(FxRobot robot, String column, UUID batchId) {
        return robot.from(robot.lookup("#batches-table").queryAs(Node.class)).lookup(".table-cell")
                .match(n -> n instanceof TableCell<?, ?> c && column.equals(c.getTableColumn().getText())
                        && c.getTableRow() != null && c.getTableRow().getItem() instanceof BatchRow b
                        && b.id().equals(batchId))
                .tryQueryAs(TableCell.class).map(TableCell::getText).orElse(null);
    }

    static boolean shownLate(FxRobot robot, UUID batchId) {
        Optional<TableRow> row = robot.from(robot.lookup("#batches-table").queryAs(Node.class)).lookup(".table-row-cell")
                .match(n -> n instanceof TableRow<?> r && r.getItem() instanceof BatchRow b && b.id().equals(batchId))
                .tryQueryAs(TableRow.class);
        return row.orElseThrow(() -> new AssertionError("no row for " + batchId)).getPseudoClassStates()
                .contains(LateRows.LATE);
    }

    static String badge(FxRobot robot) {
        return ConsoleHarness.text(robot, "#alerts-badge");
    }

    @Test
    void ageAndInStatusTickWhileNothingChanges(FxRobot robot) throws Exception {
        BatchRow batch = given.batch(1, "2");
        load(robot, 0, 1);
        ConsoleHarness.waitUntil(() -> "now".equals(cellText(robot, "Age", batch.id())));
        assertThat(cellText(robot, "In status", batch.id())).isEqualTo("now");

        later(Duration.ofMinutes(25));
        ConsoleHarness.waitUntil(() -> String.valueOf(cellText(robot, "Age", batch.id())).matches("2[56]m"));
        assertThat(cellText(robot, "In status", batch.id())).matches("2[56]m");
        assertThat(services.queries().batch(batch.id()).version()).as("nothing was written").isEqualTo(batch.version());
    }

    @Test
    void aBatchUnassignedTooLongIsAnAlertUntilItIsAssigned(FxRobot robot) throws Exception {
        RiderRow ana = given.rider("Ana Silva", 6, "12", 2);
        BatchRow batch = given.batch(2, "1");
        load(robot, 1, 1);
        assertThat(badge(robot)).isEqualTo("No alerts");
        assertThat(shownLate(robot, batch.id())).isFalse();

        later(Duration.ofMinutes(11));
        ConsoleHarness.waitUntil(() -> "⚠ 1 alert".equals(badge(robot)));
        assertThat(model.alerts().alerts()).extracting(Alert::subjectId).containsExactly(batch.id());
        assertThat(shownLate(robot, batch.id())).as("the row is coloured late").isTrue();
        assertThat(cellText(robot, "Late by", batch.id())).matches("[12]m");

        robot.clickOn("#alerts-badge");
        ConsoleHarness.waitUntilShown(robot, ".alert-cell");
        Node alert = robot.lookup(".alert-cell").match(n -> n instanceof ListCell<?> c && c.getItem() != null).query();
        assertThat(((ListCell<?>) alert).getText()).startsWith("Unassigned too long · late by ").contains("\nBatch ");
        robot.clickOn(alert);
        TableView<BatchRow> table = robot.lookup("#batches-table").queryTableView();
        ConsoleHarness.waitUntil(() -> table.getSelectionModel().getSelectedItems().size() == 1);
        assertThat(table.getSelectionModel().getSelectedItem().id()).as("the alert selects its batch").isEqualTo(batch.id());

        services.assignments().assign(batch.id(), ana.id(), "olga");
        // Ana now has an active batch, so her position is watched too: she reports as she sets off.
        services.fleet().reportPosition(ana.id(), 51.5, -0.12, 5f, clock.instant());
        liveUpdate(robot, List.of(batch.id()), List.of(ana.id()));
        ConsoleHarness.waitUntil(() -> "No alerts".equals(badge(robot)));
        assertThat(model.alerts().alerts()).isEmpty();
        assertThat(shownLate(robot, batch.id())).as("assigned: no longer late").isFalse();
        assertThat(robot.lookup(".alert-cell").match(n -> n instanceof ListCell<?> c && c.getItem() != null).tryQuery())
                .as("the panel's list is empty").isEmpty();
    }

    @Test
    void aRiderWithABatchWhosePositionIsStaleIsAnAlertUntilTheyReport(FxRobot robot) throws Exception {
        RiderRow ana = given.rider("Ana Silva", 6, "12", 2);
        BatchRow batch = given.batch(2, "1");
        services.assignments().assign(batch.id(), ana.id(), "olga");
        services.fleet().reportPosition(ana.id(), 51.5, -0.12, 5f, Instant.now());
        load(robot, 1, 1);
        assertThat(badge(robot)).isEqualTo("No alerts");

        later(Duration.ofMinutes(3));
        ConsoleHarness.waitUntil(() -> "⚠ 1 alert".equals(badge(robot)));
        Alert stale = model.alerts().alerts().get(0);
        assertThat(stale.isRider()).isTrue();
        assertThat(stale.subject()).isEqualTo("Ana Silva");
        assertThat(stale.what()).isEqualTo("Position not reported");

        services.fleet().reportPosition(ana.id(), 51.5, -0.12, 5f, clock.instant());
        liveUpdate(robot, List.of(), List.of(ana.id()));
        ConsoleHarness.waitUntil(() -> "No alerts".equals(badge(robot)));
    }

    @Test
    void badThresholdsSayWhyInOneLineAndChangeNothing(FxRobot robot) throws Exception {
        load(robot, 0, 0);
        robot.clickOn("#alerts-badge");
        ConsoleHarness.waitUntilShown(robot, "#alerts-thresholds");
        robot.clickOn("#alerts-thresholds");
        ConsoleHarness.waitUntilShown(robot, "#threshold-out");
        robot.doubleClickOn("#threshold-out").eraseText(4).write("soon");
        robot.clickOn("#thresholds-apply");
        ConsoleHarness.waitUntil(() -> !String.valueOf(ConsoleHarness.text(robot, "#thresholds-error")).isEmpty());
        assertThat(ConsoleHarness.text(robot, "#thresholds-error")).startsWith("INVALID_ARGUMENT: ")
                .contains("Out for delivery").contains("nothing was changed");
        assertThat(model.alerts().thresholdsProperty().get()).isEqualTo(com.dispatchconsole.domain.sla.SlaThresholds.DEFAULTS);

        robot.doubleClickOn("#threshold-out").eraseText(4).write("30");
        robot.clickOn("#thresholds-apply");
        ConsoleHarness.waitUntil(() -> robot.lookup("#threshold-out").tryQuery().isEmpty());
        assertThat(model.alerts().thresholdsProperty().get().outForDelivery()).isEqualTo(Duration.ofMinutes(30));
        assertThat(ConsoleHarness.text(robot, "#alerts-rules")).contains("out over 30");
    }
}

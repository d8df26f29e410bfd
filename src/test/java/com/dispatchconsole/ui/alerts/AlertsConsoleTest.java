package com.dispatchconsole.ui.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.testing.UiTest;
import com.dispatchconsole.ui.console.ConsoleHarness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

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

    final ShiftedClock clock = new ShiftedClock();
    @RegisterExtension
    final ConsoleHarness console = ConsoleHarness.withClock(clock);

    /** Moves the console's clock; the window's ticker shows it within a second. */
    void later(Duration by) {
        clock.shift = clock.shift.plus(by);
    }

    /** What the live feed does after a change elsewhere: the rows read again and applied. */
    void liveUpdate(FxRobot robot, List<UUID> batchIds, List<UUID> riderIds) {
        List<BatchRow> batches = console.services.queries().batches(batchIds);
        List<RiderRow> riders = console.services.queries().riders(riderIds);
        robot.interact(() -> console.model.applyRemote(batches, riders, List.of()));
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
        BatchRow batch = console.given.batch(1, "2");
        console.load(robot, 0, 1);
        ConsoleHarness.waitUntil(() -> "now".equals(cellText(robot, "Age", batch.id())));
        assertThat(cellText(robot, "In status", batch.id())).isEqualTo("now");

        later(Duration.ofMinutes(25));
        ConsoleHarness.waitUntil(() -> String.valueOf(cellText(robot, "Age", batch.id())).matches("2[56]m"));
        assertThat(cellText(robot, "In status", batch.id())).matches("2[56]m");
        assertThat(console.services.queries().batch(batch.id()).version()).as("nothing was written").isEqualTo(batch.version());
    }

    @Test
    void aBatchUnassignedTooLongIsAnAlertUntilItIsAssigned(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 6, "12", 2);
        BatchRow batch = console.given.batch(2, "1");
        console.load(robot, 1, 1);
        assertThat(badge(robot)).isEqualTo("No alerts");
        assertThat(shownLate(robot, batch.id())).isFalse();

        later(Duration.ofMinutes(11));
        ConsoleHarness.waitUntil(() -> "⚠ 1 alert".equals(badge(robot)));
        assertThat(console.model.alerts().alerts()).extracting(Alert::subjectId).containsExactly(batch.id());
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

        console.services.assignments().assign(batch.id(), ana.id(), "olga");
        // Ana now has an active batch, so her position is watched too: she reports as she sets off.
        console.services.fleet().reportPosition(ana.id(), 51.5, -0.12, 5f, clock.instant());
        liveUpdate(robot, List.of(batch.id()), List.of(ana.id()));
        ConsoleHarness.waitUntil(() -> "No alerts".equals(badge(robot)));
        assertThat(console.model.alerts().alerts()).isEmpty();
        assertThat(shownLate(robot, batch.id())).as("assigned: no longer late").isFalse();
        assertThat(robot.lookup(".alert-cell").match(n -> n instanceof ListCell<?> c && c.getItem() != null).tryQuery())
                .as("the panel's list is empty").isEmpty();
    }

    @Test
    void aRiderWithABatchWhosePositionIsStaleIsAnAlertUntilTheyReport(FxRobot robot) throws Exception {
        RiderRow ana = console.given.rider("Ana Silva", 6, "12", 2);
        BatchRow batch = console.given.batch(2, "1");
        console.services.assignments().assign(batch.id(), ana.id(), "olga");
        console.services.fleet().reportPosition(ana.id(), 51.5, -0.12, 5f, Instant.now());
        console.load(robot, 1, 1);
        assertThat(badge(robot)).isEqualTo("No alerts");

        later(Duration.ofMinutes(3));
        ConsoleHarness.waitUntil(() -> "⚠ 1 alert".equals(badge(robot)));
        Alert stale = console.model.alerts().alerts().get(0);
        assertThat(stale.isRider()).isTrue();
        assertThat(stale.subject()).isEqualTo("Ana Silva");
        assertThat(stale.what()).isEqualTo("Position not reported");

        console.services.fleet().reportPosition(ana.id(), 51.5, -0.12, 5f, clock.instant());
        liveUpdate(robot, List.of(), List.of(ana.id()));
        ConsoleHarness.waitUntil(() -> "No alerts".equals(badge(robot)));
    }

    @Test
    void badThresholdsSayWhyInOneLineAndChangeNothing(FxRobot robot) throws Exception {
        console.load(robot, 0, 0);
        robot.clickOn("#alerts-badge");
        ConsoleHarness.waitUntilShown(robot, "#alerts-thresholds");
        robot.clickOn("#alerts-thresholds");
        ConsoleHarness.waitUntilShown(robot, "#threshold-out");
        robot.doubleClickOn("#threshold-out").eraseText(4).write("soon");
        robot.clickOn("#thresholds-apply");
        ConsoleHarness.waitUntil(() -> !String.valueOf(ConsoleHarness.text(robot, "#thresholds-error")).isEmpty());
        assertThat(ConsoleHarness.text(robot, "#thresholds-error")).startsWith("INVALID_ARGUMENT: ")
                .contains("Out for delivery").contains("nothing was changed");
        assertThat(console.model.alerts().thresholdsProperty().get()).isEqualTo(com.dispatchconsole.domain.sla.SlaThresholds.DEFAULTS);

        robot.doubleClickOn("#threshold-out").eraseText(4).write("30");
        robot.clickOn("#thresholds-apply");
        ConsoleHarness.waitUntil(() -> robot.lookup("#threshold-out").tryQuery().isEmpty());
        assertThat(console.model.alerts().thresholdsProperty().get().outForDelivery()).isEqualTo(Duration.ofMinutes(30));
        assertThat(ConsoleHarness.text(robot, "#alerts-rules")).contains("out over 30");
    }
}

package com.dispatchconsole.ui.reports;

import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.testing.UiTest;
import com.dispatchconsole.ui.common.StatusStyle;
import com.dispatchconsole.ui.console.ConsoleHarness;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/** The shift summary's "how the batches ended" chart draws each outcome in the colour of its status badge. */
@UiTest
class ShiftSummaryColoursTest {

    @RegisterExtension
    final ConsoleHarness console = new ConsoleHarness();

    /** The series, in the chart's order, and the badge each is drawn like ("still open" like Assigned). */
    private static final Map<String, BatchStatus> BADGES = Map.of("Completed", BatchStatus.COMPLETED,
            "Failed", BatchStatus.FAILED, "Cancelled", BatchStatus.CANCELLED, "Still open", BatchStatus.ASSIGNED);

    /** The dark theme's badge colours (console.css), so the test fails if both sides lose them alike. */
    private static final Map<BatchStatus, Color> DARK = Map.of(BatchStatus.COMPLETED, Color.web("#3fb950"),
            BatchStatus.FAILED, Color.web("#f85149"), BatchStatus.CANCELLED, Color.web("#6e7681"),
            BatchStatus.ASSIGNED, Color.web("#58a6ff"));

    private static Paint fill(Node node) {
        Region region = (Region) node;
        assertThat(region.getBackground()).as("a filled bar or badge").isNotNull();
        return region.getBackground().getFills().get(0).getFill();
    }

    /** A status badge as the batches table shows it, styled in {@code scene}'s theme. */
    private Paint badge(FxRobot robot, Node anywhere, BatchStatus status) {
        Label badge = new Label("badge");
        badge.getStyleClass().addAll("status-badge", StatusStyle.of(status));
        Paint[] fill = new Paint[1];
        robot.interact(() -> {
            Pane root = (Pane) anywhere.getScene().getRoot();
            root.getChildren().add(badge);
            badge.applyCss();
            fill[0] = fill(badge);
            root.getChildren().remove(badge);
        });
        return fill[0];
    }

    @Test
    void eachOutcomeIsDrawnInItsStatusBadgesColour(FxRobot robot) throws Exception {
        ReportsConsoleTest.openShiftSummaryOfTwoBatches(robot, console);
        waitUntil(() -> robot.lookup("#summary-chart-outcomes").tryQuery().isPresent());
        StackedBarChart<String, Number> chart = robot.lookup("#summary-chart-outcomes").query();
        waitUntil(() -> chart.getData().size() == 4);
        robot.interact(chart::applyCss);

        assertThat(chart.getData()).extracting(XYChart.Series::getName)
                .containsExactly("Completed", "Failed", "Cancelled", "Still open");
        for (XYChart.Series<String, Number> series : chart.getData()) {
            BatchStatus status = BADGES.get(series.getName());
            Paint badge = badge(robot, chart, status);
            assertThat(badge).as("the %s badge", status).isEqualTo(DARK.get(status));
            assertThat(series.getData()).isNotEmpty().allSatisfy(data ->
                    assertThat(fill(data.getNode())).as("%s's bar", series.getName()).isEqualTo(badge));
            List<Node> legend = chart.lookupAll(".chart-legend-item").stream()
                    .filter(n -> n instanceof Label l && series.getName().equals(l.getText())).toList();
            assertThat(legend).as("%s in the legend", series.getName()).singleElement()
                    .satisfies(item -> assertThat(fill(((Label) item).getGraphic())).as("%s's legend mark",
                            series.getName()).isEqualTo(badge));
        }
    }
}

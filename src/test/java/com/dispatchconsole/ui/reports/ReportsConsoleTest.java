package com.dispatchconsole.ui.reports;

import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntil;
import static com.dispatchconsole.ui.reports.CsvFileTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.report.ShiftSummaryRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.testing.UiTest;
import com.dispatchconsole.ui.console.ConsoleHarness;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.XYChart;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/** The Reports menu in a console: a table exported as shown, and the shift summary with its charts and files. */
@UiTest
class ReportsConsoleTest {

    @RegisterExtension
    final ConsoleHarness console = new ConsoleHarness();

    @TempDir
    Path dir;

    private final List<Path> asked = new ArrayList<>();

    /** Answers every save dialog with the next file name under {@link #dir}. */
    private void answer(String... names) {
        List<String> left = new ArrayList<>(List.of(names));
        FileChoice.use((owner, title, suggested, extension) -> {
            Path file = dir.resolve(left.remove(0));
            asked.add(file);
            return file;
        });
    }

    @AfterEach
    void platformDialogBack() {
        FileChoice.use(FileChoice.DIALOG);
    }

    @Test
    void theBatchesTableIsExportedAsShownSortedAndWithoutHiddenColumns(FxRobot robot) throws Exception {
        RiderRow rider = console.given.rider("=Zed, \"the\" rider", 10, "50", 3);
        BatchRow first = console.given.batch(1, "1");
        BatchRow second = console.given.batch(2, "1");
        console.services.assignments().assign(second.id(), rider.id(), "seed");
        console.load(robot, 1, 2);
        TableView<BatchRow> batches = robot.lookup("#batches-table").queryTableView();
        robot.interact(() -> column(batches, "kg").setVisible(false));
        List<String> ascending = exportSortedBy(robot, batches, TableColumn.SortType.ASCENDING, "up.csv");
        List<String> descending = exportSortedBy(robot, batches, TableColumn.SortType.DESCENDING, "down.csv");
        List<String> reversed = new ArrayList<>(ascending);
        java.util.Collections.reverse(reversed);
        assertThat(descending).as("the other sort, the other order").isEqualTo(reversed);

        List<List<String>> rows = parse(dir.resolve("down.csv"));
        List<String> header = batches.getVisibleLeafColumns().stream().map(TableColumn::getText).toList();
        assertThat(rows.get(0)).as("the visible columns in order, kg hidden").isEqualTo(header).doesNotContain("kg")
                .contains("Batch", "Status", "Rider");
        assertThat(rows).hasSize(3);
        List<String> assigned = rows.stream().filter(r -> r.get(header.indexOf("Batch"))
                .equals(com.dispatchconsole.domain.ShortId.of(second.id()))).findFirst().orElseThrow();
        assertThat(assigned.get(header.indexOf("Rider"))).as("a name that starts with '=' is written as text")
                .isEqualTo("'=Zed, \"the\" rider");
        assertThat(assigned.get(header.indexOf("Status"))).as("the badge's words").isEqualTo("Assigned");
        List<String> waiting = rows.stream().filter(r -> r.get(header.indexOf("Batch"))
                .equals(com.dispatchconsole.domain.ShortId.of(first.id()))).findFirst().orElseThrow();
        assertThat(waiting.get(header.indexOf("Rider"))).as("the cell's own text").isEqualTo("—");
        assertThat(waiting.get(header.indexOf("Orders"))).isEqualTo("1");
        assertThat(rows).as("a cell blank on screen is blank in the file, never the row's internals")
                .allSatisfy(row -> assertThat(row).noneMatch(cell -> cell.contains("Row[") || cell.contains("id=")));
        if (header.contains("Late by")) {
            assertThat(waiting.get(header.indexOf("Late by"))).as("not late: blank, as on screen").isEmpty();
        }
    }

    /** Sorts by Batch, exports, and returns the exported batches in file order, checked against the table's order. */
    private List<String> exportSortedBy(FxRobot robot, TableView<BatchRow> batches, TableColumn.SortType type,
                                        String name) throws Exception {
        robot.interact(() -> {
            TableColumn<BatchRow, ?> id = column(batches, "Batch");
            id.setSortType(type);
            batches.getSortOrder().setAll(List.of(id));
        });
        List<String> shown = batches.getItems().stream().map(b -> com.dispatchconsole.domain.ShortId.of(b.id())).toList();
        answer(name);
        robot.clickOn("#reports-menu").clickOn("Export batches as shown (CSV)…");
        waitUntil(() -> Files.exists(dir.resolve(name)));
        List<List<String>> rows = parse(dir.resolve(name));
        int batch = rows.get(0).indexOf("Batch");
        List<String> exported = rows.subList(1, rows.size()).stream().map(r -> r.get(batch)).toList();
        assertThat(exported).as("the rows in the order the table shows them").isEqualTo(shown);
        return exported;
    }

    /** One rider and two batches, one of them assigned, loaded; then Reports → Shift summary… */
    static void openShiftSummaryOfTwoBatches(FxRobot robot, ConsoleHarness console) throws Exception {
        RiderRow rider = console.given.rider("Ana", 10, "50", 3);
        BatchRow batch = console.given.batch(1, "1");
        console.given.batch(1, "1");
        console.services.assignments().assign(batch.id(), rider.id(), "seed");
        console.load(robot, 1, 2);
        robot.clickOn("#reports-menu").clickOn("Shift summary…");
    }

    @Test
    void theShiftSummaryShowsItsTableAndChartsAndWritesCsvAndPng(FxRobot robot) throws Exception {
        openShiftSummaryOfTwoBatches(robot, console);
        waitUntil(() -> robot.lookup("#summary-table").tryQuery().isPresent());
        TableView<ShiftSummaryRow> table = robot.lookup("#summary-table").queryTableView();
        javafx.scene.control.DatePicker firstDay = robot.lookup("#summary-first").query();
        assertThat(firstDay.getEditor().getText()).as("days read as everywhere else: ISO")
                .isEqualTo(firstDay.getValue().toString());
        waitUntil(() -> table.getItems().size() == 2);
        assertThat(table.getItems()).extracting(ShiftSummaryRow::scope)
                .containsExactly(ShiftSummaryRow.Scope.OUTLET, ShiftSummaryRow.Scope.RIDER);
        assertThat(table.getItems().get(0).created()).isEqualTo(2);
        assertThat(table.getItems().get(1).name()).isEqualTo("Ana");
        javafx.scene.chart.StackedBarChart<?, ?> outcomes = robot.lookup("#summary-chart-outcomes").query();
        assertThat(outcomes.getData()).extracting(XYChart.Series::getName).contains("Completed", "Still open");
        assertThat(outcomes.getData().get(3).getData()).singleElement()
                .satisfies(d -> assertThat(d.getYValue()).isEqualTo(2L));
        assertThat(((javafx.scene.chart.CategoryAxis) outcomes.getXAxis()).getCategories())
                .as("a bar per outlet, named").containsExactly(table.getItems().get(0).name());
        assertThat(outcomes.lookupAll(".chart-bar")).as("the bars are drawn")
                .anySatisfy(bar -> assertThat(bar.getBoundsInParent().getHeight()).isGreaterThan(10));

        answer("summary.csv", "summary.png");
        robot.clickOn("#summary-export-csv");
        waitUntil(() -> Files.exists(dir.resolve("summary.csv")));
        List<List<String>> rows = parse(dir.resolve("summary.csv"));
        assertThat(rows.get(0)).isEqualTo(ReportColumns.SUMMARY);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).subList(0, 3)).containsExactly("Outlet", table.getItems().get(0).name(), "2");
        assertThat(rows.get(2).subList(0, 4)).containsExactly("Rider", "Ana", "0", "1");

        robot.clickOn("#summary-export-png");
        waitUntil(() -> Files.exists(dir.resolve("summary.png")));
        BufferedImage png = ImageIO.read(dir.resolve("summary.png").toFile());
        assertThat(png).as("a PNG image").isNotNull();
        assertThat(png.getWidth()).isGreaterThan(400);
        assertThat(png.getHeight()).isGreaterThan(200);
        // Drawn on the theme's background (dark by default): on white the dark theme's light text would vanish.
        java.awt.Color corner = new java.awt.Color(png.getRGB(1, 1));
        assertThat(corner.getRed() + corner.getGreen() + corner.getBlue()).as("the dark theme's background")
                .isLessThan(3 * 100);
        assertThat(robot.lookup("#summary-message").queryLabeled().getText()).startsWith("Saved the charts to");
    }

    @SuppressWarnings("unchecked")
    private static TableColumn<BatchRow, ?> column(TableView<BatchRow> table, String title) {
        return table.getColumns().stream().filter(c -> c.getText().equals(title)).findFirst().orElseThrow();
    }
}

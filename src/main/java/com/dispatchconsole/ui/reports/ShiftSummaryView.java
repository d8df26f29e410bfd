package com.dispatchconsole.ui.reports;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.report.ShiftSummaryRow;
import com.dispatchconsole.ui.common.StatusStyle;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The shift summary window: the days, the outlets' and riders' lines as a table, two charts by outlet (batches by
 * how they ended, stacked; average minutes in each status), and the CSV and PNG exports.
 */
public final class ShiftSummaryView {

    private final ShiftSummaryViewModel model;
    private final BorderPane root = new BorderPane();
    private final HBox charts;

    public ShiftSummaryView(ShiftSummaryViewModel model) {
        this.model = model;
        DatePicker first = datePicker("summary-first", model.firstDayProperty().get());
        DatePicker last = datePicker("summary-last", model.lastDayProperty().get());
        first.valueProperty().bindBidirectional(model.firstDayProperty());
        last.valueProperty().bindBidirectional(model.lastDayProperty());
        Button show = new Button("Show");
        show.setId("summary-show");
        show.setDefaultButton(true);
        show.setOnAction(e -> model.load());
        Button csv = new Button("Export CSV…");
        csv.setId("summary-export-csv");
        csv.setOnAction(e -> model.exportCsv(FileChoice.current().ask(window(), "Export the shift summary",
                "shift-summary-" + model.firstDayProperty().get() + ".csv", "csv")));
        Button png = new Button("Save charts as PNG…");
        png.setId("summary-export-png");
        png.setOnAction(e -> savePng());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(model.busyProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, new Label("From"), first, new Label("to"), last, show, busy, spacer, csv, png);
        bar.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.setId("summary-message");
        message.textProperty().bind(model.messageProperty());
        message.getStyleClass().add("muted");

        StackedBarChart<String, Number> ended = new StackedBarChart<>(new CategoryAxis(), axis("Batches"));
        ended.setId("summary-chart-outcomes");
        ended.setTitle("Batches by outlet");
        ended.setAnimated(false);
        BarChart<String, Number> times = new BarChart<>(new CategoryAxis(), axis("Minutes"));
        times.setId("summary-chart-times");
        times.setTitle("Average time in each status (min)");
        times.setAnimated(false);
        charts = new HBox(8, ended, times);
        charts.setId("summary-charts");
        HBox.setHgrow(ended, Priority.ALWAYS);
        HBox.setHgrow(times, Priority.ALWAYS);
        charts.setPrefHeight(300);
        model.outlets().addListener((ListChangeListener<ShiftSummaryRow>) c -> {
            fillOutcomes(ended, model.outlets());
            fillTimes(times, model.outlets());
        });

        TableView<ShiftSummaryRow> table = table();
        VBox content = new VBox(8, bar, message, charts, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        content.setPadding(new Insets(12));
        root.setCenter(content);
        root.getStyleClass().add("shift-summary");
    }

    public Parent root() {
        return root;
    }

    private static DatePicker datePicker(String id, LocalDate value) {
        DatePicker picker = DayPicker.create(id, value);
        picker.setPrefWidth(130);
        return picker;
    }

    private static NumberAxis axis(String label) {
        NumberAxis axis = new NumberAxis();
        axis.setLabel(label);
        axis.setMinorTickVisible(false);
        return axis;
    }

    private static void fillOutcomes(StackedBarChart<String, Number> chart, List<ShiftSummaryRow> outlets) {
        // A stacked chart draws only the categories its axis has when the data arrives: set them first.
        ((CategoryAxis) chart.getXAxis()).getCategories().setAll(outlets.stream().map(ShiftSummaryRow::name).toList());
        chart.getData().setAll(List.of(series("Completed", outlets, ShiftSummaryRow::completed),
                series("Failed", outlets, ShiftSummaryRow::failed),
                series("Cancelled", outlets, ShiftSummaryRow::cancelled),
                series("Still open", outlets, r -> Math.max(0, r.created() - r.completed() - r.failed() - r.cancelled()))));
        // Each in its status badge's colour; "still open" (created, assigned, picked up or out) in Assigned's.
        colour(chart, List.of(BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.CANCELLED, BatchStatus.ASSIGNED));
    }

    private static void fillTimes(BarChart<String, Number> chart, List<ShiftSummaryRow> outlets) {
        chart.getData().setAll(ReportColumns.TIMED.stream().map(status -> series(status.label(), outlets,
                r -> minutes(r, status))).toList());
        colour(chart, ReportColumns.TIMED);
    }

    /**
     * Draws the i-th series (its bars and its legend mark) in the i-th status's badge colour: they take the badge's
     * style class, whose colour the theme holds (see {@link StatusStyle}); the chart's default colours would not
     * match the badges the dispatcher reads all day.
     */
    private static void colour(XYChart<String, Number> chart, List<BatchStatus> statuses) {
        for (int i = 0; i < chart.getData().size(); i++) {
            String style = StatusStyle.of(statuses.get(i));
            XYChart.Series<String, Number> series = chart.getData().get(i);
            for (XYChart.Data<String, Number> data : series.getData()) {
                if (data.getNode() != null) {
                    data.getNode().getStyleClass().add(style);
                }
            }
            for (javafx.scene.Node item : chart.lookupAll(".chart-legend-item")) {
                if (item instanceof Label label && series.getName().equals(label.getText()) && label.getGraphic() != null) {
                    label.getGraphic().getStyleClass().removeIf(StatusStyle::isOne);
                    label.getGraphic().getStyleClass().add(style);
                }
            }
        }
    }

    private static double minutes(ShiftSummaryRow row, BatchStatus status) {
        return row.averageIn(status) == null ? 0 : row.averageIn(status).toMillis() / 60_000.0;
    }

    private static XYChart.Series<String, Number> series(String name, List<ShiftSummaryRow> outlets,
                                                         Function<ShiftSummaryRow, Number> value) {
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        series.setName(name);
        for (ShiftSummaryRow row : outlets) {
            series.getData().add(new XYChart.Data<>(row.name(), value.apply(row)));
        }
        return series;
    }

    private TableView<ShiftSummaryRow> table() {
        TableView<ShiftSummaryRow> table = new TableView<>(model.rows());
        table.setId("summary-table");
        table.setPlaceholder(new Label("Choose the days and press Show."));
        List<String> titles = ReportColumns.SUMMARY;
        for (int i = 0; i < titles.size(); i++) {
            int index = i;
            TableColumn<ShiftSummaryRow, String> column = new TableColumn<>(titles.get(i));
            column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(String.valueOf(
                    ReportColumns.summary(c.getValue()).get(index))));
            column.setPrefWidth(i == 0 ? 70 : i == 1 ? 170 : i < 7 ? 92 : i < 11 ? 146 : 112);
            if (i >= 2) {
                column.getStyleClass().add("numeric");
                column.setComparator(ShiftSummaryView::byNumber);
            }
            table.getColumns().add(column);
        }
        return table;
    }

    private static int byNumber(String a, String b) {
        return Double.compare(a.isEmpty() ? -1 : Double.parseDouble(a), b.isEmpty() ? -1 : Double.parseDouble(b));
    }

    private void savePng() {
        Path file = FileChoice.current().ask(window(), "Save the charts", "shift-summary-"
                + model.firstDayProperty().get() + ".png", "png");
        if (file == null) {
            return;
        }
        try {
            PngFile.write(charts, file);
            model.pngWritten(file, null);
        } catch (DispatchException e) {
            model.pngWritten(file, e);
        }
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }
}

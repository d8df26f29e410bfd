package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import java.time.Instant;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Lays out the console; every decision is the view model's. */
public final class ConsoleView {

    private final ConsoleViewModel model;
    private final BorderPane root = new BorderPane();

    public ConsoleView(ConsoleViewModel model) {
        this.model = model;
        root.getStyleClass().add("console");
        root.setTop(header());
        SplitPane split = new SplitPane(section("Riders", ridersTable()), section("Batches", batchesTable()));
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.5);
        root.setCenter(split);
        root.setBottom(statusBar());
    }

    public Parent root() {
        return root;
    }

    private HBox header() {
        Label title = new Label("Dispatch Console");
        title.getStyleClass().add("title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label operator = new Label("Operator: " + model.operator());
        operator.getStyleClass().add("header-info");
        operator.setId("operator-label");
        Label database = new Label("Database: " + model.databaseLabel());
        database.getStyleClass().add("header-info");
        database.setId("database-label");
        HBox header = new HBox(18, title, spacer, operator, database);
        header.getStyleClass().add("header");
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(10, 16, 10, 16));
        return header;
    }

    private static VBox section(String title, TableView<?> table) {
        Label label = new Label(title);
        label.getStyleClass().add("section-title");
        VBox box = new VBox(6, label, table);
        box.setPadding(new Insets(8));
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private TableView<RiderRow> ridersTable() {
        TableView<RiderRow> table = new TableView<>(model.riders());
        table.setId("riders-table");
        table.getColumns().add(column("Rider", 140, RiderRow::name));
        table.getColumns().add(column("Vehicle", 95, r -> cap(r.vehicleType().name())));
        table.getColumns().add(column("Availability", 105, r -> cap(r.availability().name())));
        table.getColumns().add(column("Batches", 70, r -> r.load().activeBatches() + "/" + r.limits().maxActiveBatches()));
        TableColumn<RiderRow, RiderRow> load = new TableColumn<>("Load");
        load.setPrefWidth(260);
        load.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        load.setCellFactory(c -> new LoadBarCell());
        load.setComparator((a, b) -> Double.compare(a.loadRatio(), b.loadRatio()));
        table.getColumns().add(load);
        table.getColumns().add(column("Home outlet", 150, RiderRow::homeOutletName));
        table.getColumns().add(column("Last change", 95, r -> Formats.clock(r.lastChangeAt())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return table;
    }

    private TableView<BatchRow> batchesTable() {
        TableView<BatchRow> table = new TableView<>(model.batches());
        table.setId("batches-table");
        Instant now = Instant.now();
        TableColumn<BatchRow, String> id = column("Batch", 90, b -> ShortId.of(b.id()));
        id.getStyleClass().add("mono");
        table.getColumns().add(id);
        table.getColumns().add(column("Outlet", 140, BatchRow::outletName));
        TableColumn<BatchRow, BatchStatus> status = new TableColumn<>("Status");
        status.setPrefWidth(130);
        status.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status()));
        status.setCellFactory(c -> new StatusBadgeCell());
        table.getColumns().add(status);
        TableColumn<BatchRow, Integer> orders = new TableColumn<>("Orders");
        orders.setPrefWidth(60);
        orders.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().orderCount()));
        orders.getStyleClass().add("numeric");
        table.getColumns().add(orders);
        TableColumn<BatchRow, String> weight = column("kg", 60, b -> Formats.kg(b.totalWeightKg()));
        weight.getStyleClass().add("numeric");
        table.getColumns().add(weight);
        table.getColumns().add(column("Rider", 140, b -> b.riderName() == null ? "—" : b.riderName()));
        table.getColumns().add(column("Age", 80, b -> Formats.since(b.createdAt(), now)));
        table.getColumns().add(column("In status", 80, b -> Formats.since(b.statusChangedAt(), now)));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return table;
    }

    private HBox statusBar() {
        Label message = new Label();
        message.textProperty().bind(model.messageProperty());
        message.setId("status-message");
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(model.loadingProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label counts = new Label();
        counts.setId("status-counts");
        counts.textProperty().bind(model.statusCountsProperty());
        HBox bar = new HBox(10, busy, message, spacer, counts);
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 16, 6, 16));
        return bar;
    }

    private static <S> TableColumn<S, String> column(String title, double width, Function<S, String> value) {
        TableColumn<S, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> (ObservableValue<String>) new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        return column;
    }

    private static String cap(String enumName) {
        String lower = enumName.toLowerCase().replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}

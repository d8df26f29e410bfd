package com.dispatchconsole.ui.review;

import com.dispatchconsole.ui.common.Labels;
import com.dispatchconsole.ui.common.NotificationArea;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The supervisor's review queue: filters on top, one row per PoD; double-click opens the viewer. */
public final class ReviewQueueView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final VBox root = new VBox(8);
    private final Parent window;

    public ReviewQueueView(ReviewQueueViewModel model, Consumer<UUID> openPod) {
        root.getStyleClass().add("pod-viewer");
        root.setPadding(new Insets(12));
        Label title = new Label("Proof of delivery awaiting review");
        title.getStyleClass().add("detail-title");
        ComboBox<ReviewQueueViewModel.FlagFilter> flag = new ComboBox<>();
        flag.setId("queue-flag");
        flag.getItems().setAll(ReviewQueueViewModel.FlagFilter.values());
        flag.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(ReviewQueueViewModel.FlagFilter filter) {
                return filter == null ? "" : filter.label();
            }

            @Override
            public ReviewQueueViewModel.FlagFilter fromString(String text) {
                return null;
            }
        });
        flag.valueProperty().bindBidirectional(model.flagProperty());
        TextField outlet = new TextField();
        outlet.setPromptText("Outlet");
        outlet.setId("queue-outlet");
        outlet.textProperty().bindBidirectional(model.outletProperty());
        TextField rider = new TextField();
        rider.setPromptText("Rider");
        rider.setId("queue-rider");
        rider.textProperty().bindBidirectional(model.riderProperty());
        DatePicker date = new DatePicker();
        date.setPromptText("Delivered on");
        date.valueProperty().bindBidirectional(model.dateProperty());
        Label count = new Label();
        count.setId("queue-message");
        count.getStyleClass().add("muted");
        count.textProperty().bind(model.messageProperty());
        HBox filters = new HBox(8, new Label("Flag"), flag, outlet, rider, date, count);
        filters.setAlignment(Pos.CENTER_LEFT);

        TableView<ReviewQueueViewModel.Entry> table = new TableView<>();
        // Sorting by a column sorts this view of the queue, never the model's (read-only) list.
        javafx.collections.transformation.SortedList<ReviewQueueViewModel.Entry> sorted =
                new javafx.collections.transformation.SortedList<>(model.visible());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setId("review-queue");
        table.setPlaceholder(new Label("Nothing awaits review."));
        table.getColumns().add(column("Delivered", 95, e -> e.pod().completedAt() == null ? "" : TIME.format(e.pod().completedAt())));
        table.getColumns().add(column("Outlet", 140, e -> e.pod().outletName()));
        table.getColumns().add(column("Rider", 130, e -> e.pod().riderName() == null ? "—" : e.pod().riderName()));
        table.getColumns().add(column("Customer", 120, e -> e.pod().customerName()));
        table.getColumns().add(column("Type", 150, e -> Labels.of(e.deliveryType())));
        table.getColumns().add(flagsColumn());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> {
            TableRow<ReviewQueueViewModel.Entry> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    openPod.accept(row.getItem().pod().batchOrderId());
                }
            });
            return row;
        });
        javafx.scene.control.Button open = new javafx.scene.control.Button("Open proof of delivery");
        open.setId("queue-open");
        open.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        open.setOnAction(e -> openPod.accept(table.getSelectionModel().getSelectedItem().pod().batchOrderId()));
        table.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                openPod.accept(table.getSelectionModel().getSelectedItem().pod().batchOrderId());
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getChildren().addAll(title, filters, table, open);
        window = NotificationArea.over(root, model.notices());
    }

    /** The queue with its own toasts. */
    public Parent root() {
        return window;
    }

    /** The flags in short; hovering a row's flags says what each means, with the control room's threshold. */
    private static TableColumn<ReviewQueueViewModel.Entry, String> flagsColumn() {
        TableColumn<ReviewQueueViewModel.Entry, String> column = column("Flags", 160, ReviewQueueViewModel.Entry::flagsText);
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                ReviewQueueViewModel.Entry entry = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : text);
                setTooltip(entry == null || entry.flags().isEmpty() ? null : new Tooltip(entry.flagSentences()));
            }
        });
        return column;
    }

    private static TableColumn<ReviewQueueViewModel.Entry, String> column(String title, double width,
            java.util.function.Function<ReviewQueueViewModel.Entry, String> value) {
        TableColumn<ReviewQueueViewModel.Entry, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        return column;
    }
}

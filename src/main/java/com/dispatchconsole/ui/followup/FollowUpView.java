package com.dispatchconsole.ui.followup;

import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.DisputeRow;
import com.dispatchconsole.ui.common.Dialogs;
import com.dispatchconsole.ui.common.NotificationArea;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The disputed list: one row per open dispute (batch, customer, outlet, rider, who disputed, when, why); Enter or a
 * double-click opens the PoD viewer, "Mark followed up…" records how it was followed up. Also the console's pieces
 * for follow-up: the header button with the count, and the detail pane's "Re-dispatch…" button.
 */
public final class FollowUpView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final VBox root = new VBox(8);
    private final Parent window;

    public FollowUpView(FollowUpViewModel model, Consumer<UUID> openPod) {
        root.getStyleClass().add("pod-viewer");
        root.setPadding(new Insets(12));
        Label title = new Label("Disputed proofs of delivery to follow up");
        title.getStyleClass().add("detail-title");
        Label message = new Label();
        message.setId("follow-up-message");
        message.getStyleClass().add("muted");
        message.textProperty().bind(model.messageProperty());

        TableView<DisputeRow> table = new TableView<>();
        javafx.collections.transformation.SortedList<DisputeRow> sorted =
                new javafx.collections.transformation.SortedList<>(model.entries());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setId("follow-up-list");
        table.setPlaceholder(new Label("No open disputes."));
        table.getColumns().add(column("Disputed", 95, d -> TIME.format(d.disputedAt())));
        table.getColumns().add(column("Batch", 80, d -> ShortId.of(d.batchId())));
        table.getColumns().add(column("Customer", 130, DisputeRow::customerName));
        table.getColumns().add(column("Outlet", 120, DisputeRow::outletName));
        table.getColumns().add(column("Rider", 120, d -> d.riderName() == null ? "—" : d.riderName()));
        table.getColumns().add(column("Disputed by", 120, DisputeRow::disputedBy));
        table.getColumns().add(column("Reason", 240, DisputeRow::reason));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory(t -> {
            TableRow<DisputeRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    openPod.accept(row.getItem().batchOrderId());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
                openPod.accept(table.getSelectionModel().getSelectedItem().batchOrderId());
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        Button open = new Button("Open proof of delivery");
        open.setId("follow-up-open");
        open.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        open.setOnAction(e -> openPod.accept(table.getSelectionModel().getSelectedItem().batchOrderId()));
        Button resolve = new Button("Mark followed up…");
        resolve.setId("follow-up-resolve");
        resolve.setTooltip(new Tooltip("Say how the dispute was followed up; it leaves every console's list."));
        resolve.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        resolve.visibleProperty().bind(model.canFollowUpProperty());
        resolve.managedProperty().bind(model.canFollowUpProperty());
        resolve.setOnAction(e -> {
            DisputeRow dispute = table.getSelectionModel().getSelectedItem();
            Window owner = root.getScene() == null ? null : root.getScene().getWindow();
            Optional<String> note = Dialogs.askReason(owner, "Follow up", "How was the dispute on the PoD for "
                    + dispute.customerName() + " (batch " + ShortId.of(dispute.batchId()) + ") followed up?",
                    "Mark followed up", "Not yet");
            note.ifPresent(text -> model.followUp(dispute, text));
        });
        HBox actions = new HBox(8, open, resolve);
        actions.setAlignment(Pos.CENTER_LEFT);
        root.getChildren().addAll(title, message, table, actions);
        window = NotificationArea.over(root, model.notices());
    }

    /** The list with its own toasts. */
    public Parent root() {
        return window;
    }

    /** The console header's "Disputed (3)" button; it opens the list. */
    public static Button headerButton(FollowUpViewModel model, Runnable open) {
        Button button = new Button();
        button.setId("open-follow-up");
        button.textProperty().bind(Bindings.createStringBinding(() -> "Disputed (" + model.countProperty().get() + ")",
                model.countProperty()));
        button.setTooltip(new Tooltip("Disputed proofs of delivery not followed up yet"));
        button.setOnAction(e -> open.run());
        return button;
    }

    /** Shortcut of "Re-dispatch…" (Ctrl+R assigns; Shift adds the reason, as Fail… and Cancel… do). */
    public static final String REDISPATCH_SHORTCUT = "Ctrl+Shift+R";

    /** The detail pane's "Re-dispatch…" button, enabled only when the shown batch can be re-dispatched. */
    public static Button redispatchButton(RedispatchViewModel model, Supplier<Window> owner) {
        Button button = new Button("Re-dispatch…");
        button.setId("action-REDISPATCH");
        button.setTooltip(new Tooltip("Send the undelivered orders of this failed batch out again in a new batch ("
                + REDISPATCH_SHORTCUT + ")"));
        button.disableProperty().bind(model.possibleProperty().not());
        button.setOnAction(e -> askAndRedispatch(model, owner));
        return button;
    }

    /** Asks for the reason (the shortcut lands here too) and re-dispatches; nothing happens when it is not possible. */
    public static void askAndRedispatch(RedispatchViewModel model, Supplier<Window> owner) {
        if (!model.possibleProperty().get()) {
            return;
        }
        Dialogs.askReason(owner.get(), "Re-dispatch", model.question(), "Re-dispatch", "Keep as is")
                .ifPresent(model::redispatch);
    }

    private static TableColumn<DisputeRow, String> column(String title, double width, Function<DisputeRow, String> value) {
        TableColumn<DisputeRow, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        return column;
    }
}

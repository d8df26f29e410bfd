package com.dispatchconsole.ui.console;

import com.dispatchconsole.ui.common.Labels;
import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.rows.RiderRow;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.css.PseudoClass;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.TransferMode;

/** The riders table: a drop target for batches that shows, row by row, whether the dragged batches fit. */
final class RidersTable {

    private static final PseudoClass FITS = PseudoClass.getPseudoClass("drop-fits");
    private static final PseudoClass REFUSED = PseudoClass.getPseudoClass("drop-refused");

    private RidersTable() {
    }

    /**
     * @param onDrop called after a drop with the batch ids and the rider id; asks for a reason if needed
     */
    static TableView<RiderRow> create(ConsoleViewModel model, RiderFinder finder, Label hint,
                                      BiConsumer<List<UUID>, UUID> onDrop) {
        TableView<RiderRow> table = new TableView<>();
        table.setId("riders-table");
        // Search, outlet, "fits" and best-fit order: the finder's (RiderFinder).
        javafx.collections.transformation.SortedList<RiderRow> sorted = finder.items();
        finder.attach(table);
        com.dispatchconsole.ui.common.SelectionKeeper.install(table, sorted, RiderRow::id,
                rows -> model.selection().selectRider(rows.isEmpty() ? null : rows.get(0)));
        table.getColumns().add(Columns.text("Rider", 118, RiderRow::name));
        table.getColumns().add(Columns.text("Vehicle", 84, r -> Labels.of(r.vehicleType())));
        TableColumn<RiderRow, String> availability = Columns.text("Availability", 96,
                r -> Labels.of(r.availability()));
        table.getColumns().add(availability);
        TableColumn<RiderRow, String> batches = Columns.text("Batches", 66,
                r -> r.load().activeBatches() + "/" + r.limits().maxActiveBatches());
        batches.getStyleClass().add("numeric");
        table.getColumns().add(batches);
        TableColumn<RiderRow, RiderRow> load = new TableColumn<>("Load (orders · kg)");
        load.setPrefWidth(196);
        load.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        load.setCellFactory(c -> new LoadBarCell());
        load.setComparator((a, b) -> Double.compare(a.loadRatio(), b.loadRatio()));
        table.getColumns().add(load);
        table.getColumns().add(Columns.text("Home outlet", 108, RiderRow::homeOutletName));
        table.getColumns().add(SeenCell.column(model.clock().nowProperty()));
        table.getColumns().add(Columns.text("Changed", 70, r -> Formats.shortClock(r.lastChangeAt())));
        // Widths as given (and saved): a narrow pane scrolls sideways rather than squeezing the last column away.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setRowFactory(t -> row(model, hint, onDrop));
        table.setOnDragExited(e -> resetHint(hint));
        // "Seen" ages while nobody changes anything: its cells redraw on the console's one ticker (ConsoleView).
        return table;
    }

    private static TableRow<RiderRow> row(ConsoleViewModel model, Label hint, BiConsumer<List<UUID>, UUID> onDrop) {
        TableRow<RiderRow> row = new TableRow<>();
        row.setOnDragOver(e -> {
            if (row.getItem() != null && DragIds.carriesBatches(e.getDragboard())) {
                // Accept even when it will not fit: the service decides, and its refusal is shown clearly. Never
                // while the database cannot be reached: the hint then says why the drop is not taken.
                if (model.status().canChangeProperty().get()) {
                    e.acceptTransferModes(TransferMode.MOVE);
                }
                FitHint fit = model.commands().hint(DragIds.read(e.getDragboard()), row.getItem().id());
                if (fit != null) {
                    row.pseudoClassStateChanged(FITS, fit.fits());
                    row.pseudoClassStateChanged(REFUSED, !fit.fits());
                    hint.setText(fit.text());
                    hint.pseudoClassStateChanged(FITS, fit.fits());
                    hint.pseudoClassStateChanged(REFUSED, !fit.fits());

                }
            }
            e.consume();
        });
        row.setOnDragExited(e -> {
            row.pseudoClassStateChanged(FITS, false);
            row.pseudoClassStateChanged(REFUSED, false);
        });
        row.setOnDragDropped(e -> {
            boolean accepted = row.getItem() != null && DragIds.carriesBatches(e.getDragboard())
                    && model.status().canChangeProperty().get();
            if (accepted) {
                List<UUID> ids = DragIds.read(e.getDragboard());
                UUID rider = row.getItem().id();
                // Finish the drag gesture first; any dialog opens after it.
                javafx.application.Platform.runLater(() -> onDrop.accept(ids, rider));
            }
            row.pseudoClassStateChanged(FITS, false);
            row.pseudoClassStateChanged(REFUSED, false);
            resetHint(hint);
            e.setDropCompleted(accepted);
            e.consume();
        });
        row.itemProperty().addListener((o, a, rider) -> row.setContextMenu(rider == null ? null : availabilityMenu(model, rider)));
        return row;
    }

    static void resetHint(Label hint) {
        hint.setText(ConsoleView.IDLE_HINT);
        hint.pseudoClassStateChanged(FITS, false);
        hint.pseudoClassStateChanged(REFUSED, false);
    }

    private static ContextMenu availabilityMenu(ConsoleViewModel model, RiderRow rider) {
        ContextMenu menu = new ContextMenu();
        for (Availability availability : Availability.values()) {
            MenuItem item = new MenuItem("Set " + Labels.of(availability).toLowerCase());
            item.setId("availability-" + availability.name());
            item.setOnAction(e -> model.commands().setAvailability(rider.id(), availability));
            menu.getItems().add(item);
        }
        menu.setOnShowing(e -> {
            for (int i = 0; i < menu.getItems().size(); i++) {
                menu.getItems().get(i).setDisable(!model.status().canChangeProperty().get()
                        || rider.availability() == Availability.values()[i]);
            }
        });
        return menu;
    }
}

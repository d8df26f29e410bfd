package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.ui.map.MapPanel;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.scene.input.Dragboard;

/**
 * What the map panel asks of the console: clicks select rows in the console's own tables (so the selection model,
 * the detail pane and the keyboard follow as for a click in the table), a batch dragged from the batches table is
 * read and hinted exactly as over the riders table ({@link DragIds}, {@link FitHint}), and a drop goes where a drop
 * on the riders table goes.
 */
final class MapActions implements MapPanel.Actions {

    private final ConsoleViewModel model;
    private final TableView<RiderRow> riders;
    private final TableView<BatchRow> batches;
    private final BiConsumer<List<UUID>, UUID> onDrop;

    MapActions(ConsoleViewModel model, TableView<RiderRow> riders, TableView<BatchRow> batches,
               BiConsumer<List<UUID>, UUID> onDrop) {
        this.model = model;
        this.riders = riders;
        this.batches = batches;
        this.onDrop = onDrop;
        batches.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> {
            dragged = false;
            holding.set(true);
        });
        batches.addEventFilter(javafx.scene.input.MouseEvent.DRAG_DETECTED, e -> dragged = true);
        batches.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> holding.set(false));
        batches.addEventFilter(javafx.scene.input.DragEvent.DRAG_DONE, e -> holding.set(false));
    }

    private final javafx.beans.property.BooleanProperty holding = new javafx.beans.property.SimpleBooleanProperty();
    private boolean dragged;

    @Override
    public javafx.beans.value.ObservableBooleanValue holdingBatches() {
        return holding;
    }

    @Override
    public boolean lastPressDragged() {
        return dragged;
    }

    @Override
    public boolean selectRider(UUID riderId) {
        return select(riders, RiderRow::id, riderId);
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean selectStop(UUID batchId, UUID batchOrderId) {
        boolean shown = model.selection().selectedBatches().size() == 1
                && model.selection().selectedBatches().get(0).id().equals(batchId)
                || select(batches, BatchRow::id, batchId);
        Node orders = batches.getScene() == null ? null : batches.getScene().lookup("#detail-orders");
        if (shown && orders instanceof TableView<?> table) {
            select((TableView<BatchOrderRow>) table, BatchOrderRow::id, batchOrderId);
        }
        return shown;
    }

    @Override
    public List<UUID> draggedBatches(Dragboard dragboard) {
        return DragIds.carriesBatches(dragboard) ? DragIds.read(dragboard) : List.of();
    }

    @Override
    public MapPanel.Hint hint(List<UUID> batchIds, UUID riderId) {
        FitHint fit = model.commands().hint(batchIds, riderId);
        return fit == null ? null : new MapPanel.Hint(fit.fits(), fit.text());
    }

    @Override
    public boolean canChange() {
        return model.status().canChangeProperty().get();
    }

    @Override
    public void drop(List<UUID> batchIds, UUID riderId) {
        onDrop.accept(batchIds, riderId);
    }

    private static <T> boolean select(TableView<T> table, Function<T, UUID> idOf, UUID id) {
        List<T> items = table.getItems();
        for (int i = 0; i < items.size(); i++) {
            if (idOf.apply(items.get(i)).equals(id)) {
                table.getSelectionModel().clearAndSelect(i);
                table.scrollTo(Math.max(0, i - 2));
                return true;
            }
        }
        return false;
    }
}

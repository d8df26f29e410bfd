package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.service.QueryService;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * What the dispatcher has selected (batches in the batch table, a rider in the riders table), the lifecycle moves
 * the state map allows for all of those batches, and the detail pane of a single selected batch.
 */
public final class ConsoleSelection {

    private final ConsoleRows rows;
    private final ConsoleStatus status;
    private final ObservableList<BatchRow> selectedBatches = FXCollections.observableArrayList();
    private final ObservableList<BatchRow> selectedView = FXCollections.unmodifiableObservableList(selectedBatches);
    private final ReadOnlyObjectWrapper<RiderRow> selectedRider = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Set<LifecycleAction>> allowedActions =
            new ReadOnlyObjectWrapper<>(EnumSet.noneOf(LifecycleAction.class));
    private final BatchDetailModel detail;

    ConsoleSelection(ConsoleRows rows, ConsoleStatus status, QueryService queries) {
        this.rows = rows;
        this.status = status;
        this.detail = new BatchDetailModel(queries, status.tasks(), status::failed);
        detail.ridersFrom(rows::rider);
        selectedBatches.addListener((ListChangeListener<BatchRow>) c -> refresh());
        status.canChangeProperty().addListener((o, could, can) -> refresh());
        rows.followedBy(new ConsoleRows.Follower() {
            @Override
            public void reloaded() {
                forgetVanished();
                refresh();
            }

            @Override
            public void replaced() {
                selectedBatches.clear();
                selectedRider.set(null);
                detail.show(null);
            }

            @Override
            public void changed(List<BatchRow> batches) {
                batches.forEach(detail::refreshIfShowing);
            }

            @Override
            public void ordersChanged(Collection<UUID> batchIds) {
                batchIds.forEach(detail::reloadIfShowing);
            }
        });
    }

    /** The view keeps this in step with the batch table's selection. */
    public void select(List<BatchRow> batches) {
        selectedBatches.setAll(batches);
    }

    /** The view keeps this in step with the riders table's selection; null for none. */
    public void selectRider(RiderRow rider) {
        selectedRider.set(rider);
    }

    /** The selected batches as the screen shows them now. */
    public SeenRows seeSelection() {
        return rows.see(selectedBatches.stream().map(BatchRow::id).toList());
    }

    /** Whether the selected batches can go to the selected rider (the keyboard twin of a drop). */
    public boolean canAssignSelectionToSelectedRider() {
        return status.canChangeProperty().get() && selectedRider.get() != null && !selectedBatches.isEmpty();
    }

    /** Recomputes what follows from the selection, from the rows on screen now. */
    void refresh() {
        List<BatchRow> current = selectedBatches.stream()
                .map(b -> Objects.requireNonNullElse(rows.batch(b.id()), b)).toList();
        // While the database cannot be reached no move is offered: it could only end in a spinner and a failure.
        allowedActions.set(status.canChangeProperty().get() ? LifecycleAction.allowedFor(current)
                : EnumSet.noneOf(LifecycleAction.class));
        detail.show(current.size() == 1 ? current.get(0) : null);
    }

    /** A selected row that is no longer on screen (deleted, out of scope, another database) is not selected. */
    private void forgetVanished() {
        selectedBatches.removeIf(b -> rows.batch(b.id()) == null);
        if (selectedRider.get() != null && rows.rider(selectedRider.get().id()) == null) {
            selectedRider.set(null);
        }
    }

    // ---- what the view binds to -----------------------------------------------------------------------------

    public ObservableList<BatchRow> selectedBatches() {
        return selectedView;
    }

    public ReadOnlyObjectProperty<RiderRow> selectedRiderProperty() {
        return selectedRider.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Set<LifecycleAction>> allowedActionsProperty() {
        return allowedActions.getReadOnlyProperty();
    }

    public BatchDetailModel detail() {
        return detail;
    }
}

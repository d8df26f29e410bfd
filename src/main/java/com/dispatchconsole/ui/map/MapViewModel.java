package com.dispatchconsole.ui.map;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.MapStop;
import com.dispatchconsole.domain.rows.OutletRow;
import com.dispatchconsole.domain.rows.RiderPosition;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.domain.sla.SlaRule;
import com.dispatchconsole.service.QueryService;
import com.dispatchconsole.ui.alerts.Alert;
import com.dispatchconsole.ui.alerts.AlertsViewModel;
import com.dispatchconsole.ui.common.BackgroundTasks;
import com.dispatchconsole.ui.common.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * What the map shows, decided without a window: the console's outlets and riders (the rows on screen, kept true by
 * the live feed), each rider's state and whether the position is fresh, which batches are late (the alerts' own
 * judgement, never a second one) and the route of the selected batch: its stops in sequence and its rider's recent
 * trail, read off the UI thread and extended in place as the rider reports.
 */
public final class MapViewModel {

    /** How many of a rider's last positions the trail shows. */
    public static final int TRAIL_POSITIONS = 20;

    /** A rider's colour on the map: the availability words of the riders table, and "Busy" for one carrying work. */
    public enum RiderState {
        AVAILABLE, BUSY, ON_BREAK, OFF_DUTY;

        /** "Available", "Busy", "On break", "Off duty". */
        public String label() {
            return Labels.of(name());
        }

        /** The CSS class of a marker in this state. */
        public String styleClass() {
            return "map-rider-" + name().toLowerCase().replace('_', '-');
        }
    }

    /** The selected batch on the map: its row, its stops in delivery sequence and its rider's trail (oldest first). */
    public record Route(BatchRow batch, List<MapStop> stops, List<RiderPosition> trail) {

        public Route {
            stops = List.copyOf(stops);
            trail = List.copyOf(trail);
        }

        public UUID riderId() {
            return batch.riderId();
        }
    }

    /** Late batches by where the map shows them: with their rider, or (unassigned) at their outlet. */
    public record LateMarks(Map<UUID, Integer> byRider, Map<UUID, Integer> byOutlet, java.util.Set<UUID> batches) {
    }

    private final QueryService queries;
    private final BackgroundTasks tasks;
    private final ObservableList<OutletRow> outlets;
    private final ObservableList<RiderRow> riders;
    private final ObservableList<BatchRow> batches;
    private final Function<UUID, BatchRow> batchById;
    private final ObservableList<BatchRow> selectedBatches;
    private final ReadOnlyObjectProperty<RiderRow> selectedRider;
    private final AlertsViewModel alerts;
    private final ReadOnlyObjectWrapper<Route> route = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper lateChanges = new ReadOnlyIntegerWrapper();
    private final Object routeKey = new Object();

    /**
     * @param batchById the batch row on screen by id, or null
     */
    public MapViewModel(QueryService queries, BackgroundTasks tasks, ObservableList<OutletRow> outlets,
                        ObservableList<RiderRow> riders, ObservableList<BatchRow> batches,
                        Function<UUID, BatchRow> batchById, ObservableList<BatchRow> selectedBatches,
                        ReadOnlyObjectProperty<RiderRow> selectedRider, AlertsViewModel alerts) {
        this.queries = queries;
        this.tasks = tasks;
        this.outlets = outlets;
        this.riders = riders;
        this.batches = batches;
        this.batchById = batchById;
        this.selectedBatches = selectedBatches;
        this.selectedRider = selectedRider;
        this.alerts = alerts;
        selectedBatches.addListener((ListChangeListener<BatchRow>) c -> loadRoute());
        batches.addListener((ListChangeListener<BatchRow>) this::batchesChanged);
        riders.addListener((ListChangeListener<RiderRow>) this::ridersChanged);
        alerts.alerts().addListener((ListChangeListener<Alert>) c -> lateChanged());
        loadRoute();
    }

    // ---- riders ---------------------------------------------------------------------------------------------

    /** Off duty and on break as the rider set it; an available rider carrying an active batch is busy. */
    public static RiderState state(RiderRow rider) {
        return switch (rider.availability()) {
            case OFF_DUTY -> RiderState.OFF_DUTY;
            case ON_BREAK -> RiderState.ON_BREAK;
            case AVAILABLE -> rider.load().activeBatches() > 0 ? RiderState.BUSY : RiderState.AVAILABLE;
        };
    }

    /**
     * Whether the rider's last position is stale at {@code now}: older than the operator's "position stale"
     * threshold (the alerts' rule, {@link SlaRule#staleAt}). False without a position (such a rider is not drawn).
     */
    public boolean stale(RiderRow rider, Instant now) {
        return rider.position() != null && now != null
                && SlaRule.isLate(SlaRule.staleAt(rider.position(), alerts.thresholdsProperty().get()), now);
    }

    /** The server's time as of the console's last tick. */
    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return alerts.nowProperty();
    }

    /** Changes whenever the stale threshold changes: every marker is judged again. */
    public javafx.beans.Observable thresholds() {
        return alerts.thresholdsProperty();
    }

    // ---- late batches ---------------------------------------------------------------------------------------

    /** Which batches are late now, by the alerts (so by the same rule and clock), placed with rider or outlet. */
    public LateMarks lateMarks() {
        Map<UUID, Integer> byRider = new HashMap<>();
        Map<UUID, Integer> byOutlet = new HashMap<>();
        java.util.Set<UUID> late = new java.util.HashSet<>();
        for (Alert alert : alerts.alerts()) {
            if (alert.isRider()) {
                continue;
            }
            BatchRow batch = batchById.apply(alert.subjectId());
            if (batch == null) {
                continue;
            }
            late.add(batch.id());
            if (batch.riderId() != null) {
                byRider.merge(batch.riderId(), 1, Integer::sum);
            } else if (batch.status() == BatchStatus.CREATED) {
                byOutlet.merge(batch.outletId(), 1, Integer::sum);
            }
        }
        return new LateMarks(byRider, byOutlet, late);
    }

    /** Counts changes of what {@link #lateMarks()} answers: the alerts, or the rider or outlet of a batch. */
    public ReadOnlyIntegerProperty lateChangesProperty() {
        return lateChanges.getReadOnlyProperty();
    }

    private void lateChanged() {
        lateChanges.set(lateChanges.get() + 1);
    }

    // ---- the selected batch's route -------------------------------------------------------------------------

    /** The route of the one selected batch; null while none (or several) is selected or while it loads. */
    public ReadOnlyObjectProperty<Route> routeProperty() {
        return route.getReadOnlyProperty();
    }

    /** Reads the selected batch's stops and its rider's trail again, off the UI thread. */
    public void loadRoute() {
        BatchRow batch = selectedBatches.size() == 1 ? selectedBatches.get(0) : null;
        if (batch == null) {
            tasks.forget(routeKey);
            route.set(null);
            return;
        }
        UUID riderId = batch.riderId();
        tasks.task(() -> new Route(batch, queries.stops(batch.id()),
                        riderId == null ? List.of() : queries.trail(riderId, TRAIL_POSITIONS)))
                .latestFor(routeKey)
                .onSuccess(route::set)
                .start();
    }

    private void batchesChanged(ListChangeListener.Change<? extends BatchRow> c) {
        Route shown = route.get();
        while (c.next()) {
            if (c.wasPermutated() || c.wasUpdated()) {
                continue;
            }
            if (c.getAddedSize() > 0 || c.getRemovedSize() > 0) {
                lateChanged();
            }
            if (shown != null) {
                for (BatchRow row : c.getAddedSubList()) {
                    // The route's batch changed rider (or anything else of its row): read its route again.
                    if (row.id().equals(shown.batch().id()) && row.version() != shown.batch().version()) {
                        selectedBatches.stream().filter(b -> b.id().equals(row.id())).findFirst()
                                .ifPresent(b -> loadRouteOf(row));
                        return;
                    }
                }
            }
        }
    }

    private void loadRouteOf(BatchRow row) {
        UUID riderId = row.riderId();
        tasks.task(() -> new Route(row, queries.stops(row.id()),
                        riderId == null ? List.of() : queries.trail(riderId, TRAIL_POSITIONS)))
                .latestFor(routeKey)
                .onSuccess(route::set)
                .start();
    }

    /** A new fix of the route's rider extends the trail in place: no read for a position the row already carries. */
    private void ridersChanged(ListChangeListener.Change<? extends RiderRow> c) {
        Route shown = route.get();
        if (shown == null || shown.riderId() == null) {
            return;
        }
        while (c.next()) {
            for (RiderRow row : c.getAddedSubList()) {
                if (row.id().equals(shown.riderId()) && row.position() != null) {
                    List<RiderPosition> trail = shown.trail();
                    RiderPosition last = trail.isEmpty() ? null : trail.get(trail.size() - 1);
                    if (last == null || row.position().fixAt().isAfter(last.fixAt())) {
                        List<RiderPosition> longer = new ArrayList<>(trail);
                        longer.add(row.position());
                        while (longer.size() > TRAIL_POSITIONS) {
                            longer.remove(0);
                        }
                        route.set(new Route(shown.batch(), shown.stops(), longer));
                        return;
                    }
                }
            }
        }
    }

    // ---- what the view binds to -----------------------------------------------------------------------------

    public ObservableList<OutletRow> outlets() {
        return outlets;
    }

    public ObservableList<RiderRow> riders() {
        return riders;
    }

    public ObservableList<BatchRow> batches() {
        return batches;
    }

    public ObservableList<BatchRow> selectedBatches() {
        return selectedBatches;
    }

    public ReadOnlyObjectProperty<RiderRow> selectedRiderProperty() {
        return selectedRider;
    }

    /** Whether {@code rider} is the selected one. */
    public boolean isSelected(RiderRow rider) {
        return selectedRider.get() != null && Objects.equals(selectedRider.get().id(), rider.id());
    }

    static boolean onDuty(RiderRow rider) {
        return rider.availability() != Availability.OFF_DUTY;
    }
}

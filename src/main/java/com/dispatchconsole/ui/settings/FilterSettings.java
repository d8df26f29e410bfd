package com.dispatchconsole.ui.settings;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.OutletRow;
import com.dispatchconsole.ui.console.BatchFilter;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.SetChangeListener;
import javafx.scene.Scene;
import org.controlsfx.control.CheckComboBox;

/**
 * The batch filter as the operator left it: the outlet (by id, chosen again once the outlets have loaded, and only
 * if it is still one of them), the statuses ticked and the search text.
 */
public final class FilterSettings {

    /** The outlet's id (null: all outlets), the statuses ticked (empty: all), the search text. */
    public record State(UUID outletId, Set<BatchStatus> statuses, String text) {

        public State {
            statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
            text = text == null ? "" : text;
        }
    }

    /** The filter bar's status list, found by its id. */
    static final String STATUS_FILTER = "#status-filter";

    private FilterSettings() {
    }

    /**
     * Gives the filter the saved state and saves every change from now on. Call with the console's root in
     * {@code scene}, before its outlets load.
     */
    public static void bind(Scene scene, BatchFilter filter, ObservableList<OutletRow> outlets, OperatorSettings settings) {
        settings.get(OperatorSettings.BATCH_FILTER).ifPresent(state -> {
            filter.textProperty().set(state.text());
            if (Nodes.byId(scene.getRoot(), STATUS_FILTER) instanceof CheckComboBox<?> box) {
                // Ticked in the filter bar, which tells the filter (the bar is where statuses are chosen).
                @SuppressWarnings("unchecked")
                CheckComboBox<BatchStatus> statuses = (CheckComboBox<BatchStatus>) box;
                statuses.getCheckModel().clearChecks();
                state.statuses().forEach(statuses.getCheckModel()::check);
            } else {
                filter.statuses().addAll(state.statuses());
            }
            if (state.outletId() != null) {
                chooseWhenLoaded(filter, outlets, state.outletId());
            }
        });
        Runnable save = () -> settings.put(OperatorSettings.BATCH_FILTER, new State(
                filter.outletProperty().get() == null ? null : filter.outletProperty().get().id(),
                filter.statuses(), filter.textProperty().get()));
        filter.textProperty().addListener((o, a, b) -> save.run());
        filter.statuses().addListener((SetChangeListener<BatchStatus>) c -> save.run());
        filter.outletProperty().addListener((o, was, now) -> save.run());
    }

    /** Chooses the outlet once it is among the loaded ones; the first load decides, later ones do not. */
    private static void chooseWhenLoaded(BatchFilter filter, ObservableList<OutletRow> outlets, UUID outletId) {
        ListChangeListener<OutletRow> choose = new ListChangeListener<>() {
            @Override
            public void onChanged(Change<? extends OutletRow> change) {
                if (outlets.isEmpty()) {
                    return;
                }
                outlets.removeListener(this);
                List<OutletRow> match = outlets.stream().filter(o -> o.id().equals(outletId)).toList();
                if (!match.isEmpty() && filter.outletProperty().get() == null) {
                    filter.outletProperty().set(match.get(0));
                }
            }
        };
        outlets.addListener(choose);
    }
}

package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.OutletRow;
import com.dispatchconsole.domain.rows.RiderRanking;
import com.dispatchconsole.domain.rows.RiderRow;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * Finding a rider among thousands: the riders the {@link RiderFilter} and the filter bar's outlet let through, in a
 * column's order or in best-fit order, and the bar above the riders table that edits it.
 *
 * <p>Best-fit order is a snapshot: riders are ranked when it is turned on, when the selected batches change (other
 * batches, not the same ones re-read) and when the outlet filter changes. A live update to a rider does not move
 * its row, so the row under the dispatcher's mouse stays put while they aim for it; turning best fit off and on
 * ranks again now. Riders that arrive after the ranking go last.
 */
final class RiderFinder {

    private final ConsoleViewModel model;
    private final RiderFilter filter;
    private final FilteredList<RiderRow> filtered;
    private final SortedList<RiderRow> sorted;
    private final ObjectProperty<Map<UUID, Integer>> places = new SimpleObjectProperty<>(Map.of());
    private final Label count = new Label();
    private Set<UUID> rankedFor = Set.of();

    RiderFinder(ConsoleViewModel model) {
        this.model = model;
        this.filter = model.rows().riderFilter();
        filtered = new FilteredList<>(model.rows().riders());
        sorted = new SortedList<>(filtered);
        filter.textProperty().addListener((o, a, b) -> refilter());
        filter.fitsSelectedProperty().addListener((o, a, b) -> refilter());
        model.rows().filter().outletProperty().addListener((o, a, b) -> {
            refilter();
            rerank();
        });
        filter.bestFitProperty().addListener((o, was, on) -> {
            if (on) {
                rerank();
            }
        });
        model.selection().selectedBatches().addListener((ListChangeListener<BatchRow>) c -> selectionChanged());
        filtered.addListener((ListChangeListener<RiderRow>) c -> updateCount());
        model.rows().riders().addListener((ListChangeListener<RiderRow>) c -> {
            updateCount();
            if (filter.bestFitProperty().get() && wholeListArrived(c)) {
                rerank();
            }
        });
        refilter();
    }

    /** The rows the riders table shows. */
    SortedList<RiderRow> items() {
        return sorted;
    }

    /**
     * Orders {@code table}'s rows by its columns, or by best fit while that is on; sorting by a column turns best
     * fit off, and turning it on clears the column sort.
     */
    void attach(TableView<RiderRow> table) {
        // The rows' order is this class's to decide (a column's comparator or the ranking), so the table's own
        // sort only has to accept it.
        table.setSortPolicy(t -> true);
        sorted.comparatorProperty().bind(Bindings.createObjectBinding(
                () -> filter.bestFitProperty().get() ? bestFitOrder(places.get()) : table.getComparator(),
                filter.bestFitProperty(), places, table.comparatorProperty()));
        table.getSortOrder().addListener((ListChangeListener<TableColumn<RiderRow, ?>>) c -> {
            if (!table.getSortOrder().isEmpty()) {
                filter.bestFitProperty().set(false);
            }
        });
        filter.bestFitProperty().addListener((o, was, on) -> {
            if (on) {
                table.getSortOrder().clear();
            }
        });
        if (filter.bestFitProperty().get()) {
            table.getSortOrder().clear();
        }
        Label none = new Label();
        none.textProperty().bind(Bindings.when(Bindings.isEmpty(model.rows().riders()))
                .then("No riders yet.").otherwise("No rider matches the search and filters."));
        table.setPlaceholder(none);
    }

    /** A full load or a database switch replaced every rider: the old ranking says nothing about them. */
    private static boolean wholeListArrived(ListChangeListener.Change<? extends RiderRow> c) {
        while (c.next()) {
            if (c.getFrom() == 0 && c.getAddedSize() == c.getList().size() && c.getAddedSize() > 0) {
                return true;
            }
        }
        return false;
    }

    private static Comparator<RiderRow> bestFitOrder(Map<UUID, Integer> places) {
        return Comparator.comparingInt((RiderRow r) -> places.getOrDefault(r.id(), Integer.MAX_VALUE))
                .thenComparing(RiderRow::name, String.CASE_INSENSITIVE_ORDER);
    }

    /** The search field, the two toggles and how many riders show, for above the riders table. */
    HBox bar() {
        TextField search = new TextField();
        search.setId("rider-search");
        search.setPromptText("Find a rider: name or phone");
        search.textProperty().bindBidirectional(filter.textProperty());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && !search.getText().isEmpty()) {
                search.clear();
                e.consume();
            }
        });
        HBox.setHgrow(search, Priority.ALWAYS);
        search.setMaxWidth(280);
        CheckBox fits = new CheckBox("Fits the selected batches");
        fits.setId("rider-fits-filter");
        fits.selectedProperty().bindBidirectional(filter.fitsSelectedProperty());
        fits.setTooltip(new Tooltip("Only riders the selected batches could go to now (available, within their "
                + "limits); with no batch selected, riders who could take one more."));
        ToggleButton bestFit = new ToggleButton("Best fit");
        bestFit.setId("rider-best-fit");
        bestFit.selectedProperty().bindBidirectional(filter.bestFitProperty());
        bestFit.setTooltip(new Tooltip("Riders who fit the selected batches first, then the most room left, then the "
                + "nearest to the batches' outlet. Ranked when turned on and when the selection changes; turn it off "
                + "and on to rank again."));
        count.setId("rider-count");
        count.getStyleClass().add("muted");
        HBox bar = new HBox(8, search, fits, bestFit, count);
        bar.setAlignment(Pos.CENTER_LEFT);
        updateCount();
        return bar;
    }

    private void selectionChanged() {
        if (filter.fitsSelectedProperty().get()) {
            refilter();
        }
        Set<UUID> ids = new HashSet<>();
        model.selection().selectedBatches().forEach(b -> ids.add(b.id()));
        // The batch table puts the same selection back after every live update: that is no reason to move rows.
        if (!ids.equals(rankedFor)) {
            rerank();
        }
    }

    private List<BatchRow> selectedBatches() {
        // As the screen shows them now: the selection may hold an older copy of a row.
        return model.selection().selectedBatches().stream()
                .map(b -> Objects.requireNonNullElse(model.rows().batch(b.id()), b)).toList();
    }

    private void refilter() {
        filtered.setPredicate(filter.predicate(model.rows().filter().outletProperty().get(), selectedBatches()));
        updateCount();
    }

    private void rerank() {
        List<BatchRow> batches = selectedBatches();
        Set<UUID> ids = new HashSet<>();
        batches.forEach(b -> ids.add(b.id()));
        rankedFor = ids;
        if (!filter.bestFitProperty().get()) {
            return;
        }
        places.set(RiderRanking.places(model.rows().riders(), RiderRanking.batches(batches), from(batches)));
    }

    /** Where the batches leave from: their outlet when they share one, else the outlet filter's; null if unknown. */
    private RiderRanking.Place from(List<BatchRow> batches) {
        Set<UUID> outletIds = new HashSet<>();
        batches.forEach(b -> outletIds.add(b.outletId()));
        OutletRow chosen = model.rows().filter().outletProperty().get();
        UUID outletId = outletIds.size() == 1 ? outletIds.iterator().next()
                : outletIds.isEmpty() && chosen != null ? chosen.id() : null;
        if (outletId == null) {
            return null;
        }
        return model.rows().outlets().stream()
                .filter(o -> o.id().equals(outletId) && o.hasPosition())
                .findFirst().map(o -> new RiderRanking.Place(o.lat(), o.lon())).orElse(null);
    }

    private void updateCount() {
        int all = model.rows().riders().size();
        count.setText(filtered.size() == all ? all + " riders" : filtered.size() + " of " + all + " riders");
    }
}

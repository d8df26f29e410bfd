package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.OutletRow;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;

/**
 * The batch filter bar's state: an outlet (or all), a set of statuses (empty = all), and free text. It starts on the
 * unassigned queue ({@link BatchView#UNASSIGNED_QUEUE}: Created only); {@link #show(BatchView)} switches views, and
 * {@link #viewProperty()} says which view the ticked statuses make (null: a set of the dispatcher's own).
 */
public final class BatchFilter {

    /** How many statuses the status filter names before it counts them instead. */
    private static final int NAMED = 2;

    private final ObjectProperty<OutletRow> outlet = new SimpleObjectProperty<>();
    private final ObservableSet<BatchStatus> statuses =
            FXCollections.observableSet(EnumSet.copyOf(BatchView.UNASSIGNED_QUEUE.statuses()));
    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<BatchView> view = new ReadOnlyObjectWrapper<>(BatchView.UNASSIGNED_QUEUE);
    private final ReadOnlyIntegerWrapper switches = new ReadOnlyIntegerWrapper();
    private boolean switching;

    public BatchFilter() {
        statuses.addListener((SetChangeListener<BatchStatus>) c -> view.set(BatchView.showing(statuses)));
    }

    /**
     * Ticks exactly the statuses of {@code shown}, as one switch: the rows are filtered once, when {@link
     * #switchesProperty()} counts it, not once per status ticked on the way (at 50,000 rows each costs a re-sort).
     */
    public void show(BatchView shown) {
        Set<BatchStatus> wanted = shown.statuses();
        switching = true;
        try {
            statuses.retainAll(wanted);
            statuses.addAll(wanted);
        } finally {
            switching = false;
        }
        switches.set(switches.get() + 1);
    }

    /** True while {@link #show(BatchView)} ticks its statuses one by one: wait for the switch to filter. */
    public boolean switching() {
        return switching;
    }

    /** Counts finished switches of view; filter the rows again on each. */
    public ReadOnlyIntegerProperty switchesProperty() {
        return switches.getReadOnlyProperty();
    }

    /** The view the ticked statuses make, or null when they are a set of the dispatcher's own. */
    public ReadOnlyObjectProperty<BatchView> viewProperty() {
        return view.getReadOnlyProperty();
    }

    /**
     * What the status filter reads: "All statuses" (none or every one ticked), the names of one or two ("Created",
     * "Created, Assigned", in the map's order), else how many ("3 statuses").
     */
    public String statusesTitle() {
        if (statuses.isEmpty() || statuses.size() == BatchStatus.values().length) {
            return "All statuses";
        }
        if (statuses.size() > NAMED) {
            return statuses.size() + " statuses";
        }
        return EnumSet.copyOf(statuses).stream().map(BatchStatus::label).collect(Collectors.joining(", "));
    }

    /** A predicate for the current state; cheap enough to evaluate over 50,000 rows on each change. */
    public Predicate<BatchRow> predicate() {
        OutletRow chosenOutlet = outlet.get();
        Set<BatchStatus> chosen = statuses.isEmpty() ? EnumSet.allOf(BatchStatus.class) : EnumSet.copyOf(statuses);
        String needle = text.get() == null ? "" : text.get().strip().toLowerCase(Locale.ROOT);
        return row -> (chosenOutlet == null || chosenOutlet.id().equals(row.outletId()))
                && chosen.contains(row.status())
                && (needle.isEmpty() || matches(row, needle));
    }

    private static boolean matches(BatchRow row, String needle) {
        return ShortId.of(row.id()).startsWith(needle) || row.id().toString().startsWith(needle)
                || contains(row.riderName(), needle) || contains(row.customers(), needle)
                || contains(row.outletName(), needle);
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
    }

    public ObjectProperty<OutletRow> outletProperty() {
        return outlet;
    }

    public ObservableSet<BatchStatus> statuses() {
        return statuses;
    }

    public StringProperty textProperty() {
        return text;
    }
}

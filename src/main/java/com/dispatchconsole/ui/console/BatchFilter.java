package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.OutletRow;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;

/** The batch filter bar's state: an outlet (or all), a set of statuses (empty = all), and free text. */
public final class BatchFilter {

    private final ObjectProperty<OutletRow> outlet = new SimpleObjectProperty<>();
    private final ObservableSet<BatchStatus> statuses = FXCollections.observableSet(EnumSet.noneOf(BatchStatus.class));
    private final StringProperty text = new SimpleStringProperty("");

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

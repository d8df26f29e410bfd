package com.dispatchconsole.ui.console;

import com.dispatchconsole.ui.common.Labels;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.BatchRow;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Counts per status over all batches, kept up to date from the list's changes alone: a one-row update costs
 * two map updates, not a pass over 50,000 rows (which took 40 ms per live burst when it did).
 */
final class StatusTally {

    private final Map<BatchStatus, Long> totals = new EnumMap<>(BatchStatus.class);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(describe(Map.of()));

    StatusTally(ObservableList<BatchRow> rows) {
        rows.addListener(this::changed);
    }

    private void changed(ListChangeListener.Change<? extends BatchRow> change) {
        while (change.next()) {
            if (change.wasPermutated()) {
                continue;
            }
            change.getRemoved().forEach(r -> totals.merge(r.status(), -1L, Long::sum));
            change.getAddedSubList().forEach(r -> totals.merge(r.status(), 1L, Long::sum));
        }
        text.set(describe(totals));
    }

    static String describe(Map<BatchStatus, Long> counts) {
        return Stream.of(BatchStatus.values()).map(s -> Labels.of(s) + " " + counts.getOrDefault(s, 0L))
                .collect(Collectors.joining("   "));
    }

    ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }
}

package com.dispatchconsole.ui.alerts;

import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.ui.common.TickingCell;
import java.time.Instant;
import java.util.Comparator;
import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** Late batches in the batches table: the row's ":late" colour and the sortable "Late by" column. */
public final class LateRows {

    /** A batch row past its deadline (console.css and console-light.css colour it). */
    public static final PseudoClass LATE = PseudoClass.getPseudoClass("late");

    private LateRows() {
    }

    /**
     * Keeps {@code row}'s ":late" state true as its item changes, the clock ticks and the thresholds change. The
     * row listens weakly and holds its listener itself, so a row the table drops is not kept alive by the clock.
     */
    public static void track(TableRow<BatchRow> row, AlertsViewModel alerts) {
        Runnable update = () -> row.pseudoClassStateChanged(LATE,
                row.getItem() != null && !row.isEmpty() && alerts.isLate(row.getItem(), alerts.nowProperty().get()));
        ChangeListener<Instant> tick = (o, was, now) -> update.run();
        InvalidationListener thresholds = o -> update.run();
        row.getProperties().put(LateRows.class, new Object[] {tick, thresholds});
        alerts.nowProperty().addListener(new WeakChangeListener<>(tick));
        alerts.thresholdsProperty().addListener(new WeakInvalidationListener(thresholds));
        row.itemProperty().addListener((o, was, item) -> update.run());
        row.emptyProperty().addListener((o, was, empty) -> update.run());
    }

    /**
     * "Late by": how long past its deadline a batch is ("12m"), empty while it is not late. Sorting it sorts by the
     * deadline (ascending: least late first), which does not move with the clock, so rows never move on a tick; new
     * thresholds sort the table again.
     */
    public static TableColumn<BatchRow, BatchRow> column(TableView<BatchRow> table, AlertsViewModel alerts) {
        TableColumn<BatchRow, BatchRow> column = new TableColumn<>("Late by");
        column.setId("late-by-column");
        column.setPrefWidth(80);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        column.setCellFactory(c -> new TickingCell<>(alerts.nowProperty()) {
            @Override
            protected void draw(BatchRow batch, boolean empty, Instant now) {
                setText(empty || batch == null || !alerts.isLate(batch, now) ? null
                        : Alert.words(java.time.Duration.between(alerts.dueAt(batch), now)));
            }
        });
        // Not due at all (finished) sorts as least late; among the rest, the later the deadline the less late.
        Comparator<Instant> lateness = Comparator.nullsFirst(Comparator.<Instant>reverseOrder());
        column.setComparator((a, b) -> lateness.compare(alerts.dueAt(a), alerts.dueAt(b)));
        column.getStyleClass().add("numeric");
        alerts.thresholdsProperty().addListener((o, was, now) -> {
            table.sort();
            table.refresh();
        });
        return column;
    }
}

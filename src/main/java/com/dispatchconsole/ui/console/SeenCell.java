package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.rows.RiderPosition;
import com.dispatchconsole.domain.rows.RiderRow;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

/** When a rider last reported a position, coloured by freshness: fresh, ageing (over 2 min), stale (over 10 min). */
final class SeenCell extends com.dispatchconsole.ui.common.TickingCell<RiderRow, RiderPosition> {

    static final Duration AGEING = Duration.ofMinutes(2);
    static final Duration STALE = Duration.ofMinutes(10);

    private SeenCell(javafx.beans.value.ObservableValue<Instant> now) {
        super(now);
    }

    /** @param now the console's clock: the cells redraw on its ticks */
    static TableColumn<RiderRow, RiderPosition> column(javafx.beans.value.ObservableValue<Instant> now) {
        TableColumn<RiderRow, RiderPosition> column = new TableColumn<>("Seen");
        column.setPrefWidth(52);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().position()));
        column.setCellFactory(c -> new SeenCell(now));
        column.setComparator((a, b) -> a == null ? (b == null ? 0 : -1) : b == null ? 1 : a.fixAt().compareTo(b.fixAt()));
        return column;
    }

    /** The position the tooltip describes: a tick redraws the text, and the tooltip only when the fix changed. */
    private RiderPosition described;

    @Override
    protected void draw(RiderPosition position, boolean empty, Instant now) {
        getStyleClass().removeAll("seen-fresh", "seen-ageing", "seen-stale");
        if (empty || position == null) {
            setText(empty ? null : "never");
            setTooltip(null);
            described = null;
            return;
        }
        Duration age = position.age(now);
        setText(age.toSeconds() < 60 ? age.toSeconds() + "s" : Formats.since(position.fixAt(), now));
        getStyleClass().add(age.compareTo(STALE) > 0 ? "seen-stale" : age.compareTo(AGEING) > 0 ? "seen-ageing" : "seen-fresh");
        if (position.equals(described)) {
            return;
        }
        described = position;
        setTooltip(new Tooltip(String.format("%.5f, %.5f%s at %s", position.lat(), position.lon(),
                position.accuracyMetres() == null ? "" : " ±" + Math.round(position.accuracyMetres()) + " m",
                Formats.clock(position.fixAt()))));
    }
}

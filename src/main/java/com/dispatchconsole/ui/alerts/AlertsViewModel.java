package com.dispatchconsole.ui.alerts;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.sla.SlaRule;
import com.dispatchconsole.domain.sla.SlaThresholds;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.ui.common.ServerClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * What is late on this console, by the server's clock and the operator's thresholds: the alerts (oldest first), how
 * many, and the thresholds themselves (an operator setting: read and set {@link #thresholdsProperty()}). Alerts
 * follow the rows: a batch that moves on or a rider who reports drops out by itself. A tick moves only what fell due
 * since the last one (see {@link AlertIndex}); a changed row costs log n. Knows nothing of its view.
 */
public final class AlertsViewModel {

    /** Changes of more rows than this at once (a load, a resync) rebuild the index in one sort. */
    static final int BULK = 500;

    private final ObservableList<BatchRow> batches;
    private final ObservableList<RiderRow> riders;
    private final ServerClock clock;
    private final ObjectProperty<SlaThresholds> thresholds = new SimpleObjectProperty<>(SlaThresholds.DEFAULTS);
    private final AlertIndex index;
    private final ObservableList<Alert> alertsView;
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper badge = new ReadOnlyStringWrapper("No alerts");
    private SlaThresholds applied = SlaThresholds.DEFAULTS;

    public AlertsViewModel(ObservableList<BatchRow> batches, ObservableList<RiderRow> riders, ServerClock clock) {
        this.batches = batches;
        this.riders = riders;
        this.clock = clock;
        this.index = new AlertIndex(clock.nowProperty().get());
        this.alertsView = FXCollections.unmodifiableObservableList(index.late());
        index.late().addListener((ListChangeListener<Alert>) c -> {
            count.set(index.late().size());
            badge.set(count.get() == 0 ? "No alerts" : "⚠ " + count.get() + (count.get() == 1 ? " alert" : " alerts"));
        });
        thresholds.addListener((o, was, now) -> {
            if (now == null) {
                // Null is no setting: the thresholds in force stay.
                thresholds.set(applied);
                return;
            }
            applied = now;
            rebuild();
        });
        batches.addListener((ListChangeListener<BatchRow>) c -> changed(c, BatchRow::id, this::alertOf));
        riders.addListener((ListChangeListener<RiderRow>) c -> changed(c, RiderRow::id, this::alertOf));
        clock.nowProperty().addListener((o, was, now) -> {
            if (!index.advance(now)) {
                rebuild();
            }
        });
        rebuild();
    }

    private <T> void changed(ListChangeListener.Change<? extends T> c, Function<T, java.util.UUID> idOf,
                             Function<T, Alert> alertOf) {
        int size = 0;
        while (c.next()) {
            if (!c.wasPermutated() && !c.wasUpdated()) {
                size += c.getRemovedSize() + c.getAddedSize();
            }
        }
        if (size > BULK) {
            rebuild();
            return;
        }
        // Removals first: a row replaced in place is removed and added in one change.
        List<T> added = new ArrayList<>();
        c.reset();
        while (c.next()) {
            if (!c.wasPermutated() && !c.wasUpdated()) {
                c.getRemoved().forEach(row -> index.put(idOf.apply(row), null));
                added.addAll(c.getAddedSubList());
            }
        }
        added.forEach(row -> index.put(idOf.apply(row), alertOf.apply(row)));
    }

    /** Every row again: after a bulk change, new thresholds, or the clock going back. */
    private void rebuild() {
        List<Alert> all = new ArrayList<>();
        for (BatchRow row : batches) {
            Optional.ofNullable(alertOf(row)).ifPresent(all::add);
        }
        for (RiderRow row : riders) {
            Optional.ofNullable(alertOf(row)).ifPresent(all::add);
        }
        index.rebuild(all, clock.nowProperty().get());
    }

    private Alert alertOf(BatchRow row) {
        Instant due = SlaRule.dueAt(row, applied);
        return due == null ? null : new Alert(SlaRule.kind(row.status()), row.id(),
                "Batch " + ShortId.of(row.id()) + " · " + row.outletName(), due);
    }

    private Alert alertOf(RiderRow row) {
        Instant due = SlaRule.dueAt(row, applied);
        return due == null ? null : new Alert(SlaRule.Kind.POSITION_STALE, row.id(), row.name(), due);
    }

    // ---- thresholds -----------------------------------------------------------------------------------------

    /**
     * The operator's thresholds, read and set (settings keep them per operator). Setting them re-judges every row
     * at once; null is ignored.
     */
    public ObjectProperty<SlaThresholds> thresholdsProperty() {
        return thresholds;
    }

    /**
     * The thresholds as the dialog has them typed, in whole minutes, in the order of {@link SlaThresholds}'s
     * fields: applied when every one is valid; otherwise the one line that says what is wrong, and nothing changed.
     */
    public Optional<String> setThresholds(String unassigned, String notPickedUp, String notOut,
                                          String outForDelivery, String positionStale) {
        try {
            thresholds.set(new SlaThresholds(minutes(unassigned, "Unassigned"),
                    minutes(notPickedUp, "Assigned, not picked up"), minutes(notOut, "Picked up, not out"),
                    minutes(outForDelivery, "Out for delivery"), minutes(positionStale, "Position stale")));
            return Optional.empty();
        } catch (DispatchException refused) {
            return Optional.of(refused.code() + ": " + refused.sentence());
        }
    }

    /** A threshold's whole minutes as the dialog shows them. */
    public static String minutes(Duration threshold) {
        return Long.toString(threshold.toMinutes());
    }

    private static Duration minutes(String text, String name) {
        String given = text == null ? "" : text.strip();
        if (!given.matches("\\d{1,4}")) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "“" + name + "” is a whole number of minutes, "
                    + "1 to 1440 (got \"" + (given.length() > 12 ? given.substring(0, 12) + "…" : given)
                    + "\"); nothing was changed.");
        }
        return Duration.ofMinutes(Long.parseLong(given));
    }

    // ---- what the view binds to -----------------------------------------------------------------------------

    /** The late rows, oldest (most overdue) first. */
    public ObservableList<Alert> alerts() {
        return alertsView;
    }

    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /** "⚠ 3 alerts", "⚠ 1 alert" or "No alerts". */
    public ReadOnlyStringProperty badgeProperty() {
        return badge.getReadOnlyProperty();
    }

    /** The server's time as of the last tick. */
    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return clock.nowProperty();
    }

    /** When {@code batch} becomes late under the thresholds in force; null when it cannot. */
    public Instant dueAt(BatchRow batch) {
        return SlaRule.dueAt(batch, applied);
    }

    /** Whether {@code batch} is late at {@code now} under the thresholds in force. */
    public boolean isLate(BatchRow batch, Instant now) {
        return SlaRule.isLate(dueAt(batch), now);
    }

    /** How many rows can become late (late or not yet): for tests and the log. */
    int watched() {
        return index.watched();
    }
}

package com.dispatchconsole.ui.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Every row that can become late, indexed by when it does: those not yet due in a tree ordered by deadline, those
 * past it in a list ordered the same way (oldest first). A deadline does not move with the clock, so a tick only
 * moves the few rows that fell due since the last one from the tree's head to the list's end: the cost of a tick
 * is what changed, not how many rows there are. A row that changes is taken out and put back (log n); a bulk change
 * is rebuilt in one sort.
 */
final class AlertIndex {

    private final Map<UUID, Alert> byId = new HashMap<>();
    private final TreeSet<Alert> pending = new TreeSet<>(Alert.OLDEST_FIRST);
    private final ObservableList<Alert> late = FXCollections.observableArrayList();
    private Instant now;

    AlertIndex(Instant now) {
        this.now = now;
    }

    /** The late ones, oldest first. */
    ObservableList<Alert> late() {
        return late;
    }

    Instant now() {
        return now;
    }

    /** Replaces what is known of {@code id} with {@code alert}; null when it can no longer be late. */
    void put(UUID id, Alert alert) {
        Alert old = alert == null ? byId.remove(id) : byId.put(id, alert);
        if (old != null && old.equals(alert)) {
            return;
        }
        if (old != null && !pending.remove(old)) {
            int at = Collections.binarySearch(late, old, Alert.OLDEST_FIRST);
            if (at >= 0) {
                late.remove(at);
            }
        }
        if (alert != null) {
            if (alert.dueAt().isBefore(now)) {
                int at = Collections.binarySearch(late, alert, Alert.OLDEST_FIRST);
                late.add(at < 0 ? -at - 1 : at, alert);
            } else {
                pending.add(alert);
            }
        }
    }

    /** Makes the index exactly {@code alerts}, in one sort and one list change. */
    void rebuild(Collection<Alert> alerts, Instant at) {
        now = at;
        byId.clear();
        pending.clear();
        List<Alert> due = new ArrayList<>();
        for (Alert alert : alerts) {
            byId.put(alert.subjectId(), alert);
            if (alert.dueAt().isBefore(now)) {
                due.add(alert);
            } else {
                pending.add(alert);
            }
        }
        due.sort(Alert.OLDEST_FIRST);
        late.setAll(due);
    }

    /**
     * Moves the clock to {@code at}: the rows that fell due since the last tick join the end of the late list (all
     * of them are due after every row already there). False when the clock went back: the caller rebuilds.
     */
    boolean advance(Instant at) {
        if (at.isBefore(now)) {
            return false;
        }
        now = at;
        if (pending.isEmpty() || !pending.first().dueAt().isBefore(at)) {
            return true;
        }
        List<Alert> due = new ArrayList<>();
        while (!pending.isEmpty() && pending.first().dueAt().isBefore(at)) {
            due.add(pending.pollFirst());
        }
        late.addAll(due);
        return true;
    }

    /** How many rows are watched (late or not yet). */
    int watched() {
        return byId.size();
    }
}

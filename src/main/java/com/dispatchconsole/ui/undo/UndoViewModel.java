package com.dispatchconsole.ui.undo;

import com.dispatchconsole.domain.UndoableChange;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.service.UndoService;
import com.dispatchconsole.ui.common.BackgroundTasks;
import com.dispatchconsole.ui.common.Notice;
import com.dispatchconsole.ui.common.Notices;
import com.dispatchconsole.ui.common.ServerClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;

/**
 * Undo, model side: after a change made in this console that the state map can take back (assign, unassign,
 * reassign; see {@link UndoableChange}), its success notice offers Undo for {@link #OFFERED_FOR}, counting down on the
 * console's clock (its ticks, so a test moves time instead of waiting). Undo asks the undo use case, which takes the
 * change back only while the batches are exactly as it left them; a refusal is a notice like any other, and the
 * screen then shows the batches as they are. Ctrl+Z takes the newest offer still open. An undo itself offers no Undo.
 * Used on the UI thread.
 */
public final class UndoViewModel {

    /** How long a change can be taken back from its notice. */
    public static final Duration OFFERED_FOR = Duration.ofSeconds(10);

    static final String CANNOT_UNDO = "The database cannot be reached: nothing can be undone until it is back.";
    static final String NOTHING_TO_UNDO = "Nothing to undo: Undo is offered for 10 seconds after a change made here.";

    private final DispatchServices services;
    private final BackgroundTasks tasks;
    private final Notices notices;
    private final ServerClock clock;
    private final ObservableValue<Boolean> canChange;
    private final String operator;
    private final BiConsumer<List<BatchRow>, List<RiderRow>> show;
    /** Offers still open, oldest first. */
    private final List<Offer> open = new ArrayList<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();

    /**
     * @param tasks     the console's background calls (its busy count)
     * @param notices   the console's notices: where the offer is shown, and where an undo's answer goes
     * @param clock     the console's clock: offers count down on its ticks
     * @param canChange false while the database cannot be reached
     * @param show      puts rows the undo returned (or read afterwards) on screen
     */
    public UndoViewModel(DispatchServices services, BackgroundTasks tasks, Notices notices, ServerClock clock,
                         ObservableValue<Boolean> canChange, String operator,
                         BiConsumer<List<BatchRow>, List<RiderRow>> show) {
        this.services = services;
        this.tasks = tasks;
        this.notices = notices;
        this.clock = clock;
        this.canChange = canChange;
        this.operator = operator;
        this.show = show;
        clock.nowProperty().addListener((o, was, now) -> countDown(now));
    }

    /**
     * The notice for a change just made here: it offers Undo when every batch it changed can be taken back.
     *
     * @param before the batches as the screen showed them when the dispatcher acted
     * @param after  the batches as the change's own transactions read them back
     */
    public Notice notice(Notice.Level level, String text, Map<UUID, BatchRow> before, List<BatchRow> after) {
        List<UndoableChange> changes = new ArrayList<>();
        for (BatchRow row : after) {
            BatchRow was = before.get(row.id());
            if (was != null) {
                changes.add(UndoService.change(was, row));
            }
        }
        // Earlier offers for these batches are out of date now: this change moved them again.
        Set<UUID> moved = new LinkedHashSet<>(after.stream().map(BatchRow::id).toList());
        List.copyOf(open).stream().filter(offer -> offer.touches(moved)).forEach(this::close);
        boolean undoable = !after.isEmpty() && changes.size() == after.size()
                && changes.stream().allMatch(change -> change.reverse().isPresent());
        if (!undoable) {
            return new Notice(level, text);
        }
        Offer offer = new Offer(List.copyOf(changes), text, clock.instant().plus(OFFERED_FOR));
        open.add(offer);
        canUndo.set(true);
        return new Notice(level, text, offer);
    }

    /** Ctrl+Z: takes back the newest change still offered; says so when there is none. */
    public void undoLatest() {
        if (open.isEmpty()) {
            notices.notify(Notice.Level.INFO, NOTHING_TO_UNDO);
            return;
        }
        take(open.get(open.size() - 1));
    }

    /** True while some change made here can still be undone. */
    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    private void take(Offer offer) {
        if (!offer.isOpen()) {
            return;
        }
        if (!Boolean.TRUE.equals(canChange.getValue())) {
            notices.notify(Notice.Level.WARNING, CANNOT_UNDO);
            return;
        }
        close(offer);
        tasks.task(() -> services.undo().undo(offer.changes, operator))
                .onSuccess(undone -> {
                    show.accept(undone.batches(), undone.riders());
                    notices.notify(Notice.Level.SUCCESS, "Undone: " + lowerFirst(offer.text));
                })
                .onFailure(error -> {
                    notices.failed(error);
                    showAsTheyAre(offer);
                })
                .start();
    }

    /** After a refused undo, the screen shows the batches (and the riders involved) as the database has them. */
    private void showAsTheyAre(Offer offer) {
        Set<UUID> riders = new LinkedHashSet<>();
        for (UndoableChange change : offer.changes) {
            if (change.fromRiderId() != null) {
                riders.add(change.fromRiderId());
            }
            if (change.toRiderId() != null) {
                riders.add(change.toRiderId());
            }
        }
        List<UUID> batches = offer.changes.stream().map(UndoableChange::batchId).toList();
        tasks.task(() -> services.queries().changed(batches, riders))
                .onSuccess(rows -> show.accept(rows.batches(), rows.riders()))
                .start();
    }

    private void countDown(Instant now) {
        for (Offer offer : List.copyOf(open)) {
            long left = (long) Math.ceil(Duration.between(now, offer.until).toMillis() / 1000.0);
            if (left <= 0) {
                close(offer);
            } else {
                offer.secondsLeft(left);
            }
        }
    }

    private void close(Offer offer) {
        offer.open.set(false);
        open.remove(offer);
        canUndo.set(!open.isEmpty());
    }

    private static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    /** One change made here, offered for undo until {@code until} (by the console's clock). */
    private final class Offer implements Notice.Action {

        private final List<UndoableChange> changes;
        private final String text;
        private final Instant until;
        private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper(true);
        private final ReadOnlyStringWrapper label = new ReadOnlyStringWrapper();

        Offer(List<UndoableChange> changes, String text, Instant until) {
            this.changes = changes;
            this.text = text;
            this.until = until;
            secondsLeft(OFFERED_FOR.toSeconds());
        }

        void secondsLeft(long seconds) {
            label.set("Undo (" + seconds + " s)");
        }

        boolean isOpen() {
            return open.get();
        }

        boolean touches(Set<UUID> batchIds) {
            return changes.stream().anyMatch(change -> batchIds.contains(change.batchId()));
        }

        @Override
        public ObservableValue<String> label() {
            return label.getReadOnlyProperty();
        }

        @Override
        public ObservableValue<Boolean> open() {
            return open.getReadOnlyProperty();
        }

        @Override
        public void run() {
            take(this);
        }
    }
}

package com.dispatchconsole.ui.common;

import java.time.Instant;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.control.TableCell;

/**
 * A table cell whose text depends on the time: it draws itself when its item changes and again on every tick of
 * the clock it is given, and nothing else happens on a tick (no re-sort, no re-read). The cell listens weakly, so
 * cells the table drops are not kept alive by the clock; only the few cells that exist are redrawn.
 */
public abstract class TickingCell<S, T> extends TableCell<S, T> {

    private final ObservableValue<Instant> now;
    private final ChangeListener<Instant> onTick = (o, was, at) -> draw(getItem(), isEmpty(), at);

    protected TickingCell(ObservableValue<Instant> now) {
        this.now = now;
        now.addListener(new WeakChangeListener<>(onTick));
    }

    @Override
    protected final void updateItem(T item, boolean empty) {
        super.updateItem(item, empty);
        draw(item, empty, now.getValue());
    }

    /** Sets the cell's text and styles for {@code item} at {@code now}. */
    protected abstract void draw(T item, boolean empty, Instant now);
}

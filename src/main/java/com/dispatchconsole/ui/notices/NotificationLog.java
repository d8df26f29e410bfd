package com.dispatchconsole.ui.notices;

import com.dispatchconsole.ui.common.Notice;
import com.dispatchconsole.ui.common.Notices;
import java.time.Clock;
import java.time.Instant;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Every notice a window showed as a toast, kept with the time it came, so a dispatcher can read one that vanished:
 * the last {@link #CAPACITY}, oldest first, and how many arrived since the log was last read. Model side of
 * {@link NotificationLogView}; used on the UI thread.
 */
public final class NotificationLog {

    /** How many notices the log keeps; the oldest goes first. */
    public static final int CAPACITY = 200;

    /** One notice as the log keeps it. */
    public record Entry(Instant at, Notice.Level level, String text) {
    }

    private final Clock clock;
    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final ObservableList<Entry> entriesView = FXCollections.unmodifiableObservableList(entries);
    private final ReadOnlyIntegerWrapper unread = new ReadOnlyIntegerWrapper();

    /** Keeps every notice {@code notices} shows from now on. */
    public NotificationLog(Notices notices, Clock clock) {
        this.clock = clock;
        notices.all().addListener((ListChangeListener<Notice>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(this::add);
            }
        });
    }

    void add(Notice notice) {
        entries.add(new Entry(clock.instant(), notice.level(), notice.text()));
        if (entries.size() > CAPACITY) {
            entries.remove(0, entries.size() - CAPACITY);
        }
        unread.set(Math.min(unread.get() + 1, CAPACITY));
    }

    /** The dispatcher opened the log: nothing in it is unread any more. */
    public void markRead() {
        unread.set(0);
    }

    /** The notices kept, oldest first, at most {@link #CAPACITY}. */
    public ObservableList<Entry> entries() {
        return entriesView;
    }

    /** How many notices arrived since the log was last opened. */
    public ReadOnlyIntegerProperty unreadProperty() {
        return unread.getReadOnlyProperty();
    }
}

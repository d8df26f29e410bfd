package com.dispatchconsole.ui.common;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What a window tells the dispatcher, model side: successes and refusals as {@link Notice}s, which the window's
 * {@link NotificationArea} shows as toasts. Every view model reports through one of these, so a failure is worded,
 * logged and shown the same way everywhere: logged once ({@link Failures#log}: code and sentence, never what a
 * database quoted) and shown once, however many paths hand it in. Used on the UI thread.
 */
public final class Notices {

    /** How many notices are kept; older ones are dropped (their toasts are long gone). */
    public static final int HISTORY = 50;

    private final ObservableList<Notice> notices = FXCollections.observableArrayList();
    private final ObservableList<Notice> noticesView = FXCollections.unmodifiableObservableList(notices);
    private final Deque<DispatchException> reported = new ArrayDeque<>();
    private final Consumer<DispatchException> databaseUnavailable;

    /** A window without a banner: a database that cannot be reached is a notice like any other refusal. */
    public Notices() {
        this(null);
    }

    /**
     * @param databaseUnavailable what takes a DATABASE_UNAVAILABLE failure instead of a notice (the console's
     *                            banner, which stays up until the database is back); null for a notice
     */
    public Notices(Consumer<DispatchException> databaseUnavailable) {
        this.databaseUnavailable = databaseUnavailable;
    }

    public void notify(Notice.Level level, String text) {
        notify(new Notice(level, text));
    }

    /** A notice as it is, with what it offers (Undo), if anything. */
    public void notify(Notice notice) {
        notices.add(notice);
        if (notices.size() > HISTORY) {
            notices.remove(0);
        }
    }

    /** A call failed: logged, then its one line shown (or the banner raised for a database that is away). */
    public void failed(DispatchException error) {
        if (alreadyReported(error)) {
            return;
        }
        Failures.log(error);
        show(error);
    }

    /** Shows a failure that is already in the log ({@link UncaughtErrors} logs where it catches). */
    void show(DispatchException error) {
        if (error.code() == ErrorCode.DATABASE_UNAVAILABLE && databaseUnavailable != null) {
            databaseUnavailable.accept(error);
        } else {
            notify(Notice.Level.ERROR, Failures.shown(error));
        }
    }

    /** Every notice so far, oldest first, at most {@link #HISTORY}. */
    public ObservableList<Notice> all() {
        return noticesView;
    }

    /** The same refusal handed in twice (a status line and a report, say) is one notice and one log entry. */
    private boolean alreadyReported(DispatchException error) {
        for (DispatchException seen : reported) {
            if (seen == error) {
                return true;
            }
        }
        reported.addLast(error);
        if (reported.size() > HISTORY) {
            reported.removeFirst();
        }
        return false;
    }
}

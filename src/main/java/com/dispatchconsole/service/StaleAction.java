package com.dispatchconsole.service;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.rows.HistoryEntry;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The refusal of an action made on a screen that no longer shows the truth: who changed what, and when. */
final class StaleAction {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private StaleAction() {
    }

    /** @param history the row's audit timeline, oldest first, as the database recorded it */
    static DispatchException refusal(String what, List<HistoryEntry> history) {
        if (history.isEmpty()) {
            return new DispatchException(ErrorCode.ALREADY_CHANGED,
                    what + " changed since your screen showed it; nothing was changed. Look again and retry.");
        }
        return new DispatchException(ErrorCode.ALREADY_CHANGED, what + " changed since your screen showed it: "
                + lastChange(history) + "; nothing was changed. Look again and retry.");
    }

    /**
     * The refusal of an Undo whose batch changed after the change it would take back: "Batch 1a2b3c4d changed after
     * your change: yusuf (postgres) — Assigned → Picked up at 08:12:05; it was not undone, nothing was changed."
     */
    static DispatchException undoRefusal(String what, List<HistoryEntry> history) {
        return new DispatchException(ErrorCode.ALREADY_CHANGED, what + " changed after your change"
                + (history.isEmpty() ? "" : ": " + lastChange(history)) + "; it was not undone, nothing was changed.");
    }

    /** "yusuf (postgres) — Assigned → Picked up at 08:12:05": who made the newest change, what it was, when. */
    private static String lastChange(List<HistoryEntry> history) {
        HistoryEntry last = history.get(history.size() - 1);
        String who = last.actor() == null || last.actor().equals(last.databaseUser()) ? last.databaseUser()
                : last.actor() + " (" + last.databaseUser() + ")";
        return who + " — " + last.describe() + " at " + clock(last.at());
    }

    /** A time of day as every refusal writes it (this machine's zone, to the second). */
    static String clock(java.time.Instant at) {
        return CLOCK.format(at);
    }
}

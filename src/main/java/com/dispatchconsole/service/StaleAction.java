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
        HistoryEntry last = history.get(history.size() - 1);
        String who = last.actor() == null || last.actor().equals(last.databaseUser()) ? last.databaseUser()
                : last.actor() + " (" + last.databaseUser() + ")";
        return new DispatchException(ErrorCode.ALREADY_CHANGED, what + " changed since your screen showed it: "
                + who + " — " + last.describe() + " at " + CLOCK.format(last.at())
                + "; nothing was changed. Look again and retry.");
    }
}

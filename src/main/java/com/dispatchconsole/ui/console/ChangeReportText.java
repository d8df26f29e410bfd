package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.HistoryEntry;
import com.dispatchconsole.service.ChangeReport;

/** How the console words a {@link ChangeReport}: what the dispatcher reads after a change to some batches. */
final class ChangeReportText {

    private ChangeReportText() {
    }

    /** "Batch 3ed134bd picked up." or "3 batches given to Ana Silva.", or null when nothing moved. */
    static String success(ChangeReport report, String verb) {
        if (report.changed().isEmpty()) {
            return null;
        }
        return report.changed().size() == 1 ? "Batch " + ShortId.of(report.changed().get(0).id()) + " " + verb + "."
                : report.changed().size() + " batches " + verb + ".";
    }

    /**
     * The refusal's sentence and, for a race lost to another console, who got there first, what they did and when
     * (an ALREADY_CHANGED sentence says that itself).
     */
    static String refusal(ChangeReport.Refusal refusal) {
        HistoryEntry last = refusal.meanwhile();
        if (last == null || refusal.error().code() == ErrorCode.ALREADY_CHANGED) {
            return refusal.error().sentence();
        }
        return refusal.error().sentence() + " " + last.actor() + " got there first: " + last.describe() + " at "
                + Formats.clock(last.at()) + ".";
    }

    /** For the status line. */
    static String summary(ChangeReport report) {
        int refused = report.refused().size();
        return refused == 0 ? "Done." : refused + " of " + (refused + report.changed().size())
                + " refused; see the notifications.";
    }
}

package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.HistoryEntry;
import com.dispatchconsole.domain.rows.HistoryEntry.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A batch's audit rows as the detail pane lists them: one line per move a person made. The database writes a status
 * row and a rider row for one assign (and a writer that reassigns through Created writes four); rows of one
 * transaction (same time, same operator) that together hand the batch over become the one line that says so —
 * "Assigned to Ben", "Unassigned from Ana", "Reassigned from Ana to Ben" — with the move's reason. The stored
 * history is untouched: this only words it.
 */
final class HistoryLines {

    private HistoryLines() {
    }

    static List<HistoryEntry> of(List<HistoryEntry> rows) {
        List<HistoryEntry> lines = new ArrayList<>(rows.size());
        int i = 0;
        while (i < rows.size()) {
            int end = i + 1;
            while (end < rows.size() && sameMove(rows.get(i), rows.get(end))) {
                end++;
            }
            lines.addAll(fold(rows.subList(i, end)));
            i = end;
        }
        return lines;
    }

    private static boolean sameMove(HistoryEntry a, HistoryEntry b) {
        return handOver(a) && handOver(b) && a.at().equals(b.at()) && Objects.equals(a.actor(), b.actor());
    }

    /** Rows a hand-over writes: a rider change, or a status move between Created and Assigned. */
    private static boolean handOver(HistoryEntry e) {
        return e.kind() == Kind.ASSIGNMENT || (e.kind() == Kind.STATUS && e.fromStatus() != null
                && BatchStatus.OPEN.contains(e.fromStatus()) && BatchStatus.OPEN.contains(e.toStatus()));
    }

    /** The rows of one transaction's hand-over as one line: the first rider before it, the last one after it. */
    private static List<HistoryEntry> fold(List<HistoryEntry> move) {
        List<HistoryEntry> riders = move.stream().filter(e -> e.kind() == Kind.ASSIGNMENT).toList();
        if (riders.isEmpty() || move.size() == 1) {
            return move;
        }
        HistoryEntry first = riders.get(0);
        HistoryEntry last = riders.get(riders.size() - 1);
        String reason = move.stream().map(HistoryEntry::reason).filter(Objects::nonNull).findFirst().orElse(null);
        String from = first.fromRider();
        String to = last.toRider();
        if (Objects.equals(from, to) && from != null) {
            // Taken away and given back in one go: nothing changed hands, but the rows stay visible.
            return move;
        }
        return List.of(new HistoryEntry(Kind.ASSIGNMENT, first.at(), first.actor(), reason, null, null, from, to,
                first.databaseUser(), null));
    }
}

package com.dispatchconsole.domain.rows;

import com.dispatchconsole.domain.BatchStatus;
import java.time.Instant;

/**
 * One line of a batch's audit timeline: a status move or a rider change, with who did it, when and why.
 * Status fields are null for rider changes and rider fields for status moves.
 */
public record HistoryEntry(Kind kind, Instant at, String actor, String reason, BatchStatus fromStatus,
                           BatchStatus toStatus, String fromRider, String toRider) {

    public enum Kind { STATUS, ASSIGNMENT }

    /** A one-line description such as "ASSIGNED → PICKED", "Assigned to Ben" or "Reassigned Ana → Ben". */
    public String describe() {
        if (kind == Kind.STATUS) {
            return fromStatus == null ? "Created as " + toStatus : fromStatus + " → " + toStatus;
        }
        if (fromRider == null) {
            return "Assigned to " + toRider;
        }
        return toRider == null ? "Taken from " + fromRider : "Reassigned " + fromRider + " → " + toRider;
    }
}

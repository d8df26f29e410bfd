package com.dispatchconsole.domain.rows;

import com.dispatchconsole.domain.BatchStatus;
import java.time.Instant;

/**
 * One line of a batch's audit timeline: a status move, a rider change or a PoD review, with who did it, when and
 * why. {@code actor} is the operator name the console sent; {@code databaseUser} is the database login that
 * really made the change, written by the database itself.
 */
public record HistoryEntry(Kind kind, Instant at, String actor, String reason, BatchStatus fromStatus,
                           BatchStatus toStatus, String fromRider, String toRider, String databaseUser,
                           String detail) {

    /**
     * ORDER: an order added or removed; OUTCOME: an outcome (and PoD version) recorded; RIDER: a rider's change;
     * REDISPATCH: a failed batch's orders sent out again (shown in both batches).
     */
    public enum Kind { STATUS, ASSIGNMENT, REVIEW, ORDER, OUTCOME, RIDER, REDISPATCH }

    /**
     * A one-line description in words such as "Assigned → Picked up", "Assigned to Ben", "Unassigned from Ana" or
     * "Reassigned from Ana to Ben" (statuses read as {@link BatchStatus#label()}).
     */
    public String describe() {
        if (kind == Kind.REVIEW) {
            return "Proof of delivery " + detail;
        }
        if (kind == Kind.ORDER || kind == Kind.OUTCOME || kind == Kind.RIDER || kind == Kind.REDISPATCH) {
            return detail;
        }
        if (kind == Kind.STATUS) {
            return fromStatus == null ? "Created" + (toStatus == BatchStatus.CREATED ? "" : " as " + label(toStatus))
                    : label(fromStatus) + " → " + label(toStatus);
        }
        if (fromRider == null) {
            return "Assigned to " + toRider;
        }
        return toRider == null ? "Unassigned from " + fromRider : "Reassigned from " + fromRider + " to " + toRider;
    }

    private static String label(BatchStatus status) {
        return status == null ? "—" : status.label();
    }
}

package com.dispatchconsole.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One batch as a change left it, with where it was before: what an Undo takes back. Whether a change can be taken
 * back at all, and how, is read off the state map ({@link BatchTransitions}) and the hand-over rule ({@link HandOver})
 * here, so the console (which offers Undo only for these) and the undo use case (which asks again under its locks)
 * agree, and there is no back door around the map:
 * <ul>
 *   <li>assign (Created → Assigned): the map has Assigned → Created, so it is undone by unassigning;</li>
 *   <li>unassign (Assigned → Created): Created → Assigned is on the map, so it is undone by assigning the batch back
 *       to the same rider, who must still be available and have room;</li>
 *   <li>reassign (Assigned to one rider → Assigned to another): undone by reassigning it back, same checks;</li>
 *   <li>any other move is undoable only where the map has the reverse move. Today it has none: Picked up,
 *       Out for delivery, Completed, Failed and Cancelled cannot go back, so those moves are never offered an
 *       Undo (and the service and the database would refuse one).</li>
 * </ul>
 *
 * @param version the batch's version right after the change: the undo applies only while it is still that version
 * @param at      when the change was made, by the database's clock (the row's {@code updated_at})
 */
public record UndoableChange(UUID batchId, BatchStatus fromStatus, UUID fromRiderId, BatchStatus toStatus,
                             UUID toRiderId, long version, Instant at) {

    /** How a change is taken back. */
    public enum Reverse {
        /** Back to the rider who had it, from the unassigned pool (the undo of an unassign). */
        ASSIGN_BACK,
        /** Back to the rider who had it, from the rider it went to (the undo of a reassign). */
        REASSIGN_BACK,
        /** The reverse move on the state map, no rider to give it to (the undo of an assign: back to Created). */
        MOVE_BACK
    }

    /** How the change from {@code from} to {@code to} is taken back; empty when it cannot be. */
    public static Optional<Reverse> reverse(BatchStatus fromStatus, UUID fromRiderId, BatchStatus toStatus,
                                            UUID toRiderId) {
        if (fromStatus == null || toStatus == null) {
            return Optional.empty();
        }
        if (fromStatus == toStatus) {
            boolean handedOver = HandOver.way(toStatus) == HandOver.Way.REASSIGN && fromRiderId != null
                    && toRiderId != null && !HandOver.isWith(toRiderId, fromRiderId);
            return handedOver ? Optional.of(Reverse.REASSIGN_BACK) : Optional.empty();
        }
        if (!BatchTransitions.isAllowed(toStatus, fromStatus)) {
            return Optional.empty();
        }
        if (fromStatus == BatchStatus.ASSIGNED) {
            // A batch becomes Assigned only by going to a rider: back to the one who had it, the assign way.
            return fromRiderId != null && HandOver.way(toStatus) == HandOver.Way.ASSIGN
                    ? Optional.of(Reverse.ASSIGN_BACK) : Optional.empty();
        }
        return Optional.of(Reverse.MOVE_BACK);
    }

    /** How this change is taken back; empty when it cannot be. */
    public Optional<Reverse> reverse() {
        return reverse(fromStatus, fromRiderId, toStatus, toRiderId);
    }

    /**
     * How this change is taken back, or ILLEGAL_TRANSITION with the state map's own sentence ("Batch 1a2b3c4d can't
     * go from Picked up to Assigned; ...").
     */
    public Reverse requireReverse() {
        return reverse().orElseThrow(() -> new DispatchException(ErrorCode.ILLEGAL_TRANSITION,
                fromStatus == toStatus ? "Batch " + ShortId.of(batchId) + " did not change; there is nothing to undo."
                        : BatchTransitions.refusal(batchId, toStatus, fromStatus)));
    }

    /** The change in a word or two, for the audit and the toasts: "assign", "unassign", "reassign", "Assigned → Picked up". */
    public String action() {
        if (fromStatus == toStatus) {
            return "reassign";
        }
        if (toStatus == BatchStatus.ASSIGNED) {
            return "assign";
        }
        if (fromStatus == BatchStatus.ASSIGNED && toStatus == BatchStatus.CREATED) {
            return "unassign";
        }
        return fromStatus.label() + " → " + toStatus.label();
    }
}

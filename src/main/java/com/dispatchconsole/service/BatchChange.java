package com.dispatchconsole.service;

import com.dispatchconsole.domain.BatchStatus;
import java.util.UUID;

/** What {@link BatchChanges} does to each batch of a selection. */
public sealed interface BatchChange {

    /**
     * Give the batches to a rider: a CREATED batch is assigned, an ASSIGNED one reassigned from its rider (which
     * needs the reason), as {@link com.dispatchconsole.domain.HandOver} says.
     */
    record GiveTo(UUID riderId) implements BatchChange {
    }

    /** Any other move on the state map: unassign (CREATED), PICKED, OUT_FOR_DELIVERY, COMPLETED, FAILED, CANCELLED. */
    record MoveTo(BatchStatus target) implements BatchChange {
    }

    static BatchChange giveTo(UUID riderId) {
        return new GiveTo(riderId);
    }

    static BatchChange moveTo(BatchStatus target) {
        return new MoveTo(target);
    }
}

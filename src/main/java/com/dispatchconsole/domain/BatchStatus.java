package com.dispatchconsole.domain;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** Lifecycle of a delivery batch. Which moves are legal lives in {@link BatchTransitions}. */
public enum BatchStatus {
    CREATED, ASSIGNED, PICKED, OUT_FOR_DELIVERY, COMPLETED, FAILED, CANCELLED;

    /**
     * Statuses in which a batch counts against its rider's load. The one home of this rule in Java: every SQL
     * statement that sums or lists a rider's batches is built from it (persistence {@code Statuses}). The
     * database's own copy is in its migrations; a test compares the two.
     */
    public static final Set<BatchStatus> ACTIVE =
            Collections.unmodifiableSet(EnumSet.of(ASSIGNED, PICKED, OUT_FOR_DELIVERY));

    /**
     * Statuses before pick-up: the batch may still go to a rider (or another one) and its orders may still change.
     * The one home of "not yet picked up": {@link HandOver} gives only these batches to riders, and the batch
     * service changes only these batches' orders.
     */
    public static final Set<BatchStatus> OPEN = Collections.unmodifiableSet(EnumSet.of(CREATED, ASSIGNED));

    public boolean isActive() {
        return ACTIVE.contains(this);
    }

    public boolean isOpen() {
        return OPEN.contains(this);
    }

    /** A final status: the state map allows no move out of it. */
    public boolean isTerminal() {
        return BatchTransitions.allowedFrom(this).isEmpty();
    }

    /** Outcomes (delivered or failed at the door) are recorded only while the batch is out for delivery. */
    public boolean takesOutcomes() {
        return this == OUT_FOR_DELIVERY;
    }
}

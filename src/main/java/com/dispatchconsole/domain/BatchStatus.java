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

    public boolean isActive() {
        return ACTIVE.contains(this);
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

}

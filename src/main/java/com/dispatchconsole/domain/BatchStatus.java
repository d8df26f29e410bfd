package com.dispatchconsole.domain;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of a delivery batch. Which moves are legal lives in {@link BatchTransitions}. How each status reads on
 * screen and in refusals ({@link #label()}) and how the move into it is asked for ({@link #step()}) live here: the
 * one home of the words, used by the domain's sentences and by the UI's {@code Labels} alike.
 */
public enum BatchStatus implements Labelled {
    CREATED("Created", "unassign it"),
    ASSIGNED("Assigned", "assign it"),
    PICKED("Picked up", "mark it picked up"),
    OUT_FOR_DELIVERY("Out for delivery", "send it out for delivery"),
    COMPLETED("Completed", "complete it"),
    FAILED("Failed", "fail it"),
    CANCELLED("Cancelled", "cancel it");

    private final String label;
    private final String step;

    BatchStatus(String label, String step) {
        this.label = label;
        this.step = step;
    }

    /** How the status reads to a person: "Picked up", "Out for delivery". */
    @Override
    public String label() {
        return label;
    }

    /** The move into this status as a request to the reader: "assign it", "mark it picked up". */
    public String step() {
        return step;
    }

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

    /** The final statuses (completed, failed, cancelled), from the state map: what "finished" means on screen. */
    public static Set<BatchStatus> finished() {
        Set<BatchStatus> finished = EnumSet.noneOf(BatchStatus.class);
        for (BatchStatus status : values()) {
            if (status.isTerminal()) {
                finished.add(status);
            }
        }
        return Collections.unmodifiableSet(finished);
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

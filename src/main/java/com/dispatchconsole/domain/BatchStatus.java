package com.dispatchconsole.domain;

/** Lifecycle of a delivery batch. Which moves are legal lives in {@link BatchTransitions}. */
public enum BatchStatus {
    CREATED, ASSIGNED, PICKED, OUT_FOR_DELIVERY, COMPLETED, FAILED, CANCELLED;

    /** Statuses in which a batch counts against its rider's load. */
    public boolean isActive() {
        return this == ASSIGNED || this == PICKED || this == OUT_FOR_DELIVERY;
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

}

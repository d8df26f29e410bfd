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

    /** Human label for tables and messages, e.g. "Out for delivery". */
    public String label() {
        String lower = name().toLowerCase().replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}

package com.dispatchconsole.domain;

/** What happened to one order of a batch at the door. */
public enum OrderOutcome {
    PENDING, DELIVERED, FAILED
}

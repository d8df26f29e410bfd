package com.dispatchconsole.domain;

/** Whether a rider can take work right now. */
public enum Availability {
    AVAILABLE, ON_BREAK, OFF_DUTY
}

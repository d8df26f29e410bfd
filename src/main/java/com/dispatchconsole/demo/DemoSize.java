package com.dispatchconsole.demo;

/** How much demo data a fresh embedded database gets. */
public enum DemoSize {
    /** A shift: 3 outlets, 24 riders, 150 batches in every status. */
    STANDARD,
    /** 2,000 riders and 50,000 batches, for trying the console at scale. */
    LARGE
}

package com.dispatchconsole.app;

/**
 * What opening the database says while it works, step by step ("Starting the database…", "Preparing the database
 * (migrations 3/18)…"): the start window shows it, start-up timings record when each step began.
 */
@FunctionalInterface
public interface StartProgress {

    /** Says nothing: commands without a window. */
    StartProgress NONE = (step, text) -> { };

    /**
     * @param step a stable name of the step for timings ("database", "migrations", "demo-data", "sign-in", "load")
     * @param text what the operator reads, a whole sentence ending in "…"
     */
    void step(String step, String text);
}

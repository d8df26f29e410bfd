package com.dispatchconsole.stress;

/**
 * One stress run: {@code dispatchers} threads act as concurrent consoles, each making {@code opsPerDispatcher}
 * calls on the riders and batches of {@code scenario}; {@code hotRiders} riders get about half of all
 * assignment attempts so that the rider locks are really contended.
 */
public record StressSettings(int dispatchers, int riders, int batches, int opsPerDispatcher, int hotRiders,
                             String scenario, long seed) {

    public StressSettings {
        if (dispatchers < 1 || riders < 2 || batches < 1 || opsPerDispatcher < 1) {
            throw new IllegalArgumentException("need at least 1 dispatcher, 2 riders, 1 batch and 1 operation");
        }
        hotRiders = Math.max(1, Math.min(hotRiders, riders));
    }
}

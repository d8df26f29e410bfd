package com.dispatchconsole.sim;

/**
 * How a simulated shift runs.
 *
 * @param riders         riders played (each with its own app and token)
 * @param ordersPerMinute orders the outlets create a minute, all outlets together
 * @param minutes        how long the outlets keep ordering; 0 runs until stopped
 * @param seed           the seed of every choice (addresses, weights, speeds, the exception mix)
 * @param autoDispatch   whether a dispatch bot assigns waiting batches through the API
 * @param pace           simulated seconds per real second for riding and handing over (1 = real time); positions
 *                       are still sent every 5–15 real seconds, so the load on the gateway does not change with it
 */
public record SimSettings(int riders, int ordersPerMinute, double minutes, long seed, boolean autoDispatch,
                          double pace) {

    public SimSettings {
        if (riders < 1 || ordersPerMinute < 0 || minutes < 0 || pace <= 0) {
            throw new IllegalArgumentException("riders >= 1, orders >= 0, minutes >= 0, pace > 0");
        }
    }

    public boolean untilStopped() {
        return minutes == 0;
    }
}

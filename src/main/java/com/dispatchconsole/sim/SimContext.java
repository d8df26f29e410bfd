package com.dispatchconsole.sim;

import com.dispatchconsole.demo.City;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every simulated actor shares: the API, the clock pool, the figures, the settings, the review's "Late"
 * threshold (so a rider playing a late delivery waits just past it) and the outlets' places.
 */
record SimContext(ApiClient api, ScheduledExecutorService pool, SimMetrics metrics, SimSettings settings,
                  Duration lateAfter, Exceptions exceptions, Map<UUID, City.Point> outletPlaces) {

    /** Real milliseconds for {@code simulatedSeconds} at the run's pace. */
    long realMillis(double simulatedSeconds) {
        return Math.max(1, Math.round(simulatedSeconds * 1000 / settings.pace()));
    }
}

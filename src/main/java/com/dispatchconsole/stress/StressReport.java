package com.dispatchconsole.stress;

import java.util.List;
import java.util.Map;

/** What a stress run did and whether the guarantees held. Printed as one JSON line. */
public record StressReport(long attempts, long succeeded, Map<String, Long> rejected, int violations,
                           long deadlocks, double throughputPerSec, double p50Ms, double p99Ms,
                           List<String> violationDetails) {
}

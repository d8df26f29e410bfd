package com.dispatchconsole.domain.sla;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.ShortDuration;
import java.time.Duration;

/**
 * How long a batch may stay in a status, and a rider's position may age, before the console calls it late: the
 * control room's service levels. An operator setting (the console keeps it per operator); every console judges
 * against the server's clock, so consoles with the same thresholds agree.
 *
 * @param unassigned     a batch Created (no rider) this long is late
 * @param notPickedUp    a batch Assigned but not picked up this long is late
 * @param notOut         a batch Picked up but not out for delivery this long is late
 * @param outForDelivery a batch Out for delivery this long is late
 * @param positionStale  an on-duty rider with an active batch whose last position is this old is late reporting
 */
public record SlaThresholds(Duration unassigned, Duration notPickedUp, Duration notOut, Duration outForDelivery,
                            Duration positionStale) {

    /** The shortest threshold: anything shorter would flag every batch as it is created. */
    public static final Duration MIN = Duration.ofMinutes(1);
    /** The longest threshold: a day. */
    public static final Duration MAX = Duration.ofHours(24);

    /** 10 min unassigned, 15 min not picked up, 10 min picked but not out, 45 min out, 2 min without a position. */
    public static final SlaThresholds DEFAULTS = new SlaThresholds(Duration.ofMinutes(10), Duration.ofMinutes(15),
            Duration.ofMinutes(10), Duration.ofMinutes(45), Duration.ofMinutes(2));

    public SlaThresholds {
        require(unassigned, "Unassigned");
        require(notPickedUp, "Assigned, not picked up");
        require(notOut, "Picked up, not out");
        require(outForDelivery, "Out for delivery");
        require(positionStale, "Position stale");
    }

    /** The threshold of a batch in {@code status}; null for the finished statuses, which are never late. */
    public Duration forStatus(BatchStatus status) {
        return switch (status) {
            case CREATED -> unassigned;
            case ASSIGNED -> notPickedUp;
            case PICKED -> notOut;
            case OUT_FOR_DELIVERY -> outForDelivery;
            case COMPLETED, FAILED, CANCELLED -> null;
        };
    }

    private static void require(Duration threshold, String name) {
        if (threshold == null || threshold.compareTo(MIN) < 0 || threshold.compareTo(MAX) > 0) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "“" + name + "” must be 1 to 1440 minutes"
                    + (threshold == null ? "" : " (got " + ShortDuration.words(threshold) + ")") + "; nothing was changed.");
        }
    }
}

package com.dispatchconsole.domain.rows;

import java.time.Duration;
import java.time.Instant;

/** A rider's last reported position and when the fix was taken. */
public record RiderPosition(double lat, double lon, Float accuracyMetres, Instant fixAt) {

    /** How old the fix is at {@code now}. */
    public Duration age(Instant now) {
        return Duration.between(fixAt, now).isNegative() ? Duration.ZERO : Duration.between(fixAt, now);
    }
}

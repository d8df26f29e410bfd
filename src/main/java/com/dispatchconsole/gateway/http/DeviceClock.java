package com.dispatchconsole.gateway.http;

import com.dispatchconsole.domain.ErrorCode;
import java.time.Duration;
import java.time.Instant;

/**
 * Times a device says something happened (a position's fix, a delivery in a PoD): a device clock a little ahead
 * is tolerated; a time further in the future than {@link #CLOCK_SKEW} is a broken clock and is refused, naming the
 * field, before anything is written.
 */
final class DeviceClock {

    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    private DeviceClock() {
    }

    /** Refuses {@code at} (null: not sent, nothing to check) when it is beyond the skew after {@code now}. */
    static void requireNotAhead(Instant at, Instant now, ErrorCode code, String field) {
        if (at != null && at.isAfter(now.plus(CLOCK_SKEW))) {
            throw new ApiFailure(code, field + " " + at + " is in the future; check the device's clock. Nothing was "
                    + "changed.", field);
        }
    }
}

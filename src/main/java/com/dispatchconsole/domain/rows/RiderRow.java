package com.dispatchconsole.domain.rows;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.Load;
import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.VehicleType;
import java.time.Instant;
import java.util.UUID;

/**
 * An immutable snapshot of a rider with the load they carry right now, as the console shows it;
 * {@code position} is the last reported fix, or null when the rider never reported one.
 */
public record RiderRow(UUID id, String name, String phone, VehicleType vehicleType, Availability availability,
                       UUID homeOutletId, String homeOutletName, RiderLimits limits, Load load,
                       Instant lastChangeAt, long version, RiderPosition position) {

    /** Share of the tightest of the order, weight and batch limits in use, 0..1+, for the load bar. */
    public double loadRatio() {
        return limits.share(load);
    }
}

package com.dispatchconsole.persistence;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.RiderLimits;
import java.util.UUID;

/** A rider as its row lock read it (plain JDBC, see {@link RiderLocks#lock(java.sql.Connection, UUID)}). */
public record LockedRider(UUID id, String name, Availability availability, RiderLimits limits) {
}

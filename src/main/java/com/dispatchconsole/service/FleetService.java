package com.dispatchconsole.service;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.Expected;
import com.dispatchconsole.domain.Kilograms;
import com.dispatchconsole.domain.Load;
import com.dispatchconsole.domain.Outlet;
import com.dispatchconsole.domain.Rider;
import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.VehicleType;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.HistoryQueries;
import com.dispatchconsole.persistence.OutletQueries;
import com.dispatchconsole.persistence.RiderLocks;
import com.dispatchconsole.persistence.RiderQueries;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.Session;

/** Outlets and riders: who exists, when they can work, and how much they can carry. */
public final class FleetService {

    private final UnitOfWork unitOfWork;
    private final RiderLocks riderLocks;
    private final Clock clock;

    public FleetService(UnitOfWork unitOfWork, RiderLocks riderLocks, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.riderLocks = riderLocks;
        this.clock = clock;
    }

    public UUID createOutlet(String name, String address) {
        return createOutlet(name, address, null, null);
    }

    /** An outlet at a known position (both or neither), from which riders can be ranked by distance. */
    public UUID createOutlet(String name, String address, Double lat, Double lon) {
        if (name == null || name.isBlank()) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "An outlet needs a name.");
        }
        if ((lat == null) != (lon == null) || lat != null && (Math.abs(lat) > 90 || Math.abs(lon) > 180)) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT,
                    "An outlet's position needs a latitude (-90..90) and a longitude (-180..180), or neither.");
        }
        return unitOfWork.call(session -> {
            UUID id = UUID.randomUUID();
            session.persist(new Outlet(id, name.strip(), address, clock.instant()).at(lat, lon));
            return id;
        });
    }

    public RiderRow createRider(String name, String phone, VehicleType vehicle, UUID homeOutletId,
                                RiderLimits limits) {
        if (name == null || name.isBlank() || vehicle == null) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "A rider needs a name and a vehicle type.");
        }
        validateLimits(limits);
        // Written and read back in one transaction: a refusal can never follow a change that was made.
        return unitOfWork.call(session -> {
            if (homeOutletId != null && !OutletQueries.exists(session, homeOutletId)) {
                throw new DispatchException(ErrorCode.OUTLET_NOT_FOUND,
                        "Outlet " + ShortId.of(homeOutletId) + " does not exist.");
            }
            UUID riderId = UUID.randomUUID();
            session.persist(new Rider(riderId, name.strip(), phone, vehicle, homeOutletId, limits, clock.instant()));
            return RiderQueries.readBack(session, riderId);
        });
    }

    /** Going on break or off duty is refused while the rider still carries batches. */
    public RiderRow setAvailability(UUID riderId, Availability availability, String actor) {
        return setAvailability(riderId, availability, Expected.ANY, actor);
    }

    /** As above, only if the rider is still the version the caller saw (else ALREADY_CHANGED, with who and when). */
    public RiderRow setAvailability(UUID riderId, Availability availability, Expected expected, String actor) {
        Checks.requireId(riderId, "rider");
        Checks.requireActor(actor);
        if (availability == null) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "No availability was given.");
        }
        return unitOfWork.call(actor, null, session -> {
            Rider rider = lockExisting(session, riderId);
            requireSeen(session, rider, expected);
            if (availability != Availability.AVAILABLE) {
                List<UUID> active = UnitOfWork.jdbc(session, c -> RiderQueries.activeBatchIds(c, riderId));
                if (!active.isEmpty()) {
                    throw new DispatchException(ErrorCode.RIDER_HAS_ACTIVE_BATCHES, rider.getName()
                            + " still carries batch" + (active.size() == 1 ? " " : "es ")
                            + active.stream().map(ShortId::of).collect(Collectors.joining(", "))
                            + "; finish or reassign " + (active.size() == 1 ? "it" : "them") + " first.");
                }
            }
            rider.changeAvailability(availability, clock.instant());
            return RiderQueries.readBack(session, riderId);
        });
    }

    /** New limits must still cover what the rider carries now. */
    public RiderRow changeLimits(UUID riderId, RiderLimits limits, String actor) {
        Checks.requireId(riderId, "rider");
        Checks.requireActor(actor);
        validateLimits(limits);
        return unitOfWork.call(actor, null, session -> {
            Rider rider = lockExisting(session, riderId);
            Load current = UnitOfWork.jdbc(session, c -> RiderQueries.load(c, riderId));
            DispatchException refusal = limits.refusal(rider.getName(), current);
            if (refusal != null) {
                throw new DispatchException(refusal.code(),
                        "The new limits are below what " + rider.getName() + " carries now: " + refusal.sentence());
            }
            rider.changeLimits(limits, clock.instant());
            return RiderQueries.readBack(session, riderId);
        });
    }

    /**
     * Records a rider's position as reported by a rider-side system. Positions live in their own table, so the
     * frequent telemetry writes never wait for (or hold up) the rider row locks that assignments take.
     */
    public void reportPosition(UUID riderId, double lat, double lon, Float accuracyMetres, Instant fixAt) {
        Checks.requireId(riderId, "rider");
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT,
                    "A position needs lat in [-90, 90] and lon in [-180, 180]; got " + lat + ", " + lon + ".");
        }
        if (accuracyMetres != null && accuracyMetres < 0) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "Accuracy cannot be negative.");
        }
        if (fixAt == null) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "A position needs the time of its fix.");
        }
        // Plain JDBC like the assignment path: a fix is one statement, and phones send many (no session needed).
        unitOfWork.change(null, null, c -> {
            // A fix alone in its transaction need not wait for the disk (see commitWithoutWaitingForDisk).
            RiderQueries.commitWithoutWaitingForDisk(c);
            if (!RiderQueries.reportPosition(c, riderId, lat, lon, accuracyMetres, fixAt)
                    && !RiderQueries.exists(c, riderId)) {
                throw Checks.riderNotFound(riderId);
            }
            return null;
        });
    }

    private Rider lockExisting(Session session, UUID riderId) {
        Rider rider = riderLocks.lock(session, riderId);
        if (rider == null) {
            throw Checks.riderNotFound(riderId);
        }
        return rider;
    }

    private static void requireSeen(Session session, Rider rider, Expected expected) {
        if (!expected.matches(rider.getVersion())) {
            throw StaleAction.refusal(rider.getName(),
                    UnitOfWork.jdbc(session, c -> HistoryQueries.riderHistory(c, rider.getId())));
        }
    }

    private static void validateLimits(RiderLimits limits) {
        if (limits == null || limits.maxCapacity() < 1 || limits.maxActiveBatches() < 1
                || limits.maxCapacity() > RiderLimits.MAX_COUNT || limits.maxActiveBatches() > RiderLimits.MAX_COUNT) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "Limits need 1 to " + RiderLimits.MAX_COUNT
                    + " orders and 1 to " + RiderLimits.MAX_COUNT + " active batches.");
        }
        Kilograms.require(limits.maxWeightKg(), "The weight limit", true);
    }
}

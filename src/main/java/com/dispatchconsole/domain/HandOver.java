package com.dispatchconsole.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * Which batches may go to a rider: a CREATED batch is assigned, an ASSIGNED one is reassigned from its rider (and
 * never "to" the rider who has it); the rider must be available and stay within their limits with it. The one
 * home of that rule, next to {@link BatchTransitions}: the drag hint asks it about the rows on screen, the "change
 * these batches" use case asks it which way to go, and the assignment service asks it again under the locks.
 * The sentences here are the service's refusals; the hint words a {@link Verdict} its own way.
 */
public final class HandOver {

    /** How a batch goes to a rider. */
    public enum Way { ASSIGN, REASSIGN }

    /** The first thing in the way of giving some batches to a rider. */
    public enum Obstacle { RIDER_NOT_AVAILABLE, BATCH_NOT_OPEN, ALREADY_WITH_RIDER, OVER_LIMITS }

    /** A batch as the rule sees it. */
    public record Batch(UUID id, BatchStatus status, UUID riderId, int orders, BigDecimal weightKg) {
    }

    /** The rider who would take the batches, with what they carry now. */
    public record Recipient(UUID id, String name, Availability availability, RiderLimits limits, Load load) {
    }

    /**
     * The answer for a set of batches. {@code batch} is the batch that is not open (BATCH_NOT_OPEN);
     * {@code overLimit} the limit's refusal (OVER_LIMITS); {@code load} what the rider would carry with the batches
     * that move (so far, when an obstacle stopped the count).
     */
    public record Verdict(Obstacle obstacle, Batch batch, Load load, DispatchException overLimit) {

        public boolean fits() {
            return obstacle == null;
        }
    }

    private HandOver() {
    }

    /**
     * CREATED is assigned, ASSIGNED reassigned; null when a batch in this status cannot go to a rider at all (it is
     * not {@link BatchStatus#OPEN open}).
     */
    public static Way way(BatchStatus status) {
        if (status == null || !status.isOpen()) {
            return null;
        }
        return status == BatchStatus.CREATED ? Way.ASSIGN : Way.REASSIGN;
    }

    /** Whether the batch is already with that rider (then there is nothing to give). */
    public static boolean isWith(UUID batchRiderId, UUID riderId) {
        return riderId != null && riderId.equals(batchRiderId);
    }

    /** Taking a batch away from another rider is a reassignment, and that needs a reason. */
    public static boolean takesFromAnother(BatchStatus status, UUID batchRiderId, UUID riderId) {
        return way(status) == Way.REASSIGN && !isWith(batchRiderId, riderId);
    }

    /** Looks at every batch (as the screen or the database shows them) the way the service will under its locks. */
    public static Verdict check(Recipient rider, List<Batch> batches) {
        if (rider.availability() != Availability.AVAILABLE) {
            return new Verdict(Obstacle.RIDER_NOT_AVAILABLE, null, rider.load(), null);
        }
        Load load = rider.load();
        int moving = 0;
        for (Batch batch : batches) {
            if (isWith(batch.riderId(), rider.id())) {
                continue;
            }
            if (way(batch.status()) == null) {
                return new Verdict(Obstacle.BATCH_NOT_OPEN, batch, load, null);
            }
            load = load.plus(batch.orders(), batch.weightKg());
            moving++;
        }
        if (moving == 0) {
            return new Verdict(Obstacle.ALREADY_WITH_RIDER, null, load, null);
        }
        DispatchException overLimit = rider.limits().refusal(rider.name(), load);
        return new Verdict(overLimit == null ? null : Obstacle.OVER_LIMITS, null, load, overLimit);
    }

    /** Refuses with RIDER_UNAVAILABLE unless the rider is available. */
    public static void requireAvailable(String riderName, Availability availability) {
        if (availability != Availability.AVAILABLE) {
            throw new DispatchException(ErrorCode.RIDER_UNAVAILABLE, riderName + " is "
                    + availability.name().toLowerCase().replace('_', ' ') + " and cannot take batches.");
        }
    }

    /** Refuses (CAPACITY_EXCEEDED, WEIGHT_EXCEEDED, ACTIVE_BATCH_LIMIT) unless one more batch fits the limits. */
    public static void requireRoom(String riderName, RiderLimits limits, Load current, int batchOrders,
                                   BigDecimal batchWeightKg) {
        limits.require(riderName, current.plus(batchOrders, batchWeightKg));
    }

    /** The refusal for giving a batch to the rider who already has it. */
    public static DispatchException alreadyWith(UUID batchId) {
        return new DispatchException(ErrorCode.INVALID_ARGUMENT,
                "Batch " + ShortId.of(batchId) + " is already assigned to that rider.");
    }
}

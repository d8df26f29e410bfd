package com.dispatchconsole.service;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.BatchTransitions;
import com.dispatchconsole.domain.DeliveryBatch;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.Expected;
import com.dispatchconsole.domain.HandOver;
import com.dispatchconsole.domain.Load;
import com.dispatchconsole.domain.Rider;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.persistence.BatchQueries;
import com.dispatchconsole.persistence.BatchState;
import com.dispatchconsole.persistence.RiderLocks;
import com.dispatchconsole.persistence.RiderQueries;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Who carries which batch, and how a batch moves through its life. Each method is one transaction that locks
 * riders first (in id order), then the batch, and checks the rules under those locks. The database checks them
 * again and writes the audit rows itself, from the operator and reason each unit of work declares.
 */
public final class AssignmentService {

    private final UnitOfWork unitOfWork;
    private final RiderLocks riderLocks;
    private final Clock clock;

    public AssignmentService(UnitOfWork unitOfWork, RiderLocks riderLocks, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.riderLocks = riderLocks;
        this.clock = clock;
    }

    /** CREATED → ASSIGNED to a rider who is available and has room for it, whatever version is current. */
    public BatchRow assign(UUID batchId, UUID riderId, String actor) {
        return assign(batchId, riderId, Expected.ANY, actor);
    }

    /** CREATED → ASSIGNED, refused with ALREADY_CHANGED unless the batch is still the version the caller saw. */
    public BatchRow assign(UUID batchId, UUID riderId, Expected seen, String actor) {
        return assign(batchId, riderId, seen, actor, null);
    }

    /** As above, with a reason for the history (optional: a first assignment needs none). */
    public BatchRow assign(UUID batchId, UUID riderId, Expected seen, String actor, String reason) {
        Checks.requireId(batchId, "batch");
        Checks.requireId(riderId, "rider");
        Checks.requireActor(actor);
        return unitOfWork.call(actor, reason, session -> {
            Rider rider = riderLocks.lock(session, riderId);
            if (rider == null) {
                throw Checks.riderNotFound(riderId);
            }
            DeliveryBatch batch = Checks.lockBatch(session, batchId, null);
            Checks.requireSeen(session, batchId, seen, batch.getVersion());
            if (HandOver.way(batch.getStatus()) != HandOver.Way.ASSIGN) {
                throw new DispatchException(ErrorCode.INVALID_BATCH_STATUS, "Batch " + ShortId.of(batchId) + " is "
                        + batch.getStatus().label() + "; only a Created batch can be assigned"
                        + (batch.getStatus() == BatchStatus.ASSIGNED ? " (reassign it instead)." : "."));
            }
            HandOver.requireAvailable(rider.getName(), rider.getAvailability());
            requireRoom(session, rider, batch);
            batch.moveTo(BatchStatus.ASSIGNED, riderId, clock.instant());
            return snapshot(session, batchId);
        });
    }

    /** ASSIGNED to one rider → ASSIGNED to another, through CREATED, in one transaction. */
    public BatchRow reassign(UUID batchId, UUID newRiderId, String actor, String reason) {
        return reassign(batchId, newRiderId, Expected.ANY, actor, reason);
    }

    /** As {@link #reassign(UUID, UUID, String, String)}, only if the batch is still the version the caller saw. */
    public BatchRow reassign(UUID batchId, UUID newRiderId, Expected expected, String actor, String reason) {
        Checks.requireId(batchId, "batch");
        Checks.requireId(newRiderId, "rider");
        Checks.requireActor(actor);
        Checks.requireReason(reason, "reassign a batch");
        return unitOfWork.call(actor, reason, session -> {
            BatchState seen = Checks.peek(session, batchId, expected);
            if (HandOver.way(seen.status()) != HandOver.Way.REASSIGN) {
                throw new DispatchException(ErrorCode.INVALID_BATCH_STATUS, "Batch " + ShortId.of(batchId) + " is "
                        + seen.status().label() + "; only an Assigned batch can be reassigned"
                        + (seen.status() == BatchStatus.CREATED ? " (assign it instead)." : "."));
            }
            if (HandOver.isWith(seen.riderId(), newRiderId)) {
                throw HandOver.alreadyWith(batchId);
            }
            List<Rider> locked = riderLocks.lockInIdOrder(session, List.of(seen.riderId(), newRiderId));
            Rider newRider = locked.stream().filter(r -> r.getId().equals(newRiderId)).findFirst()
                    .orElseThrow(() -> Checks.riderNotFound(newRiderId));
            DeliveryBatch batch = Checks.lockBatch(session, batchId, seen);
            HandOver.requireAvailable(newRider.getName(), newRider.getAvailability());
            requireRoom(session, newRider, batch);
            Instant now = clock.instant();
            // Through CREATED in memory, one UPDATE to the database: the history shows one rider change.
            batch.moveTo(BatchStatus.CREATED, null, now);
            batch.moveTo(BatchStatus.ASSIGNED, newRiderId, now);
            return snapshot(session, batchId);
        });
    }

    /** ASSIGNED → CREATED: the batch goes back to the unassigned pool. */
    public BatchRow unassign(UUID batchId, String actor, String reason) {
        return transition(batchId, BatchStatus.CREATED, Expected.ANY, actor, reason);
    }

    public BatchRow unassign(UUID batchId, Expected expected, String actor, String reason) {
        return transition(batchId, BatchStatus.CREATED, expected, actor, reason);
    }

    /**
     * Any move on the state map other than assigning: unassign (CREATED), PICKED, OUT_FOR_DELIVERY, COMPLETED,
     * FAILED, CANCELLED. Cancel and fail need a reason; COMPLETED needs an outcome for every order.
     */
    public BatchRow transition(UUID batchId, BatchStatus target, String actor, String reason) {
        return transition(batchId, target, Expected.ANY, actor, reason);
    }

    /** As {@link #transition(UUID, BatchStatus, String, String)}, only if the batch is still the version seen. */
    public BatchRow transition(UUID batchId, BatchStatus target, Expected expected, String actor, String reason) {
        Checks.requireId(batchId, "batch");
        Checks.requireActor(actor);
        requireTargetBeforeQuerying(target, reason);
        return unitOfWork.call(actor, reason, session -> {
            BatchState seen = Checks.peek(session, batchId, expected);
            BatchTransitions.require(batchId, seen.status(), target);
            if (seen.riderId() != null) {
                riderLocks.lock(session, seen.riderId());
            }
            DeliveryBatch batch = Checks.lockBatch(session, batchId, seen);
            if (target == BatchStatus.COMPLETED) {
                requireAllOutcomes(session, batchId);
            }
            batch.moveTo(target, null, clock.instant());
            return snapshot(session, batchId);
        });
    }

    private static void requireTargetBeforeQuerying(BatchStatus target, String reason) {
        if (target == null) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "No target status was given.");
        }
        if (target == BatchStatus.ASSIGNED) {
            throw new DispatchException(ErrorCode.ILLEGAL_TRANSITION,
                    "A batch becomes Assigned only by assigning it to a rider.");
        }
        if (BatchTransitions.needsReason(target)) {
            Checks.requireReason(reason, switch (target) {
                case CANCELLED -> "cancel a batch";
                case FAILED -> "fail a batch";
                default -> "move a batch to " + target;
            });
        }
    }

    static void requireRoom(Session session, Rider rider, DeliveryBatch batch) {
        Load current = UnitOfWork.jdbc(session, c -> RiderQueries.load(c, rider.getId()));
        HandOver.requireRoom(rider.getName(), rider.limits(), current, batch.getOrderCount(), batch.getTotalWeightKg());
    }

    private static void requireAllOutcomes(Session session, UUID batchId) {
        long pending = BatchQueries.pendingOutcomes(session, batchId);
        if (pending > 0) {
            throw new DispatchException(ErrorCode.OUTCOMES_MISSING, "Batch " + ShortId.of(batchId) + " still has "
                    + pending + " order" + (pending == 1 ? "" : "s") + " without an outcome; record each delivery "
                    + "or failure before completing it.");
        }
    }

    /** The batch after this change; the read-back itself is {@link BatchQueries#readBack}, shared by every use case. */
    static BatchRow snapshot(Session session, UUID batchId) {
        return BatchQueries.readBack(session, batchId);
    }
}

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
import com.dispatchconsole.persistence.LockedBatch;
import com.dispatchconsole.persistence.LockedRider;
import com.dispatchconsole.persistence.RiderLocks;
import com.dispatchconsole.persistence.RiderQueries;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Who carries which batch, and how a batch moves through its life. Each method is one transaction that locks
 * riders first (in id order), then the batch, and checks the rules under those locks. The database checks them
 * again and writes the audit rows itself, from the operator and reason each unit of work declares.
 *
 * <p>The hot path of the console and the gateway, so its transactions are plain JDBC units of work
 * ({@link UnitOfWork#change}) whose statements live in persistence ({@link RiderLocks}, {@link BatchQueries}): the
 * same locks, checks, settings and typed errors as through a Hibernate session, without building a session, an HQL
 * translation and a flush for every call (issue 15; docs/performance.md). The rest of the services keep Hibernate.
 */
public final class AssignmentService {

    private final UnitOfWork unitOfWork;
    private final RiderLocks riderLocks;

    public AssignmentService(UnitOfWork unitOfWork, RiderLocks riderLocks) {
        this.unitOfWork = unitOfWork;
        this.riderLocks = riderLocks;
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
        return unitOfWork.change(actor, reason, c -> {
            LockedRider rider = riderLocks.lock(c, riderId);
            if (rider == null) {
                throw Checks.riderNotFound(riderId);
            }
            LockedBatch batch = Checks.lockBatch(c, batchId, null);
            Checks.requireSeen(c, batchId, seen, batch.version());
            if (HandOver.way(batch.status()) != HandOver.Way.ASSIGN) {
                throw new DispatchException(ErrorCode.INVALID_BATCH_STATUS, "Batch " + ShortId.of(batchId) + " is "
                        + batch.status().label() + "; only a Created batch can be assigned"
                        + (batch.status() == BatchStatus.ASSIGNED ? " (reassign it instead)." : "."));
            }
            HandOver.requireAvailable(rider.name(), rider.availability());
            requireRoom(c, rider, batch);
            return move(c, batch, List.of(BatchStatus.ASSIGNED), riderId);
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
        return unitOfWork.change(actor, reason, c -> {
            BatchState seen = Checks.peek(c, batchId, expected);
            if (HandOver.way(seen.status()) != HandOver.Way.REASSIGN) {
                throw new DispatchException(ErrorCode.INVALID_BATCH_STATUS, "Batch " + ShortId.of(batchId) + " is "
                        + seen.status().label() + "; only an Assigned batch can be reassigned"
                        + (seen.status() == BatchStatus.CREATED ? " (assign it instead)." : "."));
            }
            if (HandOver.isWith(seen.riderId(), newRiderId)) {
                throw HandOver.alreadyWith(batchId);
            }
            List<LockedRider> locked = riderLocks.lockInIdOrder(c, List.of(seen.riderId(), newRiderId));
            LockedRider newRider = locked.stream().filter(r -> r.id().equals(newRiderId)).findFirst()
                    .orElseThrow(() -> Checks.riderNotFound(newRiderId));
            LockedBatch batch = Checks.lockBatch(c, batchId, seen);
            HandOver.requireAvailable(newRider.name(), newRider.availability());
            requireRoom(c, newRider, batch);
            // Through CREATED on the state map, one UPDATE to the database: the history shows one rider change.
            return move(c, batch, List.of(BatchStatus.CREATED, BatchStatus.ASSIGNED), newRiderId);
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
        return unitOfWork.change(actor, reason, c -> {
            // The peek and the rider's lock in one statement: the rider is locked only for a move that can be made
            // (a refusal below took no lock); the batch's lock then checks it did not move in between.
            BatchState seen = riderLocks.peekLockingRider(c, batchId, BatchTransitions.allowedInto(target),
                    expected == null ? null : expected.version());
            if (seen == null) {
                throw Checks.batchNotFound(batchId);
            }
            Checks.requireSeen(c, batchId, expected, seen.version());
            BatchTransitions.require(batchId, seen.status(), target);
            LockedBatch batch = Checks.lockBatch(c, batchId, seen);
            if (target == BatchStatus.COMPLETED) {
                requireAllOutcomes(c, batchId);
            }
            return move(c, batch, List.of(target), null);
        });
    }

    /**
     * Moves the locked batch along {@code steps} on the state map (each step checked, the rider following the
     * status), then writes the end of it in one UPDATE that also reads the batch back. The database's guard checks
     * the move again and stamps the version and times; its audit trigger writes the history rows.
     */
    private static BatchRow move(Connection c, LockedBatch batch, List<BatchStatus> steps, UUID newRiderId)
            throws SQLException {
        BatchStatus status = batch.status();
        UUID rider = batch.riderId();
        for (BatchStatus step : steps) {
            BatchTransitions.require(batch.id(), status, step);
            rider = BatchTransitions.riderAfter(step, rider, newRiderId);
            status = step;
        }
        BatchRow after = BatchQueries.moveAndReadBack(c, batch.id(), batch.version(), status, rider);
        if (after == null) {
            // Cannot happen while we hold the batch's lock; if it ever does, start again rather than guess.
            throw new UnitOfWork.RowMovedMeanwhile();
        }
        return after;
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

    private static void requireRoom(Connection c, LockedRider rider, LockedBatch batch) throws SQLException {
        HandOver.requireRoom(rider.name(), rider.limits(), RiderQueries.load(c, rider.id()), batch.orderCount(),
                batch.totalWeightKg());
    }

    static void requireRoom(Session session, Rider rider, DeliveryBatch batch) {
        Load current = UnitOfWork.jdbc(session, c -> RiderQueries.load(c, rider.getId()));
        HandOver.requireRoom(rider.getName(), rider.limits(), current, batch.getOrderCount(), batch.getTotalWeightKg());
    }

    private static void requireAllOutcomes(Connection c, UUID batchId) throws SQLException {
        long pending = BatchQueries.pendingOutcomes(c, batchId);
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

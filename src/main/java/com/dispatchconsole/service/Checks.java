package com.dispatchconsole.service;

import com.dispatchconsole.domain.DeliveryBatch;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.Expected;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.HistoryEntry;
import com.dispatchconsole.persistence.BatchQueries;
import com.dispatchconsole.persistence.BatchState;
import com.dispatchconsole.persistence.HistoryQueries;
import com.dispatchconsole.persistence.LockedBatch;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/** Argument checks done before any query, and the lookups every use case repeats. */
final class Checks {

    private Checks() {
    }

    static void requireId(Object id, String what) {
        if (id == null) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "No " + what + " was given.");
        }
    }

    static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "Every change needs the operator's name.");
        }
    }

    static void requireReason(String reason, String action) {
        if (reason == null || reason.isBlank()) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "A reason is required to " + action + ".");
        }
    }

    static BatchState peek(Session session, UUID batchId) {
        BatchState state = UnitOfWork.jdbc(session, c -> BatchQueries.peekBatch(c, batchId));
        if (state == null) {
            throw batchNotFound(batchId);
        }
        return state;
    }

    /**
     * Peeks at the batch and refuses at once when it is no longer the version the caller saw: a stale screen's
     * action is never applied on top of someone else's change, and it is told who made that change.
     */
    static BatchState peek(Session session, UUID batchId, Expected expected) {
        BatchState state = peek(session, batchId);
        requireSeen(session, batchId, expected, state.version());
        return state;
    }

    static void requireSeen(Session session, UUID batchId, Expected expected, long actualVersion) {
        if (expected != null && !expected.matches(actualVersion)) {
            List<HistoryEntry> history = UnitOfWork.jdbc(session, c -> HistoryQueries.history(c, batchId));
            throw StaleAction.refusal("Batch " + ShortId.of(batchId), history);
        }
    }

    /**
     * Locks the batch after its rider; if the batch changed at all since the unlocked peek, the rider lock we
     * hold may be the wrong one and the checks were made on old values, so the whole unit of work starts again
     * (and the next peek refuses it if the caller expected the old version).
     */
    static DeliveryBatch lockBatch(Session session, UUID batchId, BatchState expected) {
        DeliveryBatch batch = BatchQueries.lock(session, batchId);
        if (batch == null) {
            throw batchNotFound(batchId);
        }
        if (expected != null && batch.getVersion() != expected.version()) {
            throw new UnitOfWork.RowMovedMeanwhile();
        }
        return batch;
    }

    /** As {@link #peek(Session, UUID, Expected)}, on a plain JDBC unit of work ({@link UnitOfWork#change}). */
    static BatchState peek(Connection c, UUID batchId, Expected expected) throws SQLException {
        BatchState state = BatchQueries.peekBatch(c, batchId);
        if (state == null) {
            throw batchNotFound(batchId);
        }
        requireSeen(c, batchId, expected, state.version());
        return state;
    }

    /** As {@link #requireSeen(Session, UUID, Expected, long)}, on a plain JDBC unit of work. */
    static void requireSeen(Connection c, UUID batchId, Expected expected, long actualVersion) throws SQLException {
        if (expected != null && !expected.matches(actualVersion)) {
            throw StaleAction.refusal("Batch " + ShortId.of(batchId), HistoryQueries.history(c, batchId));
        }
    }

    /** As {@link #lockBatch(Session, UUID, BatchState)}, on a plain JDBC unit of work. */
    static LockedBatch lockBatch(Connection c, UUID batchId, BatchState expected) throws SQLException {
        LockedBatch batch = BatchQueries.lock(c, batchId);
        if (batch == null) {
            throw batchNotFound(batchId);
        }
        if (expected != null && batch.version() != expected.version()) {
            throw new UnitOfWork.RowMovedMeanwhile();
        }
        return batch;
    }

    static DispatchException batchNotFound(UUID batchId) {
        return new DispatchException(ErrorCode.BATCH_NOT_FOUND, "Batch " + ShortId.of(batchId) + " does not exist.");
    }

    static DispatchException riderNotFound(UUID riderId) {
        return new DispatchException(ErrorCode.RIDER_NOT_FOUND, "Rider " + ShortId.of(riderId) + " does not exist.");
    }
}

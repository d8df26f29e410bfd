package com.dispatchconsole.service;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DeliveryBatch;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.Expected;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.DisputeRow;
import com.dispatchconsole.persistence.BatchQueries;
import com.dispatchconsole.persistence.BatchState;
import com.dispatchconsole.persistence.DatabaseQueries;
import com.dispatchconsole.persistence.FollowUpQueries;
import com.dispatchconsole.persistence.HistoryQueries;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Follow-up after the fact: disputed proofs of delivery still open, recording how one was followed up, and sending
 * a FAILED batch's undelivered orders out again in a new batch. The database (migration V20) guards both for every
 * writer; these check first so a refusal reads well.
 */
public final class FollowUpService {

    static final int MAX_DISPUTES = 500;

    private final UnitOfWork unitOfWork;
    private final Clock clock;

    public FollowUpService(UnitOfWork unitOfWork, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.clock = clock;
    }

    /** Disputes nobody has followed up yet, newest first (at most 500). */
    public List<DisputeRow> openDisputes() {
        return unitOfWork.read(c -> FollowUpQueries.openDisputes(c, MAX_DISPUTES));
    }

    /** Whether this connection's database role may record follow-ups; the list hides the action otherwise. */
    public boolean canFollowUp() {
        return unitOfWork.read(FollowUpQueries::mayFollowUp);
    }

    /** The database login of this session: nobody follows up a dispute raised under it. */
    public String sessionLogin() {
        return unitOfWork.read(DatabaseQueries::login);
    }

    /**
     * Records how a dispute was followed up (a call to the customer, a word with the rider): the dispute leaves the
     * open list for every console. Once per dispute, never by the login that raised it; the database stamps who and
     * when and keeps it.
     */
    public void followUp(long reviewId, String note, String actor) {
        Checks.requireActor(actor);
        Checks.requireReason(note, "follow up a dispute");
        unitOfWork.call(actor, null, session -> UnitOfWork.jdbc(session, c -> {
            String earlier = FollowUpQueries.followedUp(c, reviewId);
            if (earlier != null) {
                throw new DispatchException(ErrorCode.ALREADY_CHANGED, "This dispute was already followed up by "
                        + earlier + "; nothing was changed.");
            }
            FollowUpQueries.insertFollowUp(c, reviewId, note.strip());
            return null;
        }));
    }

    /** How many orders of this batch could go out again now (0 unless it is FAILED). */
    public int redispatchable(UUID batchId) {
        Checks.requireId(batchId, "batch");
        return unitOfWork.read(c -> {
            BatchState state = BatchQueries.peekBatch(c, batchId);
            return state == null || state.status() != BatchStatus.FAILED ? 0 : FollowUpQueries.openLines(c, batchId).size();
        });
    }

    /**
     * Sends the undelivered (pending or failed) orders of a FAILED batch out again in one new CREATED batch of the
     * same outlet, in their old order, as one transaction. Refused when the batch is no longer the version the
     * caller saw, or was re-dispatched meanwhile (ALREADY_CHANGED, naming who and when), when it is not FAILED, or
     * when every order was delivered. Both batches' histories record it with the reason. Returns the new batch.
     */
    public BatchRow redispatch(UUID batchId, Expected expected, String reason, String actor) {
        Checks.requireId(batchId, "batch");
        Checks.requireActor(actor);
        Checks.requireReason(reason, "re-dispatch a failed batch");
        String why = reason.strip();
        return unitOfWork.call(actor, why, session -> {
            BatchState seen = Checks.peek(session, batchId, expected);
            if (seen.status() != BatchStatus.FAILED) {
                throw new DispatchException(ErrorCode.INVALID_BATCH_STATUS, "Batch " + ShortId.of(batchId) + " is "
                        + seen.status() + "; only a FAILED batch's orders are re-dispatched.");
            }
            // Two consoles re-dispatching the same batch queue here; the second then finds nothing left to send.
            DeliveryBatch failed = Checks.lockBatch(session, batchId, seen);
            List<FollowUpQueries.OpenLine> open = UnitOfWork.jdbc(session, c -> FollowUpQueries.openLines(c, batchId));
            if (open.isEmpty()) {
                FollowUpQueries.Redispatch last = UnitOfWork.jdbc(session, c -> FollowUpQueries.lastRedispatch(c, batchId));
                if (last != null) {
                    throw StaleAction.refusal("Batch " + ShortId.of(batchId),
                            UnitOfWork.jdbc(session, c -> HistoryQueries.history(c, batchId)));
                }
                throw new DispatchException(ErrorCode.INVALID_BATCH_STATUS, "Every order of batch "
                        + ShortId.of(batchId) + " was delivered; there is nothing to re-dispatch.");
            }
            UUID newBatchId = UUID.randomUUID();
            session.persist(new DeliveryBatch(newBatchId, failed.getOutletId(), 0, BigDecimal.ZERO, clock.instant()));
            session.flush();
            UnitOfWork.jdbc(session, c -> {
                int sequence = 1;
                for (FollowUpQueries.OpenLine line : open) {
                    FollowUpQueries.insertRedispatch(c, line.lineId(), newBatchId, why);
                    FollowUpQueries.insertLine(c, newBatchId, line.orderId(), sequence++);
                }
                return null;
            });
            return BatchQueries.readBack(session, newBatchId);
        });
    }
}

package com.dispatchconsole.service;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.pod.ReviewSettings;
import com.dispatchconsole.domain.rows.PodReview;
import com.dispatchconsole.domain.rows.PodRow;
import com.dispatchconsole.persistence.DatabaseQueries;
import com.dispatchconsole.persistence.HistoryQueries;
import com.dispatchconsole.persistence.PodQueries;
import com.dispatchconsole.persistence.ReviewSettingsQueries;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Proof-of-delivery reads, searches and supervisor reviews. Recording a PoD is part of an order's outcome. */
public final class PodService {

    static final int MAX_RESULTS = 500;

    private final UnitOfWork unitOfWork;

    public PodService(UnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    public PodRow get(UUID batchOrderId) {
        Checks.requireId(batchOrderId, "order line");
        PodRow row = unitOfWork.read(c -> PodQueries.byLine(c, batchOrderId));
        if (row == null) {
            throw new DispatchException(ErrorCode.ORDER_NOT_FOUND, "Order line " + ShortId.of(batchOrderId) + " does not exist.");
        }
        return row;
    }

    /** PoDs whose recorded position lies inside the box (inclusive), newest first. */
    public List<PodRow> withinBox(double minLat, double minLon, double maxLat, double maxLon) {
        if (!(minLat <= maxLat) || !(minLon <= maxLon) || minLat < -90 || maxLat > 90 || minLon < -180 || maxLon > 180) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "A bounding box needs -90 <= minLat <= maxLat <= 90 "
                    + "and -180 <= minLon <= maxLon <= 180.");
        }
        return unitOfWork.read(c -> PodQueries.withinBox(c, minLat, minLon, maxLat, maxLon, MAX_RESULTS));
    }

    /** Delivered orders whose PoD has no verdict yet, oldest first (at most 500). */
    public List<PodRow> awaitingReview() {
        return unitOfWork.read(c -> PodQueries.awaitingReview(c, MAX_RESULTS));
    }

    /** PoDs whose notes contain all the given words, newest first. */
    public List<PodRow> notesMatching(String text) {
        if (text == null || text.isBlank()) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "Search for at least one word.");
        }
        return unitOfWork.read(c -> PodQueries.notesMatching(c, text.strip(), MAX_RESULTS));
    }

    /**
     * A supervisor's verdict on the version of the PoD they looked at. The database decides who may review (only
     * supervisor and admin roles may insert reviews, never on a PoD they recorded themselves), refuses a verdict on
     * a version that is no longer the latest, and records the reviewer as the session's database user; every
     * verdict is kept. Returns every review of the line, oldest first, the new one last: read in the same
     * transaction, so the caller shows them without asking again.
     */
    public List<PodReview> review(UUID batchOrderId, int podVersion, PodReview.Verdict verdict, String note) {
        Checks.requireId(batchOrderId, "order line");
        if (verdict == null) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "A review needs a verdict.");
        }
        if (verdict == PodReview.Verdict.DISPUTED) {
            Checks.requireReason(note, "dispute a proof of delivery");
        }
        return unitOfWork.call(session -> UnitOfWork.jdbc(session, c -> {
            PodRow pod = PodQueries.byLine(c, batchOrderId);
            if (pod == null || pod.document() == null || pod.outcome() == OrderOutcome.PENDING) {
                throw new DispatchException(ErrorCode.INVALID_ARGUMENT,
                        "Order line " + ShortId.of(batchOrderId) + " has no recorded proof of delivery to review.");
            }
            if (pod.version() != podVersion) {
                // Who recorded it again and when are in the batch's timeline, as for every stale action.
                throw StaleAction.refusal("The proof of delivery of order line " + ShortId.of(batchOrderId),
                        HistoryQueries.history(c, pod.batchId()));
            }
            PodQueries.insertReview(c, batchOrderId, podVersion, verdict,
                    note == null || note.isBlank() ? null : note.strip());
            return List.copyOf(PodQueries.reviews(c, batchOrderId));
        }));
    }

    /** Whether this connection's database role may write reviews; the console hides review actions otherwise. */
    public boolean canReview() {
        return unitOfWork.read(PodQueries::mayReview);
    }

    /** The database login of this session: nobody judges a version recorded under it. */
    public String sessionLogin() {
        return unitOfWork.read(DatabaseQueries::login);
    }

    /**
     * Sets when a PoD counts as late for every console (more than 0, at most 7 days). Admins only: the database's
     * GRANT decides (UPDATE of {@code late_after} for dispatch_admin, migration V18) and this asks it first, so
     * another role is refused as PERMISSION_DENIED in words, with nothing changed. The database stamps who and when
     * and writes the history; {@code actor} is the operator name it records next to the login.
     */
    public ReviewSettings.Change setLateAfter(Duration lateAfter, String actor) {
        ReviewSettings.requireLateAfter(lateAfter);
        Checks.requireActor(actor);
        return unitOfWork.call(actor, null, session -> UnitOfWork.jdbc(session, c -> {
            if (!ReviewSettingsQueries.mayChange(c)) {
                throw new DispatchException(ErrorCode.PERMISSION_DENIED, "Only an admin (dispatch_admin) may change "
                        + "when a proof of delivery counts as late; your login " + DatabaseQueries.login(c)
                        + " may not. Nothing was changed.");
            }
            ReviewSettings before = QueryService.present(ReviewSettingsQueries.lock(c));
            ReviewSettingsQueries.setLateAfter(c, lateAfter);
            return new ReviewSettings.Change(before, QueryService.present(ReviewSettingsQueries.read(c)));
        }));
    }

    public List<PodReview> reviews(UUID batchOrderId) {
        Checks.requireId(batchOrderId, "order line");
        return unitOfWork.read(c -> PodQueries.reviews(c, batchOrderId));
    }
}

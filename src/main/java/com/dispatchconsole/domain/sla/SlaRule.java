package com.dispatchconsole.domain.sla;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import java.time.Duration;
import java.time.Instant;

/**
 * The one home of "late": when a batch or a rider becomes late under {@link SlaThresholds}, and by how much at a
 * given instant. A batch's deadline is the time it entered its status plus that status's threshold; a rider's is
 * their last position's fix (or, never having reported, their last change) plus the stale threshold, and only
 * while they are on duty with an active batch. Deadlines do not move with the clock, so ordering by deadline is
 * ordering by lateness at any instant. Pure: no clock of its own.
 */
public final class SlaRule {

    /** What is late. */
    public enum Kind { UNASSIGNED, NOT_PICKED_UP, NOT_OUT, OUT_TOO_LONG, POSITION_STALE }

    private SlaRule() {
    }

    /** The kind of lateness a batch in {@code status} can have; null for finished statuses. */
    public static Kind kind(BatchStatus status) {
        return switch (status) {
            case CREATED -> Kind.UNASSIGNED;
            case ASSIGNED -> Kind.NOT_PICKED_UP;
            case PICKED -> Kind.NOT_OUT;
            case OUT_FOR_DELIVERY -> Kind.OUT_TOO_LONG;
            case COMPLETED, FAILED, CANCELLED -> null;
        };
    }

    /** When {@code batch} becomes late in its current status; null when it cannot be (finished). */
    public static Instant dueAt(BatchRow batch, SlaThresholds thresholds) {
        Duration threshold = thresholds.forStatus(batch.status());
        Instant since = batch.statusChangedAt() != null ? batch.statusChangedAt() : batch.createdAt();
        return threshold == null || since == null ? null : since.plus(threshold);
    }

    /**
     * When {@code rider}'s position becomes stale; null while nobody waits on it (off duty, or no active batch).
     * A rider who never reported is measured from their last change (going on duty, taking a batch).
     */
    public static Instant dueAt(RiderRow rider, SlaThresholds thresholds) {
        if (rider.availability() == Availability.OFF_DUTY || rider.load().activeBatches() == 0) {
            return null;
        }
        if (rider.position() != null) {
            return staleAt(rider.position(), thresholds);
        }
        Instant since = rider.lastChangeAt();
        return since == null ? null : since.plus(thresholds.positionStale());
    }

    /**
     * When a position fix becomes stale, whoever waits on it: its fix time plus the stale threshold. The map fades a
     * rider's marker from then ({@link #isLate(Instant, Instant)} at that deadline); the alert above is raised only
     * for riders someone waits on.
     */
    public static Instant staleAt(com.dispatchconsole.domain.rows.RiderPosition position, SlaThresholds thresholds) {
        return position.fixAt().plus(thresholds.positionStale());
    }

    /** Whether something due at {@code dueAt} is late at {@code now}: strictly past its deadline. */
    public static boolean isLate(Instant dueAt, Instant now) {
        return dueAt != null && now.isAfter(dueAt);
    }

    /** How late something due at {@code dueAt} is at {@code now}; zero when it is not late (or never can be). */
    public static Duration lateBy(Instant dueAt, Instant now) {
        return isLate(dueAt, now) ? Duration.between(dueAt, now) : Duration.ZERO;
    }

    public static boolean isLate(BatchRow batch, Instant now, SlaThresholds thresholds) {
        return isLate(dueAt(batch, thresholds), now);
    }

    public static Duration lateBy(BatchRow batch, Instant now, SlaThresholds thresholds) {
        return lateBy(dueAt(batch, thresholds), now);
    }

    public static boolean isLate(RiderRow rider, Instant now, SlaThresholds thresholds) {
        return isLate(dueAt(rider, thresholds), now);
    }

    public static Duration lateBy(RiderRow rider, Instant now, SlaThresholds thresholds) {
        return lateBy(dueAt(rider, thresholds), now);
    }
}

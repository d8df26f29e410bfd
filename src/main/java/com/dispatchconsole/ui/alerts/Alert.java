package com.dispatchconsole.ui.alerts;

import com.dispatchconsole.domain.sla.SlaRule;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/**
 * One thing late: a batch too long in its status, or a rider whose position is stale. {@code subjectId} is the
 * batch's or the rider's id (see {@link #isRider()}); {@code subject} says which, in words; {@code dueAt} is when it
 * became late, so the oldest alert is the one due first.
 */
public record Alert(SlaRule.Kind kind, UUID subjectId, String subject, Instant dueAt) {

    /** Due first (latest by most) first; ties by kind and id, so the order is total and stable. */
    public static final Comparator<Alert> OLDEST_FIRST = Comparator.comparing(Alert::dueAt)
            .thenComparing(Alert::kind).thenComparing(Alert::subjectId);

    public boolean isRider() {
        return kind == SlaRule.Kind.POSITION_STALE;
    }

    /** How late at {@code now}. */
    public Duration lateBy(Instant now) {
        return SlaRule.lateBy(dueAt, now);
    }

    /** What is late, in words: "Unassigned too long", "Position not reported". */
    public String what() {
        return switch (kind) {
            case UNASSIGNED -> "Unassigned too long";
            case NOT_PICKED_UP -> "Assigned, not picked up";
            case NOT_OUT -> "Picked up, not out";
            case OUT_TOO_LONG -> "Out for delivery too long";
            case POSITION_STALE -> "Position not reported";
        };
    }

    /** "12m", "1h 05m", "2d": how late, as the panel and the "Late by" column say it. */
    public static String words(Duration late) {
        long minutes = late.toMinutes();
        if (minutes < 1) {
            return late.toSeconds() + "s";
        }
        if (minutes < 60) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        return hours < 48 ? hours + "h " + String.format("%02dm", minutes % 60) : (hours / 24) + "d";
    }
}

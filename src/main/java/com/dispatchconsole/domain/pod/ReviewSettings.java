package com.dispatchconsole.domain.pod;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.ShortDuration;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The control room's review settings, one row in the database (migration V18) shared by every console: a PoD is
 * {@link PodFlags.Flag#LATE} when delivered more than {@code lateAfter} after its batch went out. Who changed it
 * last and when are the database's: {@code updatedBy} the operator name declared (else the login),
 * {@code updatedByLogin} the real database login, {@code updatedAt} the server's clock.
 */
public record ReviewSettings(Duration lateAfter, Instant updatedAt, String updatedBy, String updatedByLogin) {

    /** A change an admin made: the settings before and after, read in the transaction that made it. */
    public record Change(ReviewSettings before, ReviewSettings after) {

        public boolean changed() {
            return !before.lateAfter().equals(after.lateAfter());
        }
    }

    /** The longest threshold; the table's CHECK refuses more for every writer. */
    public static final Duration MAX_LATE_AFTER = Duration.ofDays(7);

    /** A threshold an admin may set: more than zero, at most {@link #MAX_LATE_AFTER}; else INVALID_ARGUMENT. */
    public static Duration requireLateAfter(Duration lateAfter) {
        if (lateAfter == null) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "No late-after threshold was given.");
        }
        if (lateAfter.isNegative() || lateAfter.isZero() || lateAfter.compareTo(MAX_LATE_AFTER) > 0) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "A PoD is late after more than 0 and at most "
                    + ShortDuration.words(MAX_LATE_AFTER) + " (got " + describe(lateAfter) + "); nothing was changed.");
        }
        return lateAfter;
    }

    /** "Late after 45 min; set by Olga Petrova (admin_olga) at 2026-11-27T14:02:11Z." (to the second) */
    public String describe() {
        return "Late after " + ShortDuration.words(lateAfter) + "; set by " + updatedBy
                + (updatedBy.equals(updatedByLogin) ? "" : " (" + updatedByLogin + ")") + " at "
                + updatedAt.truncatedTo(ChronoUnit.SECONDS) + ".";
    }

    private static String describe(Duration d) {
        return d.isNegative() ? "-" + ShortDuration.words(d.negated()) : ShortDuration.words(d);
    }
}

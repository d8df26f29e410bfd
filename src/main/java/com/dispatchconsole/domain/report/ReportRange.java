package com.dispatchconsole.domain.report;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The period a report covers: from {@code from} (inclusive) to {@code until} (exclusive), on the database's clock.
 * The one home of "a range must not end before it starts": every export and the shift summary build their range here.
 */
public record ReportRange(Instant from, Instant until) {

    public ReportRange {
        if (from == null || until == null) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "Choose both the start and the end of the range; "
                    + "nothing was written.");
        }
        if (until.isBefore(from)) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "The range ends before it starts; nothing was "
                    + "written.");
        }
    }

    /** Whole days {@code first} to {@code last}, both included, as the clock of {@code zone} counts them. */
    public static ReportRange days(LocalDate first, LocalDate last, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        if (first == null || last == null) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "Choose both the first and the last day; nothing "
                    + "was written.");
        }
        if (last.isBefore(first)) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "The range ends (" + last + ") before it starts ("
                    + first + "); nothing was written.");
        }
        return new ReportRange(first.atStartOfDay(zone).toInstant(), last.plusDays(1).atStartOfDay(zone).toInstant());
    }
}

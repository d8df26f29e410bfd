package com.dispatchconsole.domain.report;

import com.dispatchconsole.domain.BatchStatus;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * One line of the shift summary: an outlet's or a rider's work in a {@link ReportRange}, as the database counted it.
 *
 * @param scope        whether this line is an outlet's or a rider's
 * @param id           the outlet's or rider's id
 * @param name         the outlet's or rider's name
 * @param created      batches created in the range (a rider never creates one: 0)
 * @param assigned     assignments to a rider in the range (a reassignment counts for the rider who got the batch)
 * @param completed    batches completed in the range
 * @param failed       batches failed in the range
 * @param cancelled    batches cancelled in the range
 * @param averageTime  average time a batch spent in each open status it entered in the range (absent: none entered)
 * @param slaBreaches  stays in a status longer than its threshold (see {@code SlaRule}), counted per stay
 */
public record ShiftSummaryRow(Scope scope, UUID id, String name, long created, long assigned, long completed,
                              long failed, long cancelled, Map<BatchStatus, Duration> averageTime, long slaBreaches) {

    /** Whose line it is. */
    public enum Scope { OUTLET, RIDER }

    public ShiftSummaryRow {
        Map<BatchStatus, Duration> copy = new EnumMap<>(BatchStatus.class);
        copy.putAll(averageTime);
        averageTime = Collections.unmodifiableMap(copy);
    }

    /** The average time in {@code status}, or null when no batch entered it in the range. */
    public Duration averageIn(BatchStatus status) {
        return averageTime.get(status);
    }
}

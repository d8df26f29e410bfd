package com.dispatchconsole.persistence;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.report.ReportRange;
import com.dispatchconsole.domain.report.ShiftSummaryRow;
import com.dispatchconsole.domain.sla.SlaThresholds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The shift summary, counted by the database in one statement from the audit history: per outlet and per rider,
 * the batches created, assigned, completed, failed and cancelled in a range, the average time spent in each open
 * status, and the stays longer than the status's SLA threshold.
 *
 * <p>A stay is one status-history row: it starts when the batch entered the status and ends at the batch's next
 * status row, or, still going, at the end of the range or now, whichever is earlier. Stays that start in the range
 * count. A stay belongs to the batch's outlet and to the rider who had the batch when the stay began (the newest
 * assignment-history row at or before it). A breach is a stay strictly longer than the status's threshold, the
 * comparison {@code SlaRule.isLate} makes ("strictly past the deadline"); the thresholds themselves come from
 * {@link SlaThresholds#forStatus}, never from this class.
 */
public final class ShiftSummaryQueries {

    /** The open statuses a batch can stay in (and be late in), in the order of the columns below. */
    private static final List<BatchStatus> TIMED = List.of(BatchStatus.CREATED, BatchStatus.ASSIGNED,
            BatchStatus.PICKED, BatchStatus.OUT_FOR_DELIVERY);

    static final String SUMMARY = """
            WITH touched AS (
                SELECT DISTINCT batch_id FROM batch_status_history WHERE changed_at >= ? AND changed_at < ?
            ), stays AS (
                SELECT h.batch_id, h.old_status, h.new_status, h.changed_at,
                       lead(h.changed_at) OVER (PARTITION BY h.batch_id ORDER BY h.changed_at, h.id) AS left_at
                FROM batch_status_history h JOIN touched t ON t.batch_id = h.batch_id
            ), events AS (
                SELECT b.outlet_id,
                       (SELECT a.new_rider_id FROM rider_assignment_history a
                        WHERE a.batch_id = s.batch_id AND a.changed_at <= s.changed_at
                        ORDER BY a.changed_at DESC, a.id DESC LIMIT 1) AS rider_id,
                       (s.old_status IS NULL)::int AS created, 0 AS assigned,
                       (s.new_status = 'COMPLETED')::int AS completed, (s.new_status = 'FAILED')::int AS failed,
                       (s.new_status = 'CANCELLED')::int AS cancelled, s.new_status AS status,
                       CASE WHEN s.new_status IN ('CREATED', 'ASSIGNED', 'PICKED', 'OUT_FOR_DELIVERY')
                            THEN coalesce(s.left_at, least(?::timestamptz, now())) - s.changed_at END AS spent
                FROM stays s JOIN delivery_batches b ON b.id = s.batch_id
                WHERE s.changed_at >= ? AND s.changed_at < ? AND (cardinality(?::uuid[]) = 0 OR b.outlet_id = ANY (?))
                UNION ALL
                SELECT b.outlet_id, a.new_rider_id, 0, 1, 0, 0, 0, NULL, NULL
                FROM rider_assignment_history a JOIN delivery_batches b ON b.id = a.batch_id
                WHERE a.new_rider_id IS NOT NULL AND a.changed_at >= ? AND a.changed_at < ?
                  AND (cardinality(?::uuid[]) = 0 OR b.outlet_id = ANY (?))
            ), limits (status, threshold) AS (
                VALUES ('CREATED', make_interval(secs => ?)), ('ASSIGNED', make_interval(secs => ?)),
                       ('PICKED', make_interval(secs => ?)), ('OUT_FOR_DELIVERY', make_interval(secs => ?))
            ), judged AS (
                SELECT e.*, (e.spent > l.threshold)::int AS breached
                FROM events e LEFT JOIN limits l ON l.status = e.status
            ), grouped AS (
                SELECT CASE WHEN GROUPING(outlet_id) = 0 THEN 'OUTLET' ELSE 'RIDER' END AS scope,
                       coalesce(outlet_id, rider_id) AS id,
                       sum(created) AS created, sum(assigned) AS assigned, sum(completed) AS completed,
                       sum(failed) AS failed, sum(cancelled) AS cancelled,
                       extract(epoch FROM avg(spent) FILTER (WHERE status = 'CREATED')) AS in_created,
                       extract(epoch FROM avg(spent) FILTER (WHERE status = 'ASSIGNED')) AS in_assigned,
                       extract(epoch FROM avg(spent) FILTER (WHERE status = 'PICKED')) AS in_picked,
                       extract(epoch FROM avg(spent) FILTER (WHERE status = 'OUT_FOR_DELIVERY')) AS in_out,
                       coalesce(sum(breached), 0) AS breaches
                FROM judged
                GROUP BY GROUPING SETS ((outlet_id), (rider_id))
            )
            SELECT g.scope, g.id, coalesce(o.name, r.name), g.created, g.assigned, g.completed, g.failed,
                   g.cancelled, g.in_created, g.in_assigned, g.in_picked, g.in_out, g.breaches
            FROM grouped g
            LEFT JOIN outlets o ON g.scope = 'OUTLET' AND o.id = g.id
            LEFT JOIN delivery_riders r ON g.scope = 'RIDER' AND r.id = g.id
            WHERE g.id IS NOT NULL
            ORDER BY g.scope, coalesce(o.name, r.name), g.id
            """;

    private ShiftSummaryQueries() {
    }

    /** Binds one outlet filter (its two parameters) from {@code i}; returns the next parameter's index. */
    private static int scope(Connection c, PreparedStatement ps, int i, Collection<UUID> outlets) throws SQLException {
        java.sql.Array ids = JdbcValues.uuidArray(c, outlets);
        ps.setArray(i, ids);
        ps.setArray(i + 1, ids);
        return i + 2;
    }

    /**
     * The summary of {@code range}: the outlets' lines (by name), then the riders' (by name). With {@code outlets}
     * (not empty) only those outlets' batches count: their outlets' lines, and the riders' lines for the work they did
     * on those batches, as a console scoped to those outlets shows them.
     */
    public static List<ShiftSummaryRow> summary(Connection c, ReportRange range, SlaThresholds thresholds,
                                                Collection<UUID> outlets) throws SQLException {
        Timestamp from = Timestamp.from(range.from());
        Timestamp until = Timestamp.from(range.until());
        try (PreparedStatement ps = c.prepareStatement(SUMMARY)) {
            int i = 1;
            ps.setTimestamp(i++, from);
            ps.setTimestamp(i++, until);
            ps.setTimestamp(i++, until);
            ps.setTimestamp(i++, from);
            ps.setTimestamp(i++, until);
            i = scope(c, ps, i, outlets);
            ps.setTimestamp(i++, from);
            ps.setTimestamp(i++, until);
            i = scope(c, ps, i, outlets);
            for (BatchStatus status : TIMED) {
                ps.setDouble(i++, thresholds.forStatus(status).toMillis() / 1000.0);
            }
            List<ShiftSummaryRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<BatchStatus, Duration> average = new EnumMap<>(BatchStatus.class);
                    for (int s = 0; s < TIMED.size(); s++) {
                        double seconds = rs.getDouble(9 + s);
                        if (!rs.wasNull()) {
                            average.put(TIMED.get(s), Duration.ofMillis(Math.round(seconds * 1000)));
                        }
                    }
                    rows.add(new ShiftSummaryRow(ShiftSummaryRow.Scope.valueOf(rs.getString(1)),
                            rs.getObject(2, UUID.class), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                            rs.getLong(7), rs.getLong(8), average, rs.getLong(13)));
                }
            }
            return rows;
        }
    }
}

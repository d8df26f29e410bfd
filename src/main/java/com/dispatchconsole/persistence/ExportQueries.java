package com.dispatchconsole.persistence;

import static com.dispatchconsole.persistence.JdbcValues.instant;
import static com.dispatchconsole.persistence.JdbcValues.status;

import com.dispatchconsole.domain.report.HistoryLine;
import com.dispatchconsole.domain.report.ReportRange;
import com.dispatchconsole.domain.report.ReviewLine;
import com.dispatchconsole.domain.rows.HistoryEntry;
import com.dispatchconsole.domain.rows.PodReview;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.UUID;
import java.util.function.Consumer;

/** What the exports read: the audit history of a range and the PoD verdicts of a range, each one statement, streamed. */
public final class ExportQueries {

    /** Rows fetched per round trip: a long range is read through a cursor, never held whole. */
    static final int FETCH = 1000;

    static final String HISTORY = """
            SELECT x.*, o.name AS outlet_name FROM (
                SELECT 'STATUS' AS kind, h.id, h.batch_id, h.changed_at, h.actor, h.reason, h.old_status,
                       h.new_status, NULL AS from_rider, NULL AS to_rider, h.db_user, NULL AS detail
                FROM batch_status_history h WHERE h.changed_at >= ? AND h.changed_at < ?
                UNION ALL
                SELECT 'ASSIGNMENT', a.id, a.batch_id, a.changed_at, a.actor, a.reason, NULL, NULL, ro.name, rn.name,
                       a.db_user, NULL
                FROM rider_assignment_history a
                LEFT JOIN delivery_riders ro ON ro.id = a.old_rider_id
                LEFT JOIN delivery_riders rn ON rn.id = a.new_rider_id
                WHERE a.changed_at >= ? AND a.changed_at < ?
                UNION ALL
                SELECT 'OUTCOME', v.id, bo.batch_id, v.recorded_at, v.actor, v.reason, NULL, NULL, NULL, NULL,
                       v.db_user, 'Order ' || bo.sequence || ' ' || lower(v.outcome)
                       || CASE WHEN v.version > 1 THEN ' (recorded again: version ' || v.version || ')' ELSE '' END
                FROM pod_versions v JOIN delivery_batch_orders bo ON bo.id = v.batch_order_id
                WHERE v.recorded_at >= ? AND v.recorded_at < ?
                UNION ALL
                SELECT 'REVIEW', r.id, bo.batch_id, r.reviewed_at, r.reviewer, r.note, NULL, NULL, NULL, NULL,
                       r.reviewer, lower(r.verdict) || ' (order ' || bo.sequence
                       || CASE WHEN r.pod_version > 1 THEN ', version ' || r.pod_version ELSE '' END || ')'
                FROM pod_reviews r JOIN delivery_batch_orders bo ON bo.id = r.batch_order_id
                WHERE r.reviewed_at >= ? AND r.reviewed_at < ?
            ) x JOIN delivery_batches b ON b.id = x.batch_id JOIN outlets o ON o.id = b.outlet_id
            ORDER BY x.changed_at, x.batch_id, x.kind DESC, x.id
            """;

    static final String REVIEWS = """
            SELECT r.id, bo.batch_id, bo.id, bo.sequence, ou.name, o.customer_name, rd.name, r.pod_version, r.verdict,
                   r.note, r.reviewer, r.reviewed_at, v.proof_of_delivery::text, v.recorded_at,
                   (SELECT max(h.changed_at) FROM batch_status_history h
                    WHERE h.batch_id = bo.batch_id AND h.new_status = 'OUT_FOR_DELIVERY'),
                   o.delivery_lat, o.delivery_lon
            FROM pod_reviews r
            JOIN delivery_batch_orders bo ON bo.id = r.batch_order_id
            JOIN orders o ON o.id = bo.order_id
            JOIN outlets ou ON ou.id = o.outlet_id
            JOIN delivery_batches b ON b.id = bo.batch_id
            LEFT JOIN delivery_riders rd ON rd.id = b.rider_id
            LEFT JOIN pod_versions v ON v.batch_order_id = bo.id AND v.version = r.pod_version
            WHERE r.reviewed_at >= ? AND r.reviewed_at < ?
            ORDER BY r.reviewed_at, r.id
            """;

    private ExportQueries() {
    }

    /**
     * Every status move, rider change, outcome and verdict in {@code range}, oldest first, handed to {@code each} as
     * it is fetched. Returns how many there were. Needs a transaction (a cursor only streams inside one).
     */
    public static long history(Connection c, ReportRange range, Consumer<HistoryLine> each) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(HISTORY)) {
            ps.setFetchSize(FETCH);
            bindRangeTimes(ps, range, 4);
            long count = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    HistoryEntry entry = new HistoryEntry(HistoryEntry.Kind.valueOf(rs.getString(1)), instant(rs, 4),
                            rs.getString(5), rs.getString(6), status(rs.getString(7)), status(rs.getString(8)),
                            rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12));
                    each.accept(new HistoryLine(rs.getObject(3, UUID.class), rs.getString(13), entry));
                    count++;
                }
            }
            return count;
        }
    }

    /** Every verdict given in {@code range}, oldest first, handed to {@code each} as it is fetched; returns how many. */
    public static long reviews(Connection c, ReportRange range, Consumer<ReviewLine> each) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(REVIEWS)) {
            ps.setFetchSize(FETCH);
            bindRangeTimes(ps, range, 1);
            long count = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(new ReviewLine(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getInt(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
                            PodReview.Verdict.valueOf(rs.getString(9)), rs.getString(10), rs.getString(11),
                            instant(rs, 12), rs.getString(13), instant(rs, 14), instant(rs, 15),
                            (Double) rs.getObject(16), (Double) rs.getObject(17)));
                    count++;
                }
            }
            return count;
        }
    }

    private static void bindRangeTimes(PreparedStatement ps, ReportRange range, int pairs) throws SQLException {
        for (int p = 0; p < pairs; p++) {
            ps.setTimestamp(2 * p + 1, Timestamp.from(range.from()));
            ps.setTimestamp(2 * p + 2, Timestamp.from(range.until()));
        }
    }
}

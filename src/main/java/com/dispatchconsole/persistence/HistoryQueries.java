package com.dispatchconsole.persistence;

import static com.dispatchconsole.persistence.JdbcValues.instant;
import static com.dispatchconsole.persistence.JdbcValues.status;

import com.dispatchconsole.domain.rows.HistoryEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The audit timelines the database writes, read back oldest first; each one statement. */
public final class HistoryQueries {

    private static final String HISTORY = """
            SELECT 'STATUS' AS kind, h.id, h.changed_at, h.actor, h.reason, h.old_status, h.new_status,
                   NULL AS from_rider, NULL AS to_rider, h.db_user, NULL AS detail
            FROM batch_status_history h WHERE h.batch_id = ?
            UNION ALL
            SELECT 'ASSIGNMENT', a.id, a.changed_at, a.actor, a.reason, NULL, NULL, ro.name, rn.name, a.db_user, NULL
            FROM rider_assignment_history a
            LEFT JOIN delivery_riders ro ON ro.id = a.old_rider_id
            LEFT JOIN delivery_riders rn ON rn.id = a.new_rider_id
            WHERE a.batch_id = ?
            UNION ALL
            SELECT 'REVIEW', r.id, r.reviewed_at, r.reviewer, r.note, NULL, NULL, NULL, NULL, r.reviewer,
                   lower(r.verdict) || ' (order ' || bo.sequence
                   || CASE WHEN r.pod_version > 1 THEN ', version ' || r.pod_version ELSE '' END || ')'
            FROM pod_reviews r JOIN delivery_batch_orders bo ON bo.id = r.batch_order_id
            WHERE bo.batch_id = ?
            UNION ALL
            SELECT 'ORDER', h.id, h.changed_at, h.actor, NULL, NULL, NULL, NULL, NULL, h.db_user,
                   'Order ' || h.sequence || ' ' || lower(h.change) || ': ' || h.customer_name
                   || ' (' || trim_scale(h.weight_kg) || ' kg)'
            FROM batch_order_history h WHERE h.batch_id = ?
            UNION ALL
            SELECT 'OUTCOME', v.id, v.recorded_at, v.actor, v.reason, NULL, NULL, NULL, NULL, v.db_user,
                   'Order ' || bo.sequence || ' ' || lower(v.outcome)
                   || CASE WHEN v.version > 1 THEN ' (recorded again: version ' || v.version || ')' ELSE '' END
            FROM pod_versions v JOIN delivery_batch_orders bo ON bo.id = v.batch_order_id
            WHERE bo.batch_id = ?
            UNION ALL
            SELECT 'REDISPATCH', min(x.id), x.redispatched_at, x.actor, x.reason, NULL, NULL, NULL, NULL, x.db_user,
                   'Re-dispatched to batch ' || left(x.to_batch_id::text, 8) || ' (' || count(*) || ' order'
                   || CASE WHEN count(*) = 1 THEN '' ELSE 's' END || ')'
            FROM order_redispatches x WHERE x.from_batch_id = ?
            GROUP BY x.to_batch_id, x.redispatched_at, x.actor, x.reason, x.db_user
            UNION ALL
            SELECT 'REDISPATCH', min(x.id), x.redispatched_at, x.actor, x.reason, NULL, NULL, NULL, NULL, x.db_user,
                   'Re-dispatched from batch ' || left(x.from_batch_id::text, 8) || ' (' || count(*) || ' order'
                   || CASE WHEN count(*) = 1 THEN '' ELSE 's' END || ')'
            FROM order_redispatches x WHERE x.to_batch_id = ?
            GROUP BY x.from_batch_id, x.redispatched_at, x.actor, x.reason, x.db_user
            UNION ALL
            SELECT 'REVIEW', f.id, f.followed_up_at, f.actor, f.note, NULL, NULL, NULL, NULL, f.db_user,
                   'dispute followed up (order ' || bo.sequence || ')'
            FROM dispute_follow_ups f JOIN delivery_batch_orders bo ON bo.id = f.batch_order_id
            WHERE bo.batch_id = ?
            ORDER BY changed_at, kind DESC, id
            """;

    private static final String RIDER_HISTORY = """
            SELECT 'RIDER', h.id, h.changed_at, h.actor, h.reason, NULL, NULL, NULL, NULL, h.db_user,
                   CASE h.change
                       WHEN 'CREATED' THEN 'Rider created'
                       WHEN 'AVAILABILITY' THEN 'Availability ' || (h.old_value #>> '{}') || ' → ' || (h.new_value #>> '{}')
                       WHEN 'LIMITS' THEN 'Limits ' || (h.old_value ->> 'maxOrders') || ' orders, '
                            || (h.old_value ->> 'maxKg') || ' kg, ' || (h.old_value ->> 'maxBatches') || ' batches → '
                            || (h.new_value ->> 'maxOrders') || ' orders, ' || (h.new_value ->> 'maxKg') || ' kg, '
                            || (h.new_value ->> 'maxBatches') || ' batches'
                       ELSE 'Details changed' END
            FROM rider_history h WHERE h.rider_id = ?
            ORDER BY h.id
            """;

    private HistoryQueries() {
    }

    /** A batch's whole audit timeline, oldest first: status, rider, orders, outcomes, reviews and re-dispatches. */
    public static List<HistoryEntry> history(Connection c, UUID batchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(HISTORY)) {
            for (int i = 1; i <= 8; i++) {
                ps.setObject(i, batchId);
            }
            return readHistory(ps);
        }
    }

    /** A rider's audit timeline, oldest first: creation, availability, limits and details. */
    public static List<HistoryEntry> riderHistory(Connection c, UUID riderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RIDER_HISTORY)) {
            ps.setObject(1, riderId);
            return readHistory(ps);
        }
    }

    private static List<HistoryEntry> readHistory(PreparedStatement ps) throws SQLException {
        List<HistoryEntry> entries = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                entries.add(new HistoryEntry(HistoryEntry.Kind.valueOf(rs.getString(1)), instant(rs, 3),
                        rs.getString(4), rs.getString(5), status(rs.getString(6)), status(rs.getString(7)),
                        rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11)));
            }
        }
        return entries;
    }
}

package com.dispatchconsole.persistence;

import static com.dispatchconsole.domain.pod.PodFields.COORDINATES;
import static com.dispatchconsole.domain.pod.PodFields.LAT;
import static com.dispatchconsole.domain.pod.PodFields.LON;
import static com.dispatchconsole.domain.pod.PodFields.NOTES;

import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.rows.PodReview;
import com.dispatchconsole.domain.rows.PodRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Proof-of-delivery reads and the review insert; each one statement. */
public final class PodQueries {

    private static final String SELECT = """
            SELECT bo.id, bo.batch_id, bo.order_id, ou.name, o.customer_name, o.delivery_address, bo.outcome,
                   bo.completed_at, bo.proof_of_delivery::text,
                   (SELECT r.verdict FROM pod_reviews r
                    WHERE r.batch_order_id = bo.id AND r.pod_version = bo.outcome_version ORDER BY r.id DESC LIMIT 1),
                   (SELECT max(h.changed_at) FROM batch_status_history h
                    WHERE h.batch_id = bo.batch_id AND h.new_status = 'OUT_FOR_DELIVERY'),
                   rd.name, o.delivery_lat, o.delivery_lon, bo.outcome_version,
                   (SELECT v.db_user FROM pod_versions v
                    WHERE v.batch_order_id = bo.id AND v.version = bo.outcome_version)
            FROM delivery_batch_orders bo
            JOIN orders o ON o.id = bo.order_id
            JOIN outlets ou ON ou.id = o.outlet_id
            JOIN delivery_batches b ON b.id = bo.batch_id
            LEFT JOIN delivery_riders rd ON rd.id = b.rider_id
            """;

    private static String coordinate(String field) {
        return "(bo.proof_of_delivery -> '" + COORDINATES + "' ->> '" + field + "')::float8";
    }

    /**
     * The PoD position as a point (x = lon, y = lat) of order line {@code bo}: the expression of the GiST index
     * (V4 migration), so it must stay that expression for a search to use the index.
     */
    public static final String POSITION = "point(" + coordinate(LON) + ", " + coordinate(LAT) + ")";

    /** The notes of order line {@code bo} as the full-text index has them. */
    public static final String NOTES_VECTOR = "to_tsvector('simple', coalesce(bo.proof_of_delivery ->> '" + NOTES
            + "', ''))";

    /** Uses the GiST index on the position; "??" is JDBC for the jsonb "?" operator. */
    static final String WITHIN_BOX = SELECT + "WHERE bo.proof_of_delivery ?? '" + COORDINATES + "'\n"
            + "  AND " + POSITION + " <@ box(point(?, ?), point(?, ?))\n"
            + """
            ORDER BY bo.completed_at DESC NULLS LAST
            LIMIT ?
            """;

    /** Uses the full-text index on the notes. */
    static final String NOTES_MATCHING = SELECT + "WHERE " + NOTES_VECTOR + " @@ plainto_tsquery('simple', ?)\n"
            + """
            ORDER BY bo.completed_at DESC NULLS LAST
            LIMIT ?
            """;

    private PodQueries() {
    }

    public static PodRow byLine(Connection c, UUID batchOrderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE bo.id = ?")) {
            ps.setObject(1, batchOrderId);
            List<PodRow> rows = read(ps);
            return rows.isEmpty() ? null : rows.get(0);
        }
    }

    public static List<PodRow> withinBox(Connection c, double minLat, double minLon, double maxLat, double maxLon,
                                         int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(WITHIN_BOX)) {
            ps.setDouble(1, minLon);
            ps.setDouble(2, minLat);
            ps.setDouble(3, maxLon);
            ps.setDouble(4, maxLat);
            ps.setInt(5, limit);
            return read(ps);
        }
    }

    /**
     * Delivered orders whose current PoD version has no verdict yet, oldest first: the supervisor's review queue.
     * A new version of a judged PoD comes back here.
     */
    public static List<PodRow> awaitingReview(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + """
                WHERE bo.outcome = 'DELIVERED' AND bo.proof_of_delivery IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM pod_reviews r
                                  WHERE r.batch_order_id = bo.id AND r.pod_version = bo.outcome_version)
                ORDER BY bo.completed_at, bo.id
                LIMIT ?""")) {
            ps.setInt(1, limit);
            return read(ps);
        }
    }

    public static List<PodRow> notesMatching(Connection c, String text, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(NOTES_MATCHING)) {
            ps.setString(1, text);
            ps.setInt(2, limit);
            return read(ps);
        }
    }

    /** How many outcomes have been recorded for an order line (0 while it is pending). */
    public static int outcomeVersion(Connection c, UUID batchOrderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT outcome_version FROM delivery_batch_orders WHERE id = ?")) {
            ps.setObject(1, batchOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    public static void insertReview(Connection c, UUID batchOrderId, int podVersion, PodReview.Verdict verdict,
                                    String note) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO pod_reviews (batch_order_id, pod_version, verdict, note) VALUES (?, ?, ?, ?)")) {
            ps.setObject(1, batchOrderId);
            ps.setInt(2, podVersion);
            ps.setString(3, verdict.name());
            ps.setString(4, note);
            ps.executeUpdate();
        }
    }

    public static List<PodReview> reviews(Connection c, UUID batchOrderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, batch_order_id, pod_version, verdict, note, reviewer, reviewed_at "
                + "FROM pod_reviews WHERE batch_order_id = ? ORDER BY id")) {
            ps.setObject(1, batchOrderId);
            List<PodReview> reviews = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reviews.add(new PodReview(rs.getLong(1), rs.getObject(2, UUID.class), rs.getInt(3),
                            PodReview.Verdict.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6),
                            rs.getTimestamp(7).toInstant()));
                }
            }
            return reviews;
        }
    }

    /** Whether this connection's database role may write reviews (the database decides; this only asks). */
    public static boolean mayReview(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT has_any_column_privilege('pod_reviews', 'INSERT')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static List<PodRow> read(PreparedStatement ps) throws SQLException {
        List<PodRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp completed = rs.getTimestamp(8);
                rows.add(new PodRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getString(5), rs.getString(6), OrderOutcome.valueOf(rs.getString(7)),
                        completed == null ? null : completed.toInstant(), rs.getString(9), rs.getString(10),
                        rs.getTimestamp(11) == null ? null : rs.getTimestamp(11).toInstant(), rs.getString(12),
                        (Double) rs.getObject(13), (Double) rs.getObject(14), rs.getInt(15), rs.getString(16)));
            }
        }
        return rows;
    }
}

package com.dispatchconsole.persistence;

import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.rows.DisputeRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Disputes to follow up and failed batches' orders to re-dispatch (migration V20); each one statement. */
public final class FollowUpQueries {

    /** A line of a FAILED batch that may go out again: not delivered, not re-dispatched yet. */
    public record OpenLine(UUID lineId, UUID orderId, String customerName, OrderOutcome outcome) {
    }

    /** The latest re-dispatch out of a batch: into which batch, by whom, when. */
    public record Redispatch(UUID toBatchId, String actor, String databaseUser, Instant at, int orders) {
    }

    /** Disputes whose verdict is the line's latest and that nobody has followed up, newest first. */
    private static final String OPEN_DISPUTES = """
            SELECT r.id, r.batch_order_id, bo.batch_id, ou.name, o.customer_name, rd.name, r.reviewer, r.reviewed_at,
                   r.note, r.pod_version
            FROM pod_reviews r
            JOIN delivery_batch_orders bo ON bo.id = r.batch_order_id
            JOIN orders o ON o.id = bo.order_id
            JOIN outlets ou ON ou.id = o.outlet_id
            JOIN delivery_batches b ON b.id = bo.batch_id
            LEFT JOIN delivery_riders rd ON rd.id = b.rider_id
            WHERE r.verdict = 'DISPUTED'
              AND NOT EXISTS (SELECT 1 FROM dispute_follow_ups f WHERE f.review_id = r.id)
              AND NOT EXISTS (SELECT 1 FROM pod_reviews later WHERE later.batch_order_id = r.batch_order_id
                              AND later.id > r.id)
            ORDER BY r.reviewed_at DESC, r.id DESC
            LIMIT ?
            """;

    private static final String OPEN_LINES = """
            SELECT bo.id, bo.order_id, o.customer_name, bo.outcome
            FROM delivery_batch_orders bo JOIN orders o ON o.id = bo.order_id
            WHERE bo.batch_id = ? AND bo.outcome <> 'DELIVERED'
              AND NOT EXISTS (SELECT 1 FROM order_redispatches r WHERE r.from_line_id = bo.id)
            ORDER BY bo.sequence
            """;

    private static final String LAST_REDISPATCH = """
            SELECT to_batch_id, actor, db_user, redispatched_at, count(*) OVER (PARTITION BY to_batch_id)
            FROM order_redispatches WHERE from_batch_id = ?
            ORDER BY id DESC LIMIT 1
            """;

    private FollowUpQueries() {
    }

    public static List<DisputeRow> openDisputes(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OPEN_DISPUTES)) {
            ps.setInt(1, limit);
            List<DisputeRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new DisputeRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getTimestamp(8).toInstant(), rs.getString(9), rs.getInt(10)));
                }
            }
            return rows;
        }
    }

    /** Who followed up this dispute and when ("Ana at 14:02:11"), or null while it is open. */
    public static String followedUp(Connection c, long reviewId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT actor || ' at ' || to_char(followed_up_at, 'HH24:MI:SS') FROM dispute_follow_ups WHERE review_id = ?")) {
            ps.setLong(1, reviewId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    public static void insertFollowUp(Connection c, long reviewId, String note) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO dispute_follow_ups (review_id, note) VALUES (?, ?)")) {
            ps.setLong(1, reviewId);
            ps.setString(2, note);
            ps.executeUpdate();
        }
    }

    public static List<OpenLine> openLines(Connection c, UUID batchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OPEN_LINES)) {
            ps.setObject(1, batchId);
            List<OpenLine> lines = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new OpenLine(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                            OrderOutcome.valueOf(rs.getString(4))));
                }
            }
            return lines;
        }
    }

    /** The latest re-dispatch out of {@code batchId}, or null if it never was. */
    public static Redispatch lastRedispatch(Connection c, UUID batchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LAST_REDISPATCH)) {
            ps.setObject(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Redispatch(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getInt(5)) : null;
            }
        }
    }

    /** One order line sent out again: the database checks it and writes who, when and the login. */
    public static void insertRedispatch(Connection c, UUID fromLineId, UUID toBatchId, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO order_redispatches (from_line_id, to_batch_id, reason) VALUES (?, ?, ?)")) {
            ps.setObject(1, fromLineId);
            ps.setObject(2, toBatchId);
            ps.setString(3, reason);
            ps.executeUpdate();
        }
    }

    /** The re-dispatched order's line in its new batch (its dispatch round is the database's to set). */
    public static void insertLine(Connection c, UUID batchId, UUID orderId, int sequence) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO delivery_batch_orders (id, batch_id, order_id, sequence) VALUES (?, ?, ?, ?)")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, batchId);
            ps.setObject(3, orderId);
            ps.setInt(4, sequence);
            ps.executeUpdate();
        }
    }

    /** Whether this connection's role may follow up disputes (the database decides; this only asks). */
    public static boolean mayFollowUp(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT has_any_column_privilege('dispute_follow_ups', 'INSERT')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}

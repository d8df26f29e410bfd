package com.dispatchconsole.persistence;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.Load;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.VehicleType;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.DatabaseIdentity;
import com.dispatchconsole.domain.rows.HistoryEntry;
import com.dispatchconsole.domain.rows.OutletRow;
import com.dispatchconsole.domain.rows.RiderPosition;
import com.dispatchconsole.domain.rows.RiderRow;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The read side for the console: each method is one SQL statement, so a whole table costs one round trip
 * however many rows it has (no N+1). Runs on the connection of the caller's transaction.
 */
public final class ReadQueries {

    static final String ACTIVE = "('ASSIGNED', 'PICKED', 'OUT_FOR_DELIVERY')";

    private static final String RIDERS = """
            SELECT r.id, r.name, r.phone, r.vehicle_type, r.availability, r.home_outlet_id, o.name,
                   r.max_capacity, r.max_weight_kg, r.max_active_batches,
                   coalesce(l.orders, 0), coalesce(l.weight, 0), coalesce(l.batches, 0),
                   greatest(r.updated_at, l.last_change), r.version,
                   loc.lat, loc.lon, loc.accuracy_m, loc.fix_at
            FROM delivery_riders r
            LEFT JOIN outlets o ON o.id = r.home_outlet_id
            LEFT JOIN rider_locations loc ON loc.rider_id = r.id
            LEFT JOIN (SELECT rider_id, sum(order_count) AS orders, sum(total_weight_kg) AS weight,
                              count(*) AS batches, max(updated_at) AS last_change
                       FROM delivery_batches WHERE status IN %s %s GROUP BY rider_id) l ON l.rider_id = r.id
            %s
            ORDER BY r.name, r.id
            """;

    /** All batches: customers aggregated in one pass over the orders (a hash join), not once per batch. */
    private static final String ALL_BATCHES = """
            SELECT b.id, b.outlet_id, o.name, b.status, b.rider_id, r.name, b.order_count, b.total_weight_kg,
                   b.created_at, b.status_changed_at, b.updated_at, b.version, c.customers
            FROM delivery_batches b
            JOIN outlets o ON o.id = b.outlet_id
            LEFT JOIN delivery_riders r ON r.id = b.rider_id
            LEFT JOIN (SELECT bo.batch_id, string_agg(co.customer_name, ', ' ORDER BY bo.sequence) AS customers
                       FROM delivery_batch_orders bo JOIN orders co ON co.id = bo.order_id
                       GROUP BY bo.batch_id) c ON c.batch_id = b.id
            ORDER BY b.created_at, b.id
            """;

    /** A few batches by id: customers looked up per batch through the (batch_id, sequence) index. */
    private static final String BATCHES_BY_ID = """
            SELECT b.id, b.outlet_id, o.name, b.status, b.rider_id, r.name, b.order_count, b.total_weight_kg,
                   b.created_at, b.status_changed_at, b.updated_at, b.version,
                   (SELECT string_agg(co.customer_name, ', ' ORDER BY bo.sequence)
                    FROM delivery_batch_orders bo JOIN orders co ON co.id = bo.order_id
                    WHERE bo.batch_id = b.id)
            FROM delivery_batches b
            JOIN outlets o ON o.id = b.outlet_id
            LEFT JOIN delivery_riders r ON r.id = b.rider_id
            WHERE b.id = ANY (?)
            ORDER BY b.created_at, b.id
            """;

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

    private static final String ORDERS = """
            SELECT bo.id, bo.order_id, bo.sequence, o.customer_name, o.delivery_address, o.weight_kg, bo.outcome,
                   bo.outcome_reason, bo.completed_at, bo.proof_of_delivery IS NOT NULL, bo.outcome_version
            FROM delivery_batch_orders bo JOIN orders o ON o.id = bo.order_id
            WHERE bo.batch_id = ?
            ORDER BY bo.sequence
            """;

    private static final String LOAD = "SELECT count(*), coalesce(sum(order_count), 0), "
            + "coalesce(sum(total_weight_kg), 0) FROM delivery_batches WHERE rider_id = ? AND status IN " + ACTIVE;

    private ReadQueries() {
    }

    public static List<RiderRow> riders(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RIDERS.formatted(ACTIVE, "", ""))) {
            return readRiders(ps);
        }
    }

    public static List<RiderRow> riders(Connection c, Collection<UUID> ids) throws SQLException {
        // The load is summed for the requested riders only, so re-reading a few riders stays cheap at any size.
        try (PreparedStatement ps = c.prepareStatement(RIDERS.formatted(ACTIVE, "AND rider_id = ANY (?)",
                "WHERE r.id = ANY (?)"))) {
            Array array = uuidArray(c, ids);
            ps.setArray(1, array);
            ps.setArray(2, array);
            return readRiders(ps);
        }
    }

    public static List<BatchRow> batches(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ALL_BATCHES)) {
            return readBatches(ps);
        }
    }

    public static List<BatchRow> batches(Connection c, Collection<UUID> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BATCHES_BY_ID)) {
            ps.setArray(1, uuidArray(c, ids));
            return readBatches(ps);
        }
    }

    /** A batch's whole audit timeline, oldest first: status, rider, orders, outcomes and reviews. */
    public static List<HistoryEntry> history(Connection c, UUID batchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(HISTORY)) {
            for (int i = 1; i <= 5; i++) {
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

    public static List<BatchOrderRow> orders(Connection c, UUID batchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ORDERS)) {
            ps.setObject(1, batchId);
            List<BatchOrderRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new BatchOrderRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getInt(3), rs.getString(4), rs.getString(5), rs.getBigDecimal(6),
                            OrderOutcome.valueOf(rs.getString(7)), rs.getString(8), instant(rs, 9),
                            rs.getBoolean(10), rs.getInt(11)));
                }
            }
            return rows;
        }
    }

    /** The rider's current load; call it only while holding the rider's row lock, under READ COMMITTED. */
    public static Load load(Connection c, UUID riderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LOAD)) {
            ps.setObject(1, riderId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Load(rs.getInt(2), rs.getBigDecimal(3), rs.getInt(1));
            }
        }
    }

    /** Status and rider of a batch, read without a lock to learn which rider to lock first; null if absent. */
    public static BatchState peekBatch(Connection c, UUID batchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT status, rider_id, version FROM delivery_batches WHERE id = ?")) {
            ps.setObject(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new BatchState(BatchStatus.valueOf(rs.getString(1)), rs.getObject(2, UUID.class),
                        rs.getLong(3)) : null;
            }
        }
    }

    public static List<OutletRow> outlets(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM outlets ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            List<OutletRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new OutletRow(rs.getObject(1, UUID.class), rs.getString(2)));
            }
            return rows;
        }
    }

    /**
     * The identity of the database this connection reaches (see {@link DatabaseIdentity}). Asking whether the login
     * may call {@code pg_control_system()} first keeps a server that revoked it from failing the transaction:
     * the privilege is checked when a statement starts, even in a branch that would not run.
     */
    public static DatabaseIdentity identity(Connection c) throws SQLException {
        long oid;
        String name;
        boolean mayReadControlData;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT d.oid, d.datname, pg_catalog.has_function_privilege('pg_catalog.pg_control_system()', 'EXECUTE')
                FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()""");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            oid = rs.getLong(1);
            name = rs.getString(2);
            mayReadControlData = rs.getBoolean(3);
        }
        if (!mayReadControlData) {
            return new DatabaseIdentity(null, oid, name);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT system_identifier FROM pg_catalog.pg_control_system()");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new DatabaseIdentity(rs.getLong(1), oid, name);
        }
    }

    private static List<RiderRow> readRiders(PreparedStatement ps) throws SQLException {
        List<RiderRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new RiderRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        VehicleType.valueOf(rs.getString(4)), Availability.valueOf(rs.getString(5)),
                        rs.getObject(6, UUID.class), rs.getString(7),
                        new RiderLimits(rs.getInt(8), rs.getBigDecimal(9), rs.getInt(10)),
                        new Load(rs.getInt(11), rs.getBigDecimal(12), rs.getInt(13)),
                        instant(rs, 14), rs.getLong(15), position(rs)));
            }
        }
        return rows;
    }

    private static List<BatchRow> readBatches(PreparedStatement ps) throws SQLException {
        ps.setFetchSize(5000);
        List<BatchRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new BatchRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                        BatchStatus.valueOf(rs.getString(4)), rs.getObject(5, UUID.class), rs.getString(6),
                        rs.getInt(7), rs.getBigDecimal(8), instant(rs, 9), instant(rs, 10), instant(rs, 11),
                        rs.getLong(12), rs.getString(13)));
            }
        }
        return rows;
    }

    private static RiderPosition position(ResultSet rs) throws SQLException {
        Instant fixAt = instant(rs, 19);
        if (fixAt == null) {
            return null;
        }
        float accuracy = rs.getFloat(18);
        return new RiderPosition(rs.getDouble(16), rs.getDouble(17), rs.wasNull() ? null : accuracy, fixAt);
    }

    private static Array uuidArray(Connection c, Collection<UUID> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.toArray());
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private static BatchStatus status(String value) {
        return value == null ? null : BatchStatus.valueOf(value);
    }
}

package com.dispatchconsole.persistence;

import static com.dispatchconsole.persistence.JdbcValues.instant;
import static com.dispatchconsole.persistence.JdbcValues.uuidArray;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.Load;
import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.VehicleType;
import com.dispatchconsole.domain.rows.RiderPosition;
import com.dispatchconsole.domain.rows.RiderRow;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Riders with their load and last position, the load a change checks under the rider's lock, and positions
 * reported by rider-side systems. Each method is one statement on the caller's transaction. (Rider row locks are
 * {@link RiderLocks}.)
 */
public final class RiderQueries {

    /**
     * The load is summed over the active batches only; the second %s narrows it to some riders. The "changed" time
     * is the rider's own {@code updated_at} (availability, limits, details), which the database sets with every new
     * version: it never goes back, unlike a time taken over the active batches, which drops when a batch finishes.
     */
    private static final String RIDERS = """
            SELECT r.id, r.name, r.phone, r.vehicle_type, r.availability, r.home_outlet_id, o.name,
                   r.max_capacity, r.max_weight_kg, r.max_active_batches,
                   coalesce(l.orders, 0), coalesce(l.weight, 0), coalesce(l.batches, 0),
                   r.updated_at, r.version,
                   loc.lat, loc.lon, loc.accuracy_m, loc.fix_at
            FROM delivery_riders r
            LEFT JOIN outlets o ON o.id = r.home_outlet_id
            LEFT JOIN rider_locations loc ON loc.rider_id = r.id
            LEFT JOIN (SELECT rider_id, sum(order_count) AS orders, sum(total_weight_kg) AS weight,
                              count(*) AS batches
                       FROM delivery_batches WHERE status IN %s %s GROUP BY rider_id) l ON l.rider_id = r.id
            %s
            ORDER BY r.name, r.id
            """;

    private static final String LOAD = "SELECT count(*), coalesce(sum(order_count), 0), "
            + "coalesce(sum(total_weight_kg), 0) FROM delivery_batches WHERE rider_id = ? AND status IN "
            + Statuses.ACTIVE;

    private static final String ACTIVE_BATCHES = "SELECT id FROM delivery_batches WHERE rider_id = ? "
            + "AND status IN " + Statuses.ACTIVE + " ORDER BY created_at";

    /** A late fix never overwrites a newer one; an unknown rider writes nothing. */
    private static final String REPORT_POSITION = """
            INSERT INTO rider_locations (rider_id, lat, lon, accuracy_m, fix_at, received_at)
            SELECT ?, ?, ?, ?, ?, now() WHERE EXISTS (SELECT 1 FROM delivery_riders WHERE id = ?)
            ON CONFLICT (rider_id) DO UPDATE
            SET lat = excluded.lat, lon = excluded.lon, accuracy_m = excluded.accuracy_m,
                fix_at = excluded.fix_at, received_at = excluded.received_at
            WHERE rider_locations.fix_at <= excluded.fix_at""";

    private RiderQueries() {
    }

    public static List<RiderRow> riders(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RIDERS.formatted(Statuses.ACTIVE, "", ""))) {
            return readRiders(ps);
        }
    }

    public static List<RiderRow> riders(Connection c, Collection<UUID> ids) throws SQLException {
        // The load is summed for the requested riders only, so re-reading a few riders stays cheap at any size.
        try (PreparedStatement ps = c.prepareStatement(RIDERS.formatted(Statuses.ACTIVE, "AND rider_id = ANY (?)",
                "WHERE r.id = ANY (?)"))) {
            Array array = uuidArray(c, ids);
            ps.setArray(1, array);
            ps.setArray(2, array);
            return readRiders(ps);
        }
    }

    /** The rider as the console shows it, after the change this transaction made (flushed first). */
    public static RiderRow readBack(Session session, UUID riderId) {
        session.flush();
        return session.doReturningWork(c -> riders(c, List.of(riderId))).get(0);
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

    /** The batches the rider carries now, oldest first. */
    public static List<UUID> activeBatchIds(Connection c, UUID riderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ACTIVE_BATCHES)) {
            ps.setObject(1, riderId);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
            return ids;
        }
    }

    /**
     * Stores a position fix unless the rider already has a newer one; false when nothing was written (an older
     * fix, or no such rider: ask {@link #exists}).
     */
    public static boolean reportPosition(Connection c, UUID riderId, double lat, double lon, Float accuracyMetres,
                                         Instant fixAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(REPORT_POSITION)) {
            ps.setObject(1, riderId);
            ps.setDouble(2, lat);
            ps.setDouble(3, lon);
            if (accuracyMetres == null) {
                ps.setNull(4, Types.REAL);
            } else {
                ps.setFloat(4, accuracyMetres);
            }
            ps.setObject(5, Timestamp.from(fixAt));
            ps.setObject(6, riderId);
            return ps.executeUpdate() > 0;
        }
    }

    /**
     * Lets the current transaction commit without waiting for its WAL flush ({@code synchronous_commit = off} for
     * this transaction only). For a rider's position fix alone: every fix notifies the consoles, and a notifying
     * commit holds PostgreSQL's one NOTIFY commit lock through its flush, so durable fixes queue every other
     * notifying commit (assignments included) behind the disk. A crash may lose the last fraction of a second of
     * fixes, which the phones send again within seconds; it can never tear a row or lose an assignment, which
     * commits durably in transactions of its own (and flushes any earlier fix with it).
     */
    public static void commitWithoutWaitingForDisk(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('synchronous_commit', 'off', true)")) {
            ps.execute();
        }
    }

    public static boolean exists(Connection c, UUID riderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM delivery_riders WHERE id = ?")) {
            ps.setObject(1, riderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
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

    private static RiderPosition position(ResultSet rs) throws SQLException {
        Instant fixAt = instant(rs, 19);
        if (fixAt == null) {
            return null;
        }
        float accuracy = rs.getFloat(18);
        return new RiderPosition(rs.getDouble(16), rs.getDouble(17), rs.wasNull() ? null : accuracy, fixAt);
    }
}

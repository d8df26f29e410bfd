package com.dispatchconsole.persistence;

import static com.dispatchconsole.persistence.JdbcValues.instant;

import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.rows.MapStop;
import com.dispatchconsole.domain.rows.RiderPosition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/** What the map reads besides the console's rows: a batch's stops with their positions, a rider's recent trail. */
public final class MapQueries {

    private static final String STOPS = """
            SELECT bo.id, bo.batch_id, bo.sequence, o.customer_name, o.delivery_address, o.delivery_lat,
                   o.delivery_lon, bo.outcome
            FROM delivery_batch_orders bo
            JOIN orders o ON o.id = bo.order_id
            WHERE bo.batch_id = ?
            ORDER BY bo.sequence""";

    /** Newest first from the index on (rider_id, id); the caller gets them oldest first. */
    private static final String TRAIL = """
            SELECT lat, lon, fix_at FROM rider_trail WHERE rider_id = ? ORDER BY id DESC LIMIT ?""";

    private MapQueries() {
    }

    /** The batch's stops in delivery sequence; none for a batch that does not exist. */
    public static List<MapStop> stops(Connection c, UUID batchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(STOPS)) {
            ps.setObject(1, batchId);
            List<MapStop> stops = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stops.add(new MapStop(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
                            rs.getString(4), rs.getString(5), rs.getObject(6, Double.class),
                            rs.getObject(7, Double.class), OrderOutcome.valueOf(rs.getString(8))));
                }
            }
            return stops;
        }
    }

    /** The rider's last {@code limit} positions (migration V23 keeps 50), oldest first; none for an unknown rider. */
    public static List<RiderPosition> trail(Connection c, UUID riderId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TRAIL)) {
            ps.setObject(1, riderId);
            ps.setInt(2, limit);
            List<RiderPosition> trail = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    trail.add(new RiderPosition(rs.getDouble(1), rs.getDouble(2), null, instant(rs, 3)));
                }
            }
            Collections.reverse(trail);
            return trail;
        }
    }
}

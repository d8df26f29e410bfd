package com.dispatchconsole.persistence;

import com.dispatchconsole.domain.Outlet;
import com.dispatchconsole.domain.rows.OutletRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/** Outlets: the list the console offers, and whether one exists before something is placed at it. */
public final class OutletQueries {

    private OutletQueries() {
    }

    public static List<OutletRow> outlets(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name, address, lat, lon FROM outlets ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            List<OutletRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(new OutletRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getObject(4, Double.class), rs.getObject(5, Double.class)));
            }
            return rows;
        }
    }

    /** Whether any outlet exists: the embedded start's "does this database need its demo shift?". */
    public static boolean any(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM outlets)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    public static boolean exists(Session session, UUID outletId) {
        return session.find(Outlet.class, outletId) != null;
    }
}

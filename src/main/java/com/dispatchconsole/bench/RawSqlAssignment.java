package com.dispatchconsole.bench;

import com.dispatchconsole.persistence.BatchQueries;
import com.dispatchconsole.persistence.Statuses;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The assignment transaction as the original design wrote it, in plain JDBC: the yardstick the service is measured
 * against. Same locks, same checks; the database's guards check again and write the audit rows for both paths alike.
 * No retries, no typed errors. Issue 15 lists the statements both send: set_config, rider lock, batch lock, load sum,
 * update, the read-back, commit. With {@code readBack} the update returns the batch as the console shows it (the
 * same columns the service returns, {@link BatchQueries#ROW_COLUMNS}) and every column is read with its type, as a
 * caller that needs the row would; without it, the update returns nothing (the "bare" figure: what the read-back costs).
 */
final class RawSqlAssignment {

    private final DataSource dataSource;
    private final String moveSql;
    private final boolean readBack;

    RawSqlAssignment(DataSource dataSource, boolean readBack) {
        this.dataSource = dataSource;
        this.readBack = readBack;
        this.moveSql = "UPDATE delivery_batches b SET status = ?, rider_id = ? WHERE b.id = ?"
                + (readBack ? " RETURNING " + BatchQueries.ROW_COLUMNS : "");
    }

    /** Returns false when the rules refuse the assignment (the transaction is rolled back). */
    boolean assign(UUID batchId, UUID riderId, String actor) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try {
                settings(c, actor);
                int capacity;
                java.math.BigDecimal maxWeight;
                int maxBatches;
                try (PreparedStatement ps = c.prepareStatement("SELECT availability, max_capacity, max_weight_kg, "
                        + "max_active_batches FROM delivery_riders WHERE id = ? FOR NO KEY UPDATE")) {
                    ps.setObject(1, riderId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || !"AVAILABLE".equals(rs.getString(1))) {
                            c.rollback();
                            return false;
                        }
                        capacity = rs.getInt(2);
                        maxWeight = rs.getBigDecimal(3);
                        maxBatches = rs.getInt(4);
                    }
                }
                int orders;
                java.math.BigDecimal weight;
                try (PreparedStatement ps = c.prepareStatement("SELECT status, order_count, total_weight_kg "
                        + "FROM delivery_batches WHERE id = ? FOR NO KEY UPDATE")) {
                    ps.setObject(1, batchId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || !"CREATED".equals(rs.getString(1))) {
                            c.rollback();
                            return false;
                        }
                        orders = rs.getInt(2);
                        weight = rs.getBigDecimal(3);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(sum(order_count), 0), "
                        + "coalesce(sum(total_weight_kg), 0) FROM delivery_batches WHERE rider_id = ? AND status IN "
                        + Statuses.ACTIVE)) {
                    ps.setObject(1, riderId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) + 1 > maxBatches || rs.getInt(2) + orders > capacity
                                || rs.getBigDecimal(3).add(weight).compareTo(maxWeight) > 0) {
                            c.rollback();
                            return false;
                        }
                    }
                }
                move(c, batchId, "ASSIGNED", riderId);
                c.commit();
                return true;
            } catch (SQLException e) {
                throw rolledBack(c, e);
            }
        }
    }

    boolean unassign(UUID batchId, UUID riderId, String actor) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try {
                settings(c, actor);
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT 1 FROM delivery_riders WHERE id = ? FOR NO KEY UPDATE")) {
                    ps.setObject(1, riderId);
                    ps.execute();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT status, rider_id FROM delivery_batches WHERE id = ? FOR NO KEY UPDATE")) {
                    ps.setObject(1, batchId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next() || !"ASSIGNED".equals(rs.getString(1))
                                || !riderId.equals(rs.getObject(2, UUID.class))) {
                            c.rollback();
                            return false;
                        }
                    }
                }
                move(c, batchId, "CREATED", null);
                c.commit();
                return true;
            } catch (SQLException e) {
                throw rolledBack(c, e);
            }
        }
    }

    /**
     * Rolls back after {@code failure}; a rollback that fails too (the connection is gone) is kept as suppressed,
     * so the caller sees why the transaction failed, not that the connection was closed afterwards.
     */
    private static SQLException rolledBack(Connection c, SQLException failure) {
        try {
            c.rollback();
        } catch (SQLException rollback) {
            failure.addSuppressed(rollback);
        }
        return failure;
    }

    private static void settings(Connection c, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('lock_timeout', '2000ms', true), "
                + "set_config('statement_timeout', '5000ms', true), set_config('dispatch.operator', ?, true)")) {
            ps.setString(1, actor);
            ps.execute();
        }
    }

    private void move(Connection c, UUID batchId, String to, UUID newRider) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(moveSql)) {
            ps.setString(1, to);
            ps.setObject(2, newRider);
            ps.setObject(3, batchId);
            if (!readBack) {
                ps.executeUpdate();
                return;
            }
            // Each column read with its own type, as a caller that maps the row would (ROW_COLUMNS' order).
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getObject(1, UUID.class);
                    rs.getObject(2, UUID.class);
                    rs.getString(3);
                    rs.getString(4);
                    rs.getObject(5, UUID.class);
                    rs.getString(6);
                    rs.getInt(7);
                    rs.getBigDecimal(8);
                    rs.getObject(9, java.time.OffsetDateTime.class);
                    rs.getObject(10, java.time.OffsetDateTime.class);
                    rs.getObject(11, java.time.OffsetDateTime.class);
                    rs.getLong(12);
                    rs.getString(13);
                }
            }
        }
    }
}

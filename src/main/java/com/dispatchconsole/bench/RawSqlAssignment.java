package com.dispatchconsole.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The assignment transaction as the original design wrote it, in plain JDBC: the yardstick the Hibernate
 * service is measured against. Same locks, same checks, same audit rows; no retries, no snapshot read-back.
 */
final class RawSqlAssignment {

    private static final String ACTIVE = "('ASSIGNED', 'PICKED', 'OUT_FOR_DELIVERY')";

    private final DataSource dataSource;

    RawSqlAssignment(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Returns false when the rules refuse the assignment (the transaction is rolled back). */
    boolean assign(UUID batchId, UUID riderId, String actor) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try {
                timeouts(c);
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
                        + ACTIVE)) {
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
                move(c, batchId, "CREATED", "ASSIGNED", riderId, null, riderId, actor);
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    boolean unassign(UUID batchId, UUID riderId, String actor) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try {
                timeouts(c);
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
                move(c, batchId, "ASSIGNED", "CREATED", null, riderId, null, actor);
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void timeouts(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT set_config('lock_timeout', '2000ms', true), set_config('statement_timeout', '5000ms', true)")) {
            ps.execute();
        }
    }

    private static void move(Connection c, UUID batchId, String from, String to, UUID newRider, UUID oldRider,
                             UUID historyNewRider, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE delivery_batches SET status = ?, rider_id = ?, "
                + "status_changed_at = now(), updated_at = now(), version = version + 1 WHERE id = ?")) {
            ps.setString(1, to);
            ps.setObject(2, newRider);
            ps.setObject(3, batchId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO batch_status_history "
                + "(batch_id, old_status, new_status, actor, changed_at) VALUES (?, ?, ?, ?, now())")) {
            ps.setObject(1, batchId);
            ps.setString(2, from);
            ps.setString(3, to);
            ps.setString(4, actor);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rider_assignment_history "
                + "(batch_id, old_rider_id, new_rider_id, actor, changed_at) VALUES (?, ?, ?, ?, now())")) {
            ps.setObject(1, batchId);
            ps.setObject(2, oldRider);
            ps.setObject(3, historyNewRider);
            ps.setString(4, actor);
            ps.executeUpdate();
        }
    }
}

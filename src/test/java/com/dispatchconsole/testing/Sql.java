package com.dispatchconsole.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Plain SQL for assertions: tests check rows in the database, not only what a service returned. */
public final class Sql {

    private final DataSource dataSource;

    public Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Object value(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String sql, Object... args) {
        return ((Number) value(sql, args)).longValue();
    }

    /** A write with parameters, as the superuser: for rows the services would refuse to write. */
    public int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute(sql);
        }
    }

    /** Runs the statements in one transaction, e.g. a SET LOCAL followed by the change it is meant for. */
    public void transaction(String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                for (String sql : statements) {
                    st.execute(sql);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** A fingerprint of everything a dispatch call can change, to prove a refused call changed nothing. */
    public String fingerprint() {
        return (String) value("""
                SELECT concat_ws('|',
                  (SELECT string_agg(id || status || coalesce(rider_id::text, '-') || version || order_count
                                     || total_weight_kg, ',' ORDER BY id) FROM delivery_batches),
                  (SELECT string_agg(id || availability || version || max_capacity, ',' ORDER BY id)
                   FROM delivery_riders),
                  (SELECT count(*) FROM batch_status_history), (SELECT count(*) FROM rider_assignment_history),
                  (SELECT count(*) FROM rider_history), (SELECT count(*) FROM batch_order_history),
                  (SELECT count(*) FROM pod_versions), (SELECT count(*) FROM pod_reviews),
                  (SELECT count(*) FROM delivery_batch_orders), (SELECT count(*) FROM orders),
                  (SELECT string_agg(id::text || max_weight_kg || max_active_batches || name, ',' ORDER BY id)
                   FROM delivery_riders),
                  (SELECT string_agg(outcome, ',' ORDER BY id) FROM delivery_batch_orders))
                """);
    }
}

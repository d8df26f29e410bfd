package com.dispatchconsole.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A control room at full size, written with set-based SQL in seconds: riders, batches in every status, orders,
 * and history chains that follow the state map (so the stress invariants would hold over it too). Every active
 * rider carries at most three batches, within limits generous enough for that.
 *
 * <p>A bulk load, not a dispatcher's work: it needs the superuser, and runs with the database's triggers off
 * ({@code session_replication_role = replica}) because no writer may create a batch in any status but CREATED.
 * It writes the history the triggers would have written itself, consistent with every row.
 */
public final class LargeDataSet {

    private LargeDataSet() {
    }

    public static void seed(DataSource dataSource, int riders, int batches) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SET LOCAL session_replication_role = replica");
            st.execute("""
                    INSERT INTO outlets (id, name, address)
                    SELECT gen_random_uuid(), 'Outlet ' || lpad(i::text, 2, '0'), i || ' Depot Road'
                    FROM generate_series(1, 12) i""");
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO delivery_riders (id, name, vehicle_type, home_outlet_id, availability, max_capacity,
                                                 max_weight_kg, max_active_batches)
                    SELECT gen_random_uuid(), 'Rider ' || lpad(i::text, 5, '0'),
                           (ARRAY['BICYCLE','SCOOTER','MOTORBIKE','CAR','VAN'])[1 + i % 5],
                           (SELECT id FROM outlets ORDER BY name OFFSET i % 12 LIMIT 1),
                           CASE WHEN i % 17 = 0 THEN 'ON_BREAK' WHEN i % 23 = 0 THEN 'OFF_DUTY' ELSE 'AVAILABLE' END,
                           30, 120, 3
                    FROM generate_series(1, ?) i""")) {
                ps.setInt(1, riders);
                ps.execute();
            }
            // Statuses by position; active batches go to available riders, three at most each.
            try (PreparedStatement ps = c.prepareStatement("""
                    CREATE TEMP TABLE seed_batches ON COMMIT DROP AS
                    WITH avail AS (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n, count(*) OVER () AS total
                                   FROM delivery_riders WHERE availability = 'AVAILABLE'),
                         b AS (SELECT i, gen_random_uuid() AS id,
                                      CASE WHEN i % 10 < 4 THEN 'CREATED' WHEN i % 10 < 8 THEN 'COMPLETED'
                                           WHEN i % 10 = 8 THEN 'FAILED' ELSE 'CANCELLED' END AS status
                               FROM generate_series(0, ? - 1) i)
                    SELECT b.i, b.id,
                           CASE WHEN b.i < (SELECT max(total) FROM avail) * 3
                                THEN (ARRAY['ASSIGNED','PICKED','OUT_FOR_DELIVERY'])[1 + (b.i / (SELECT max(total) FROM avail))::int]
                                ELSE b.status END AS status,
                           (SELECT id FROM outlets ORDER BY name OFFSET b.i % 12 LIMIT 1) AS outlet_id,
                           (SELECT a.id FROM avail a WHERE a.n = b.i % a.total) AS rider,
                           1 + b.i % 4 AS orders
                    FROM b""")) {
                ps.setInt(1, batches);
                ps.execute();
            }
            st.execute("""
                    INSERT INTO delivery_batches (id, outlet_id, status, rider_id, order_count, total_weight_kg,
                                                  created_at, status_changed_at, updated_at)
                    SELECT id, outlet_id, status,
                           CASE WHEN status IN ('CREATED', 'CANCELLED') THEN NULL ELSE rider END,
                           orders, orders * 1.25, now() - (i % 600) * interval '1 minute',
                           now() - (i % 60) * interval '1 minute', now() - (i % 60) * interval '1 minute'
                    FROM seed_batches""");
            st.execute("""
                    INSERT INTO orders (id, outlet_id, customer_name, delivery_address, weight_kg)
                    SELECT md5(s.id::text || k)::uuid, s.outlet_id, 'Customer ' || (s.i * 7 + k) % 9973,
                           k || ' ' || (s.i % 500) || ' High Street', 1.25
                    FROM seed_batches s, generate_series(1, 4) k WHERE k <= s.orders""");
            st.execute("""
                    INSERT INTO delivery_batch_orders (id, batch_id, order_id, sequence, outcome, completed_at,
                                                       outcome_version)
                    SELECT gen_random_uuid(), s.id, md5(s.id::text || k)::uuid, k,
                           CASE WHEN s.status = 'COMPLETED' THEN 'DELIVERED' ELSE 'PENDING' END,
                           CASE WHEN s.status = 'COMPLETED' THEN now() END,
                           CASE WHEN s.status = 'COMPLETED' THEN 1 ELSE 0 END
                    FROM seed_batches s, generate_series(1, 4) k WHERE k <= s.orders""");
            String seed = "'seed-large'";
            st.execute("INSERT INTO pod_versions (batch_order_id, version, outcome, actor, db_user, recorded_at) "
                    + "SELECT id, 1, outcome, " + seed + ", session_user, completed_at FROM delivery_batch_orders "
                    + "WHERE outcome_version = 1");
            st.execute("INSERT INTO batch_status_history (batch_id, old_status, new_status, actor) "
                    + "SELECT id, NULL, 'CREATED', " + seed + " FROM seed_batches ORDER BY i");
            st.execute("INSERT INTO batch_status_history (batch_id, old_status, new_status, actor) "
                    + "SELECT id, 'CREATED', 'CANCELLED', " + seed + " FROM seed_batches WHERE status = 'CANCELLED'");
            st.execute("INSERT INTO batch_status_history (batch_id, old_status, new_status, actor) "
                    + "SELECT id, 'CREATED', 'ASSIGNED', " + seed + " FROM seed_batches "
                    + "WHERE status NOT IN ('CREATED', 'CANCELLED')");
            st.execute("INSERT INTO rider_assignment_history (batch_id, old_rider_id, new_rider_id, actor) "
                    + "SELECT id, NULL, rider, " + seed + " FROM seed_batches WHERE status NOT IN ('CREATED', 'CANCELLED')");
            st.execute("INSERT INTO batch_status_history (batch_id, old_status, new_status, actor) "
                    + "SELECT id, 'ASSIGNED', 'PICKED', " + seed + " FROM seed_batches "
                    + "WHERE status IN ('PICKED', 'OUT_FOR_DELIVERY', 'COMPLETED', 'FAILED')");
            st.execute("INSERT INTO batch_status_history (batch_id, old_status, new_status, actor) "
                    + "SELECT id, 'PICKED', 'OUT_FOR_DELIVERY', " + seed + " FROM seed_batches "
                    + "WHERE status IN ('OUT_FOR_DELIVERY', 'COMPLETED')");
            st.execute("INSERT INTO batch_status_history (batch_id, old_status, new_status, actor) "
                    + "SELECT id, 'PICKED', 'FAILED', " + seed + " FROM seed_batches WHERE status = 'FAILED'");
            st.execute("INSERT INTO batch_status_history (batch_id, old_status, new_status, actor) "
                    + "SELECT id, 'OUT_FOR_DELIVERY', 'COMPLETED', " + seed + " FROM seed_batches WHERE status = 'COMPLETED'");
            c.commit();
            // Fresh statistics, or the planner guesses hundreds of orders per batch and picks hash joins.
            st.execute("ANALYZE");
            c.commit();
        }
    }
}

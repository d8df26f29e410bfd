package com.dispatchconsole.demo;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.BatchTransitions;
import com.dispatchconsole.persistence.Statuses;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** Every batch begins as this; its history starts with it. */
    private static final BatchStatus BORN = BatchStatus.CREATED;

    /** One move on the state map, as a history row records it. */
    private record Step(BatchStatus from, BatchStatus to) {
    }

    public static void seed(DataSource dataSource, int riders, int batches) throws SQLException {
        seed(dataSource, riders, batches, what -> { });
    }

    /** Riders and batches are written in parts of this many, so progress can be told. */
    private static final int PART = 10_000;

    /**
     * As {@link #seed(DataSource, int, int)}, telling {@code progress} what is being written as it goes
     * ("riders 400/2,000", "batches 10,000/50,000", "orders", "history").
     */
    public static void seed(DataSource dataSource, int riders, int batches, java.util.function.Consumer<String> progress)
            throws SQLException {
        // What a batch in each status went through: the shortest way there on the state map. Its history says
        // so, and it has a rider if that way went through ASSIGNED (a cancelled batch never had one).
        Map<BatchStatus, List<BatchStatus>> paths = new EnumMap<>(BatchStatus.class);
        for (BatchStatus status : BatchStatus.values()) {
            paths.put(status, BatchTransitions.shortestPath(BORN, status));
        }
        Set<BatchStatus> withRider = EnumSet.noneOf(BatchStatus.class);
        paths.forEach((status, path) -> {
            if (path.contains(BatchStatus.ASSIGNED)) {
                withRider.add(status);
            }
        });
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
                    FROM generate_series(?, ?) i""")) {
                int part = Math.max(1, riders / 5);
                for (int from = 1; from <= riders; from += part) {
                    int to = Math.min(riders, from + part - 1);
                    progress.accept(String.format("riders %,d/%,d", from - 1, riders));
                    ps.setInt(1, from);
                    ps.setInt(2, to);
                    ps.execute();
                }
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
                                THEN ({active})[1 + (b.i / (SELECT max(total) FROM avail))::int]
                                ELSE b.status END AS status,
                           (SELECT id FROM outlets ORDER BY name OFFSET b.i % 12 LIMIT 1) AS outlet_id,
                           (SELECT a.id FROM avail a WHERE a.n = b.i % a.total) AS rider,
                           1 + b.i % 4 AS orders
                    FROM b""".replace("{active}", Statuses.array(BatchStatus.ACTIVE)))) {
                ps.setInt(1, batches);
                ps.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO delivery_batches (id, outlet_id, status, rider_id, order_count, total_weight_kg,
                                                  created_at, status_changed_at, updated_at)
                    SELECT id, outlet_id, status,
                           CASE WHEN status IN {with_rider} THEN rider END,
                           orders, orders * 1.25, now() - (i % 600) * interval '1 minute',
                           now() - (i % 60) * interval '1 minute', now() - (i % 60) * interval '1 minute'
                    FROM seed_batches WHERE i >= ? AND i < ? ORDER BY i""".replace("{with_rider}",
                    Statuses.inList(withRider)))) {
                for (int from = 0; from < batches; from += PART) {
                    progress.accept(String.format("batches %,d/%,d", from, batches));
                    ps.setInt(1, from);
                    ps.setInt(2, Math.min(batches, from + PART));
                    ps.execute();
                }
            }
            progress.accept(String.format("orders of %,d batches", batches));
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
            progress.accept(String.format("history of %,d batches", batches));
            String seed = "'seed-large'";
            st.execute("INSERT INTO pod_versions (batch_order_id, version, outcome, actor, db_user, recorded_at) "
                    + "SELECT id, 1, outcome, " + seed + ", session_user, completed_at FROM delivery_batch_orders "
                    + "WHERE outcome_version = 1");
            st.execute("INSERT INTO batch_status_history (batch_id, old_status, new_status, actor) "
                    + "SELECT id, NULL, '" + BORN + "', " + seed + " FROM seed_batches ORDER BY i");
            // Step by step along the paths, so each batch's history rows are written oldest first.
            for (Map.Entry<Step, Set<BatchStatus>> step : steps(paths).entrySet()) {
                st.execute("INSERT INTO batch_status_history (batch_id, old_status, new_status, actor) "
                        + "SELECT id, '" + step.getKey().from() + "', '" + step.getKey().to() + "', " + seed
                        + " FROM seed_batches WHERE status IN " + Statuses.inList(step.getValue()));
            }
            st.execute("INSERT INTO rider_assignment_history (batch_id, old_rider_id, new_rider_id, actor) "
                    + "SELECT id, NULL, rider, " + seed + " FROM seed_batches WHERE status IN "
                    + Statuses.inList(withRider));
            c.commit();
            progress.accept("statistics");
            // Fresh statistics, or the planner guesses hundreds of orders per batch and picks hash joins.
            st.execute("ANALYZE");
            c.commit();
        }
    }

    /**
     * Each move of the paths with the statuses whose path makes it, the first moves first (so a batch's rows are
     * written in the order it made them).
     */
    private static Map<Step, Set<BatchStatus>> steps(Map<BatchStatus, List<BatchStatus>> paths) {
        Map<Step, Set<BatchStatus>> steps = new LinkedHashMap<>();
        int longest = paths.values().stream().mapToInt(List::size).max().orElse(0);
        for (int move = 1; move < longest; move++) {
            for (Map.Entry<BatchStatus, List<BatchStatus>> path : paths.entrySet()) {
                List<BatchStatus> way = path.getValue();
                if (way.size() > move) {
                    steps.computeIfAbsent(new Step(way.get(move - 1), way.get(move)),
                            s -> EnumSet.noneOf(BatchStatus.class)).add(path.getKey());
                }
            }
        }
        return steps;
    }
}

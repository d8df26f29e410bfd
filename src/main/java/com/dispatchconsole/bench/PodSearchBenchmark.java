package com.dispatchconsole.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Proves with EXPLAIN that the PoD searches use their indexes on a realistic amount of data: order lines get
 * PoD documents spread over Greater London, then each search is planned and timed.
 */
public final class PodSearchBenchmark {

    /** The searches as the service runs them (literal values in place of parameters, for EXPLAIN). */
    static final Map<String, String> SEARCHES = new LinkedHashMap<>();

    static {
        SEARCHES.put("boundingBox", """
                SELECT bo.id FROM delivery_batch_orders bo
                WHERE bo.proof_of_delivery ? 'coordinates'
                  AND point((bo.proof_of_delivery -> 'coordinates' ->> 'lon')::float8,
                            (bo.proof_of_delivery -> 'coordinates' ->> 'lat')::float8)
                      <@ box(point(-0.13, 51.50), point(-0.11, 51.51))""");
        SEARCHES.put("notesText", """
                SELECT bo.id FROM delivery_batch_orders bo
                WHERE to_tsvector('simple', coalesce(bo.proof_of_delivery ->> 'notes', ''))
                      @@ plainto_tsquery('simple', 'concierge')""");
        SEARCHES.put("coordinatesContainment", """
                SELECT bo.id FROM delivery_batch_orders bo
                WHERE bo.proof_of_delivery -> 'coordinates' @> '{"accuracyM": 3}'""");
    }

    private PodSearchBenchmark() {
    }

    /** Gives every order line a PoD document; returns how many rows have one. */
    public static long seedDocuments(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("""
                    UPDATE delivery_batch_orders SET outcome = 'DELIVERED', completed_at = now(),
                      proof_of_delivery = jsonb_build_object(
                        'deliveryType', (ARRAY['HANDED_TO_RECIPIENT','LEFT_AT_DOOR','SAFE_PLACE'])[1 + floor(random() * 3)::int],
                        'coordinates', jsonb_build_object('lat', round((51.30 + random() * 0.40)::numeric, 6),
                                                          'lon', round((-0.50 + random() * 0.60)::numeric, 6),
                                                          'accuracyM', 3 + floor(random() * 30)::int),
                        'photos', jsonb_build_array(jsonb_build_object('url', 'https://pod.example/' || id || '.jpg',
                                                                       'takenAt', to_char(now(), 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))),
                        'notes', (ARRAY['left with neighbour at number 12', 'handed to customer', 'left in the porch',
                                        'concierge signed for it', 'safe place behind the bins'])[1 + floor(random() * 5)::int])""");
            c.commit();
            st.execute("ANALYZE delivery_batch_orders");
            c.commit();
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM delivery_batch_orders WHERE proof_of_delivery IS NOT NULL")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** EXPLAIN ANALYZE of each search: its plan, its time, its row count, and whether an index served it. */
    public static List<Map<String, Object>> explain(DataSource dataSource) throws SQLException {
        List<Map<String, Object>> results = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            for (Map.Entry<String, String> search : SEARCHES.entrySet()) {
                StringBuilder plan = new StringBuilder();
                try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + search.getValue()
                        .replace("?", "??"))) {
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            plan.append(rs.getString(1)).append('\n');
                        }
                    }
                }
                long rows;
                long start = System.nanoTime();
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM (" + search.getValue()
                        .replace("?", "??") + ") s"); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    rows = rs.getLong(1);
                }
                double ms = (System.nanoTime() - start) / 1e6;
                String text = plan.toString();
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("search", search.getKey());
                result.put("rows", rows);
                result.put("ms", Math.round(ms * 100) / 100.0);
                result.put("usesIndex", text.contains("Index Scan") || text.contains("Bitmap Index Scan"));
                result.put("plan", text.strip());
                results.add(result);
            }
        }
        return results;
    }
}

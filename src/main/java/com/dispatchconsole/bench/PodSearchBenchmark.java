package com.dispatchconsole.bench;

import static com.dispatchconsole.domain.pod.PodFields.ACCURACY_M;
import static com.dispatchconsole.domain.pod.PodFields.COORDINATES;
import static com.dispatchconsole.domain.pod.PodFields.DELIVERY_TYPE;
import static com.dispatchconsole.domain.pod.PodFields.LAT;
import static com.dispatchconsole.domain.pod.PodFields.LON;
import static com.dispatchconsole.domain.pod.PodFields.NOTES;
import static com.dispatchconsole.domain.pod.PodFields.PHOTOS;
import static com.dispatchconsole.domain.pod.PodFields.PHOTO_TAKEN_AT;
import static com.dispatchconsole.domain.pod.PodFields.PHOTO_URL;

import com.dispatchconsole.domain.pod.PodFields;
import com.dispatchconsole.persistence.PodQueries;
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

    /** The searches as the service runs them, on the same indexed expressions, with literal values for EXPLAIN. */
    static final Map<String, String> SEARCHES = new LinkedHashMap<>();

    static {
        SEARCHES.put("boundingBox", """
                SELECT bo.id FROM delivery_batch_orders bo
                WHERE bo.proof_of_delivery ? '%s'
                  AND %s <@ box(point(-0.13, 51.50), point(-0.11, 51.51))""".formatted(COORDINATES, PodQueries.POSITION));
        SEARCHES.put("notesText", """
                SELECT bo.id FROM delivery_batch_orders bo
                WHERE %s @@ plainto_tsquery('simple', 'concierge')""".formatted(PodQueries.NOTES_VECTOR));
        SEARCHES.put("coordinatesContainment", """
                SELECT bo.id FROM delivery_batch_orders bo
                WHERE bo.proof_of_delivery -> '%s' @> '{"%s": 3}'""".formatted(COORDINATES, ACCURACY_M));
    }

    /** A PoD for every order line, spread over Greater London; field names from {@link PodFields}. */
    private static final String SEED = """
            UPDATE delivery_batch_orders SET outcome = 'DELIVERED', completed_at = now(),
              proof_of_delivery = jsonb_build_object(
                '%1$s', (ARRAY['HANDED_TO_RECIPIENT','LEFT_AT_DOOR','SAFE_PLACE'])[1 + floor(random() * 3)::int],
                '%2$s', jsonb_build_object('%3$s', round((51.30 + random() * 0.40)::numeric, 6),
                                           '%4$s', round((-0.50 + random() * 0.60)::numeric, 6),
                                           '%5$s', 3 + floor(random() * 30)::int),
                '%6$s', jsonb_build_array(jsonb_build_object('%7$s', 'https://pod.example/' || id || '.jpg',
                                                             '%8$s', to_char(now(), 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))),
                '%9$s', (ARRAY['left with neighbour at number 12', 'handed to customer', 'left in the porch',
                               'concierge signed for it', 'safe place behind the bins'])[1 + floor(random() * 5)::int])"""
            .formatted(DELIVERY_TYPE, COORDINATES, LAT, LON, ACCURACY_M, PHOTOS, PHOTO_URL, PHOTO_TAKEN_AT, NOTES);

    private PodSearchBenchmark() {
    }

    /** Gives every order line a PoD document; returns how many rows have one. */
    public static long seedDocuments(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute(SEED);
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

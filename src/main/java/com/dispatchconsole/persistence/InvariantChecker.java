package com.dispatchconsole.persistence;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.BatchTransitions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The guarantees, checked in SQL over everything in one outlet after a run. Each query returns the rows that
 * break a guarantee; an empty result everywhere is the only passing answer.
 */
public final class InvariantChecker {

    private static final String OVER_LIMIT = """
            SELECT 'rider ' || r.name || ' carries ' || sum(b.order_count) || '/' || r.max_capacity || ' orders, '
                   || sum(b.total_weight_kg) || '/' || r.max_weight_kg || ' kg, '
                   || count(*) || '/' || r.max_active_batches || ' batches'
            FROM delivery_riders r
            JOIN delivery_batches b ON b.rider_id = r.id AND b.status IN %s
            WHERE r.home_outlet_id = ?
            GROUP BY r.id
            HAVING sum(b.order_count) > r.max_capacity OR sum(b.total_weight_kg) > r.max_weight_kg
                OR count(*) > r.max_active_batches
            """.formatted(Statuses.ACTIVE);

    /** A batch handed to a second rider without being taken from the first breaks the rider chain. */
    private static final String RIDER_CHAIN = """
            WITH chain AS (
                SELECT h.batch_id, h.old_rider_id, h.new_rider_id,
                       lag(h.new_rider_id) OVER w AS previous, row_number() OVER w AS rn
                FROM rider_assignment_history h JOIN delivery_batches b ON b.id = h.batch_id
                WHERE b.outlet_id = ?
                WINDOW w AS (PARTITION BY h.batch_id ORDER BY h.id))
            SELECT 'batch ' || batch_id || ' changed rider from ' || coalesce(old_rider_id::text, 'nobody')
                   || ' but was held by ' || coalesce(previous::text, 'nobody')
            FROM chain
            WHERE old_rider_id IS DISTINCT FROM previous
            """;

    private static final String RIDER_MATCHES_HISTORY = """
            SELECT 'batch ' || b.id || ' is held by ' || coalesce(b.rider_id::text, 'nobody')
                   || ' but its history ends with ' || coalesce(last.new_rider_id::text, 'nobody')
            FROM delivery_batches b
            LEFT JOIN LATERAL (SELECT h.new_rider_id FROM rider_assignment_history h
                               WHERE h.batch_id = b.id ORDER BY h.id DESC LIMIT 1) last ON true
            WHERE b.outlet_id = ? AND b.rider_id IS DISTINCT FROM last.new_rider_id
            """;

    private static final String STATUS_CHAIN = """
            WITH legal(f, t) AS (VALUES %s),
            chain AS (
                SELECT h.batch_id, h.old_status, h.new_status,
                       lag(h.new_status) OVER w AS previous, row_number() OVER w AS rn
                FROM batch_status_history h JOIN delivery_batches b ON b.id = h.batch_id
                WHERE b.outlet_id = ?
                WINDOW w AS (PARTITION BY h.batch_id ORDER BY h.id))
            SELECT 'batch ' || batch_id || ' moved ' || coalesce(old_status, 'nothing') || ' -> ' || new_status
                   || ' after ' || coalesce(previous, 'nothing')
            FROM chain
            WHERE (rn = 1 AND NOT (old_status IS NULL AND new_status = 'CREATED'))
               OR (rn > 1 AND (old_status IS DISTINCT FROM previous
                               OR NOT EXISTS (SELECT 1 FROM legal WHERE f = old_status AND t = new_status)))
            """;

    private static final String STATUS_MATCHES_HISTORY = """
            SELECT 'batch ' || b.id || ' is ' || b.status || ' but its history ends with '
                   || coalesce(last.new_status, 'nothing')
            FROM delivery_batches b
            LEFT JOIN LATERAL (SELECT h.new_status FROM batch_status_history h
                               WHERE h.batch_id = b.id ORDER BY h.id DESC LIMIT 1) last ON true
            WHERE b.outlet_id = ? AND b.status IS DISTINCT FROM last.new_status
            """;

    private static final String TOTALS = """
            SELECT 'batch ' || b.id || ' says ' || b.order_count || ' orders / ' || b.total_weight_kg
                   || ' kg but holds ' || count(o.id) || ' / ' || coalesce(sum(o.weight_kg), 0)
            FROM delivery_batches b
            LEFT JOIN delivery_batch_orders bo ON bo.batch_id = b.id
            LEFT JOIN orders o ON o.id = bo.order_id
            WHERE b.outlet_id = ?
            GROUP BY b.id
            HAVING b.order_count <> count(o.id) OR b.total_weight_kg <> coalesce(sum(o.weight_kg), 0)
            """;

    private static final String RUN_HISTORY = """
            SELECT (SELECT count(*) FROM batch_status_history WHERE actor LIKE ? ESCAPE '!'),
                   (SELECT count(*) FROM rider_assignment_history WHERE actor LIKE ? ESCAPE '!'),
                   (SELECT count(*) FROM batch_status_history
                    WHERE actor LIKE ? ESCAPE '!' AND old_status = 'ASSIGNED' AND new_status = 'CANCELLED')
            """;

    private InvariantChecker() {
    }

    /** Every violation of the guarantees among the riders and batches of one outlet, as readable lines. */
    public static List<String> check(DataSource dataSource, UUID outletId) throws SQLException {
        List<String> violations = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            for (String sql : List.of(OVER_LIMIT, RIDER_CHAIN, RIDER_MATCHES_HISTORY,
                    STATUS_CHAIN.formatted(legalPairs()), STATUS_MATCHES_HISTORY, TOTALS)) {
                violations.addAll(lines(c, sql, outletId));
            }
        }
        return violations;
    }

    /**
     * Compares the audit rows written under one run's actors with the calls that run saw succeed; a mismatch
     * means a call reported success without its history or wrote history for a call that failed.
     */
    public static List<String> checkHistory(DataSource dataSource, String actorPrefix, long expectedStatusRows,
                                            long expectedAssignmentRowsBesidesCancels) throws SQLException {
        String like = actorPrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(RUN_HISTORY)) {
            c.setAutoCommit(true);
            ps.setString(1, like);
            ps.setString(2, like);
            ps.setString(3, like);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long status = rs.getLong(1);
                long assignment = rs.getLong(2);
                long cancelsOfAssigned = rs.getLong(3);
                List<String> problems = new ArrayList<>();
                if (status != expectedStatusRows) {
                    problems.add("status history has " + status + " rows for this run, calls succeeded for "
                            + expectedStatusRows);
                }
                if (assignment != expectedAssignmentRowsBesidesCancels + cancelsOfAssigned) {
                    problems.add("assignment history has " + assignment + " rows for this run, expected "
                            + (expectedAssignmentRowsBesidesCancels + cancelsOfAssigned));
                }
                return problems;
            }
        }
    }

    /**
     * Riders over a limit right now. The stress run samples this while it runs, because an overload that a later
     * unassignment or delivery cleared would be invisible to a check made only at the end.
     */
    public static List<String> overLimit(Connection c, UUID outletId) throws SQLException {
        return lines(c, OVER_LIMIT, outletId);
    }

    static String legalPairs() {
        StringJoiner values = new StringJoiner(", ");
        for (BatchStatus from : BatchStatus.values()) {
            for (BatchStatus to : BatchTransitions.allowedFrom(from)) {
                values.add("('" + from + "', '" + to + "')");
            }
        }
        return values.toString();
    }

    private static List<String> lines(Connection c, String sql, UUID outletId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, outletId);
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            }
            return lines;
        }
    }
}

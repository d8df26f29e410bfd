package com.dispatchconsole.persistence;

import static com.dispatchconsole.persistence.JdbcValues.instant;
import static com.dispatchconsole.persistence.JdbcValues.uuidArray;

import com.dispatchconsole.domain.BatchOrder;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DeliveryBatch;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import jakarta.persistence.LockModeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Batches and their order lines: the console's reads (one statement per table, so a whole table costs one round
 * trip however many rows it has: no N+1), the lookups a change makes under its locks, and the read-back after a
 * change. Runs on the caller's transaction.
 */
public final class BatchQueries {

    /** All batches: customers aggregated in one pass over the orders (a hash join), not once per batch. */
    private static final String ALL_BATCHES = """
            SELECT b.id, b.outlet_id, o.name, b.status, b.rider_id, r.name, b.order_count, b.total_weight_kg,
                   b.created_at, b.status_changed_at, b.updated_at, b.version, c.customers
            FROM delivery_batches b
            JOIN outlets o ON o.id = b.outlet_id
            LEFT JOIN delivery_riders r ON r.id = b.rider_id
            LEFT JOIN (SELECT bo.batch_id, string_agg(co.customer_name, ', ' ORDER BY bo.sequence) AS customers
                       FROM delivery_batch_orders bo JOIN orders co ON co.id = bo.order_id
                       GROUP BY bo.batch_id) c ON c.batch_id = b.id
            ORDER BY b.created_at, b.id
            """;

    /**
     * The columns of one batch row as the console shows it, on a batch aliased {@code b}: names and customers looked
     * up per row by primary key (scalar subqueries, each an index probe), not joined. For a few rows, and for the row
     * a move returns, that costs the server about half of planned joins and a hash-joined customer list (issue 15:
     * 66-80 µs against 103-140 µs of server CPU per row, measured on the demo data). The customers follow the
     * batch's line order. Public for the benchmark's raw-JDBC yardstick, which reads back the same row.
     */
    public static final String ROW_COLUMNS = """
            b.id, b.outlet_id, (SELECT o.name FROM outlets o WHERE o.id = b.outlet_id), b.status, b.rider_id,
                   (SELECT r.name FROM delivery_riders r WHERE r.id = b.rider_id), b.order_count, b.total_weight_kg,
                   b.created_at, b.status_changed_at, b.updated_at, b.version,
                   (SELECT string_agg((SELECT co.customer_name FROM orders co WHERE co.id = bo.order_id), ', '
                                      ORDER BY bo.sequence)
                    FROM delivery_batch_orders bo WHERE bo.batch_id = b.id)
            """;

    /** A few batches (a WHERE clause follows). */
    private static final String SOME_BATCHES = "SELECT " + ROW_COLUMNS + "FROM delivery_batches b\n";

    private static final String BATCHES_BY_ID = SOME_BATCHES + """
            WHERE b.id = ANY (?)
            ORDER BY b.created_at, b.id
            """;

    /**
     * The update of {@link #moveAndReadBack}: the row it leaves, as {@link #SOME_BATCHES} reads it, in the same
     * statement (RETURNING sees the row after the database's guard stamped it).
     */
    private static final String MOVE_AND_READ_BACK = "UPDATE delivery_batches b SET status = ?, rider_id = ? "
            + "WHERE b.id = ? AND b.version = ?\nRETURNING " + ROW_COLUMNS;

    /** Newest first; the id breaks ties between batches created in the same instant, so the order is stable. */
    private static final String NEWEST_FIRST = " ORDER BY b.created_at DESC, b.id DESC";

    private static final String ORDERS = """
            SELECT bo.id, bo.order_id, bo.sequence, o.customer_name, o.delivery_address, o.weight_kg, bo.outcome,
                   bo.outcome_reason, bo.completed_at, bo.proof_of_delivery IS NOT NULL, bo.outcome_version,
                   o.customer_phone
            FROM delivery_batch_orders bo JOIN orders o ON o.id = bo.order_id
            WHERE bo.batch_id = ?
            ORDER BY bo.sequence
            """;

    private BatchQueries() {
    }

    public static List<BatchRow> batches(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ALL_BATCHES)) {
            return readBatches(ps);
        }
    }

    /**
     * All batches as {@link #batches(Connection)} reads them, in one statement (one snapshot), handed to {@code parts}
     * in parts of {@code partSize} rows as they are fetched (a cursor), so a caller can show the first ones while the
     * rest still arrive. Returns them all.
     */
    public static List<BatchRow> batches(Connection c, int partSize, java.util.function.Consumer<List<BatchRow>> parts)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ALL_BATCHES)) {
            ps.setFetchSize(partSize);
            List<BatchRow> rows = new ArrayList<>();
            List<BatchRow> part = new ArrayList<>(partSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    BatchRow row = batchRow(rs);
                    rows.add(row);
                    part.add(row);
                    if (part.size() == partSize) {
                        parts.accept(List.copyOf(part));
                        part.clear();
                    }
                }
            }
            if (!part.isEmpty()) {
                parts.accept(List.copyOf(part));
            }
            return rows;
        }
    }

    /** How many batches there are: what a load in parts counts towards. */
    public static int count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM delivery_batches");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    public static List<BatchRow> batches(Connection c, Collection<UUID> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BATCHES_BY_ID)) {
            ps.setArray(1, uuidArray(c, ids));
            return readBatches(ps);
        }
    }

    /** An outlet's batches in these statuses, newest first, at most {@code limit} of them. */
    public static List<BatchRow> outletBatches(Connection c, UUID outletId, Collection<BatchStatus> statuses, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SOME_BATCHES + "WHERE b.outlet_id = ? AND b.status IN "
                + Statuses.inList(statuses) + NEWEST_FIRST + " LIMIT ?")) {
            ps.setObject(1, outletId);
            ps.setInt(2, limit);
            return readBatches(ps);
        }
    }

    /** A rider's batches in these statuses, newest first. */
    public static List<BatchRow> riderBatches(Connection c, UUID riderId, Collection<BatchStatus> statuses)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SOME_BATCHES + "WHERE b.rider_id = ? AND b.status IN "
                + Statuses.inList(statuses) + NEWEST_FIRST)) {
            ps.setObject(1, riderId);
            return readBatches(ps);
        }
    }

    /**
     * The batch as the console shows it, after the change this transaction made: the one read-back every use case
     * returns. Flushed first, so the row carries what the database computed (counts, weight, version, times).
     */
    public static BatchRow readBack(Session session, UUID batchId) {
        session.flush();
        return session.doReturningWork(c -> batches(c, List.of(batchId))).get(0);
    }

    public static List<BatchOrderRow> orders(Connection c, UUID batchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ORDERS)) {
            ps.setObject(1, batchId);
            List<BatchOrderRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new BatchOrderRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getInt(3), rs.getString(4), rs.getString(5), rs.getBigDecimal(6),
                            OrderOutcome.valueOf(rs.getString(7)), rs.getString(8), instant(rs, 9),
                            rs.getBoolean(10), rs.getInt(11), rs.getString(12)));
                }
            }
            return rows;
        }
    }

    /** Status and rider of a batch, read without a lock to learn which rider to lock first; null if absent. */
    public static BatchState peekBatch(Connection c, UUID batchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT status, rider_id, version FROM delivery_batches WHERE id = ?")) {
            ps.setObject(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new BatchState(BatchStatus.valueOf(rs.getString(1)), rs.getObject(2, UUID.class),
                        rs.getLong(3)) : null;
            }
        }
    }

    /** The batch, locked until the transaction ends; take its rider's lock first. Null if absent. */
    public static DeliveryBatch lock(Session session, UUID batchId) {
        return session.find(DeliveryBatch.class, batchId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The batch, locked until the transaction ends (the same {@code FOR NO KEY UPDATE} Hibernate sends for
     * {@link #lock(Session, UUID)}), on the caller's JDBC transaction; take its rider's lock first. Null if absent.
     */
    public static LockedBatch lock(Connection c, UUID batchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status, rider_id, order_count, total_weight_kg, version "
                + "FROM delivery_batches WHERE id = ? FOR NO KEY UPDATE")) {
            ps.setObject(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new LockedBatch(batchId, BatchStatus.valueOf(rs.getString(1)),
                        rs.getObject(2, UUID.class), rs.getInt(3), rs.getBigDecimal(4), rs.getLong(5)) : null;
            }
        }
    }

    /**
     * Moves a locked batch to {@code status} with {@code riderId}, if it is still at {@code version}, and reads it
     * back as {@link #readBack} does, in one statement: the row the update returns (with what the database's guard
     * computed: version, times), joined to its outlet, rider and customers. Null when the version moved (the
     * update touched nothing). The database's triggers check the move again and write the history rows.
     */
    public static BatchRow moveAndReadBack(Connection c, UUID batchId, long version, BatchStatus status, UUID riderId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MOVE_AND_READ_BACK)) {
            ps.setString(1, status.name());
            ps.setObject(2, riderId);
            ps.setObject(3, batchId);
            ps.setLong(4, version);
            List<BatchRow> rows = readBatches(ps);
            return rows.isEmpty() ? null : rows.get(0);
        }
    }

    /** How many lines of the batch have no outcome yet, on the caller's JDBC transaction. */
    public static long pendingOutcomes(Connection c, UUID batchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM delivery_batch_orders WHERE batch_id = ? AND outcome = ?")) {
            ps.setObject(1, batchId);
            ps.setString(2, OrderOutcome.PENDING.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The line of {@code orderId} in the batch; null when the order is not in it. */
    public static BatchOrder line(Session session, UUID batchId, UUID orderId) {
        return session.createSelectionQuery("from BatchOrder o where o.batchId = :b and o.orderId = :o", BatchOrder.class)
                .setParameter("b", batchId).setParameter("o", orderId).getSingleResultOrNull();
    }

    /** The sequence number a new line gets: one after the highest line the batch has. */
    public static int nextSequence(Session session, UUID batchId) {
        return session.createSelectionQuery(
                        "select coalesce(max(o.sequence), 0) + 1 from BatchOrder o where o.batchId = :b", Integer.class)
                .setParameter("b", batchId).getSingleResult();
    }

    private static List<BatchRow> readBatches(PreparedStatement ps) throws SQLException {
        ps.setFetchSize(5000);
        List<BatchRow> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(batchRow(rs));
            }
        }
        return rows;
    }

    private static BatchRow batchRow(ResultSet rs) throws SQLException {
        return new BatchRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                BatchStatus.valueOf(rs.getString(4)), rs.getObject(5, UUID.class), rs.getString(6),
                rs.getInt(7), rs.getBigDecimal(8), instant(rs, 9), instant(rs, 10), instant(rs, 11),
                rs.getLong(12), rs.getString(13));
    }
}

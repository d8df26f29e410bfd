package com.dispatchconsole.persistence;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.Rider;
import com.dispatchconsole.domain.RiderLimits;
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
 * Takes rider row locks. Riders are locked with a plain single-table select ({@code Rider} has no associations),
 * because Hibernate's follow-on locking for queries with outer joins has shipped versions that silently took
 * no lock at all. Several riders are locked in one statement ordered by id, so that two consoles locking the
 * same pair in opposite order cannot deadlock.
 *
 * <p>The assignment path takes the same locks in plain JDBC ({@link #lock(Connection, UUID)}): the same single-table
 * {@code SELECT ... FOR NO KEY UPDATE} Hibernate sends for {@code PESSIMISTIC_WRITE}, without building the query
 * anew for every call (an {@code in :ids} list keeps Hibernate from caching its translation).
 */
public final class RiderLocks {

    private static final String COLUMNS = "SELECT id, name, availability, max_capacity, max_weight_kg, "
            + "max_active_batches FROM delivery_riders ";
    private static final String LOCK = " FOR NO KEY UPDATE";

    private final boolean enabled;
    /*
     * The statements, built once: pgjdbc finds its prepared statement by the SQL text, so a string concatenated anew
     * on every call would be hashed and compared character by character on every call (issue 15's profile).
     */
    private final String lockOne;
    private final String lockMany;
    private final String peekLockingRider;

    /** @param enabled false only in tests that prove the stress harness catches a missing lock */
    public RiderLocks(boolean enabled) {
        this.enabled = enabled;
        String lock = enabled ? LOCK : "";
        this.lockOne = COLUMNS + "WHERE id = ?" + lock;
        this.lockMany = COLUMNS + "WHERE id = ANY (?) ORDER BY id" + lock;
        this.peekLockingRider = "SELECT b.status, b.rider_id, b.version FROM delivery_batches b "
                + "LEFT JOIN LATERAL (SELECT r.id FROM delivery_riders r WHERE r.id = b.rider_id "
                + "AND b.status = ANY (?) AND (?::bigint IS NULL OR b.version = ?::bigint)" + lock
                + ") locked ON true WHERE b.id = ?";
    }

    /** Locks one rider; null when no such rider exists. */
    public Rider lock(Session session, UUID riderId) {
        List<Rider> riders = lockInIdOrder(session, List.of(riderId));
        return riders.isEmpty() ? null : riders.get(0);
    }

    /** Locks riders with one {@code ... WHERE id IN (...) ORDER BY id FOR ...} statement. */
    public List<Rider> lockInIdOrder(Session session, Collection<UUID> riderIds) {
        var query = session.createSelectionQuery("from Rider r where r.id in :ids order by r.id", Rider.class)
                .setParameter("ids", riderIds);
        if (enabled) {
            query.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        return query.getResultList();
    }

    /** Locks one rider on the caller's JDBC transaction; null when no such rider exists. */
    public LockedRider lock(Connection c, UUID riderId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(lockOne)) {
            ps.setObject(1, riderId);
            List<LockedRider> riders = read(ps);
            return riders.isEmpty() ? null : riders.get(0);
        }
    }

    /** Locks riders with one {@code ... WHERE id = ANY (?) ORDER BY id FOR NO KEY UPDATE} statement. */
    public List<LockedRider> lockInIdOrder(Connection c, Collection<UUID> riderIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(lockMany)) {
            ps.setArray(1, JdbcValues.uuidArray(c, riderIds));
            return read(ps);
        }
    }

    /**
     * Reads a batch (unlocked, as a peek does) and, in the same statement, locks its rider, but only when the batch
     * is in one of {@code movableFrom} and still at {@code expectedVersion} (null: any): a move that will be refused
     * takes no lock and waits for none, as when the peek and the lock were two statements. One round trip instead of
     * two on the hot path (an unassign knows only its batch); the caller still locks the batch next and starts
     * again if it moved in between. Null when no such batch exists.
     */
    public BatchState peekLockingRider(Connection c, UUID batchId, Collection<BatchStatus> movableFrom,
                                       Long expectedVersion) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(peekLockingRider)) {
            ps.setArray(1, c.createArrayOf("text", movableFrom.stream().map(Enum::name).toArray()));
            ps.setObject(2, expectedVersion, java.sql.Types.BIGINT);
            ps.setObject(3, expectedVersion, java.sql.Types.BIGINT);
            ps.setObject(4, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new BatchState(BatchStatus.valueOf(rs.getString(1)), rs.getObject(2, UUID.class),
                        rs.getLong(3)) : null;
            }
        }
    }

    private static List<LockedRider> read(PreparedStatement ps) throws SQLException {
        List<LockedRider> riders = new ArrayList<>(2);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                riders.add(new LockedRider(rs.getObject(1, UUID.class), rs.getString(2),
                        Availability.valueOf(rs.getString(3)),
                        new RiderLimits(rs.getInt(4), rs.getBigDecimal(5), rs.getInt(6))));
            }
        }
        return riders;
    }
}

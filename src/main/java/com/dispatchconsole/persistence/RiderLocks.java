package com.dispatchconsole.persistence;

import com.dispatchconsole.domain.Rider;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Takes rider row locks. Riders are locked with a plain single-table select ({@code Rider} has no associations),
 * because Hibernate's follow-on locking for queries with outer joins has shipped versions that silently took
 * no lock at all. Several riders are locked in one statement ordered by id, so that two consoles locking the
 * same pair in opposite order cannot deadlock.
 */
public final class RiderLocks {

    private final boolean enabled;

    /** @param enabled false only in tests that prove the stress harness catches a missing lock */
    public RiderLocks(boolean enabled) {
        this.enabled = enabled;
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
}

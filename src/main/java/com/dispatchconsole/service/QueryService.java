package com.dispatchconsole.service;

import com.dispatchconsole.domain.rows.AllRows;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.ChangedRows;
import com.dispatchconsole.domain.rows.DatabaseIdentity;
import com.dispatchconsole.domain.rows.HistoryEntry;
import com.dispatchconsole.domain.rows.OutletRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.BatchQueries;
import com.dispatchconsole.persistence.DatabaseQueries;
import com.dispatchconsole.persistence.HistoryQueries;
import com.dispatchconsole.persistence.OutletQueries;
import com.dispatchconsole.persistence.RiderQueries;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** What the console reads: whole tables in one query each, or just the rows that changed. */
public final class QueryService {

    private final UnitOfWork unitOfWork;

    public QueryService(UnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    public List<RiderRow> riders() {
        return unitOfWork.read(RiderQueries::riders);
    }

    public List<RiderRow> riders(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : unitOfWork.read(c -> RiderQueries.riders(c, ids));
    }

    public List<BatchRow> batches() {
        return unitOfWork.read(BatchQueries::batches);
    }

    public List<BatchRow> batches(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : unitOfWork.read(c -> BatchQueries.batches(c, ids));
    }

    /** Batches and riders by id in one transaction: what a live update re-reads per burst. */
    public ChangedRows changed(Collection<UUID> batchIds, Collection<UUID> riderIds) {
        if (batchIds.isEmpty() && riderIds.isEmpty()) {
            return new ChangedRows(List.of(), List.of());
        }
        return unitOfWork.read(c -> new ChangedRows(
                batchIds.isEmpty() ? List.of() : BatchQueries.batches(c, batchIds),
                riderIds.isEmpty() ? List.of() : RiderQueries.riders(c, riderIds)));
    }

    /**
     * Every batch and rider with the identity of the database they came from, in one transaction: what a console
     * reads after its live feed was away, to tell "the same database, changed meanwhile" from "another database".
     */
    public AllRows everything() {
        return unitOfWork.read(c -> new AllRows(DatabaseQueries.identity(c), BatchQueries.batches(c), RiderQueries.riders(c)));
    }

    /** Which database the pool reaches now: the cluster's system identifier, the database's oid and name. */
    public DatabaseIdentity identity() {
        return unitOfWork.read(DatabaseQueries::identity);
    }

    public BatchRow batch(UUID batchId) {
        Checks.requireId(batchId, "batch");
        List<BatchRow> rows = batches(List.of(batchId));
        if (rows.isEmpty()) {
            throw Checks.batchNotFound(batchId);
        }
        return rows.get(0);
    }

    public List<HistoryEntry> history(UUID batchId) {
        Checks.requireId(batchId, "batch");
        return unitOfWork.read(c -> HistoryQueries.history(c, batchId));
    }

    public List<BatchOrderRow> orders(UUID batchId) {
        Checks.requireId(batchId, "batch");
        return unitOfWork.read(c -> BatchQueries.orders(c, batchId));
    }

    /** "user (role)" of this connection, e.g. "demo_dispatcher (dispatcher)" or "postgres (owner)". */
    public String sessionRole() {
        return unitOfWork.read(DatabaseQueries::role);
    }

    public List<OutletRow> outlets() {
        return unitOfWork.read(OutletQueries::outlets);
    }
}

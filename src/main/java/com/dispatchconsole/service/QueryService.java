package com.dispatchconsole.service;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.pod.ReviewSettings;
import com.dispatchconsole.domain.rows.AllRows;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.ChangedRows;
import com.dispatchconsole.domain.rows.ConsoleSnapshot;
import com.dispatchconsole.domain.rows.DatabaseIdentity;
import com.dispatchconsole.domain.rows.HistoryEntry;
import com.dispatchconsole.domain.rows.OutletRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.domain.rows.RowsAfterChange;
import com.dispatchconsole.persistence.BatchQueries;
import com.dispatchconsole.persistence.DatabaseQueries;
import com.dispatchconsole.persistence.HistoryQueries;
import com.dispatchconsole.persistence.OutletQueries;
import com.dispatchconsole.persistence.PodQueries;
import com.dispatchconsole.persistence.ReviewSettingsQueries;
import com.dispatchconsole.persistence.RiderQueries;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** What the console reads: whole tables in one query each, or just the rows that changed. */
public final class QueryService {

    /** The most batches one {@link #outletBatches} read returns. */
    public static final int MAX_BATCHES_PER_READ = 1000;

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
     * After a change to some batches, in one transaction: {@code batchIds} as they are now; the riders
     * {@code riderIds} and the riders those batches are with now; and the newest history entry of each batch in
     * {@code versionsSeen} that is no longer the version given there (a change the caller's screen did not show).
     */
    public RowsAfterChange afterChange(Collection<UUID> batchIds, Collection<UUID> riderIds,
                                       Map<UUID, Long> versionsSeen) {
        if (batchIds.isEmpty() && riderIds.isEmpty()) {
            return new RowsAfterChange(List.of(), List.of(), Map.of());
        }
        return unitOfWork.read(c -> {
            List<BatchRow> batches = batchIds.isEmpty() ? List.of() : BatchQueries.batches(c, batchIds);
            Set<UUID> riders = new LinkedHashSet<>(riderIds);
            Map<UUID, HistoryEntry> newest = new HashMap<>();
            for (BatchRow batch : batches) {
                if (batch.riderId() != null) {
                    riders.add(batch.riderId());
                }
                Long seen = versionsSeen.get(batch.id());
                if (seen != null && seen != batch.version()) {
                    List<HistoryEntry> history = HistoryQueries.history(c, batch.id());
                    if (!history.isEmpty()) {
                        newest.put(batch.id(), history.get(history.size() - 1));
                    }
                }
            }
            return new RowsAfterChange(batches, riders.isEmpty() ? List.of() : RiderQueries.riders(c, riders), newest);
        });
    }

    /**
     * Every batch and rider with the identity of the database they came from, in one transaction: what a console
     * reads after its live feed was away, to tell "the same database, changed meanwhile" from "another database".
     */
    public AllRows everything() {
        return unitOfWork.read(QueryService::allRows);
    }

    /**
     * What a console shows after a full load, in one transaction: the identity of the database, its outlets, every
     * rider and batch, the session's role and whether it may review PoDs. One connection answers all of it, so the
     * identity is that of the database the rows came from.
     */
    public ConsoleSnapshot consoleSnapshot() {
        return unitOfWork.read(c -> {
            AllRows all = allRows(c);
            return new ConsoleSnapshot(all.identity(), OutletQueries.outlets(c), all.riders(), all.batches(),
                    DatabaseQueries.role(c), PodQueries.mayReview(c));
        });
    }

    /** Where a load in parts hands what it reads, on the reading thread, as it reads it. */
    public interface SnapshotParts {

        /**
         * First: the identity, outlets, role and riders (the snapshot's batches still empty), and how many batches
         * there are about to be.
         */
        void head(ConsoleSnapshot head, int batchCount);

        /** Then the batches, part after part, in the order {@link #consoleSnapshot()} gives them. */
        void batches(List<BatchRow> part);
    }

    /**
     * {@link #consoleSnapshot()} read in parts: the same transaction, connection and one statement for the batches,
     * handed to {@code parts} as it is read (the riders first, then the batches {@code partSize} at a time), so a
     * console fills its tables while a large control room still loads. Returns the whole snapshot at the end.
     */
    public ConsoleSnapshot consoleSnapshot(int partSize, SnapshotParts parts) {
        return unitOfWork.read(c -> {
            DatabaseIdentity identity = DatabaseQueries.identity(c);
            List<OutletRow> outlets = OutletQueries.outlets(c);
            List<RiderRow> riders = RiderQueries.riders(c);
            String role = DatabaseQueries.role(c);
            boolean canReview = PodQueries.mayReview(c);
            parts.head(new ConsoleSnapshot(identity, outlets, riders, List.of(), role, canReview),
                    BatchQueries.count(c));
            List<BatchRow> batches = BatchQueries.batches(c, partSize, parts::batches);
            return new ConsoleSnapshot(identity, outlets, riders, batches, role, canReview);
        });
    }

    private static AllRows allRows(Connection c) throws SQLException {
        return new AllRows(DatabaseQueries.identity(c), BatchQueries.batches(c), RiderQueries.riders(c));
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

    /**
     * An outlet's batches in {@code statuses}, newest first (creation time), at most {@code limit} (1 to
     * {@link #MAX_BATCHES_PER_READ}); none for an outlet that does not exist. Pass every status to mean all of them.
     */
    public List<BatchRow> outletBatches(UUID outletId, Set<BatchStatus> statuses, int limit) {
        Checks.requireId(outletId, "outlet");
        requireStatuses(statuses);
        if (limit < 1 || limit > MAX_BATCHES_PER_READ) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "A limit is 1 to " + MAX_BATCHES_PER_READ
                    + " batches; got " + limit + ".");
        }
        return unitOfWork.read(c -> BatchQueries.outletBatches(c, outletId, statuses, limit));
    }

    /** A rider's batches in {@code statuses}, newest first (creation time); none for a rider who does not exist. */
    public List<BatchRow> riderBatches(UUID riderId, Set<BatchStatus> statuses) {
        Checks.requireId(riderId, "rider");
        requireStatuses(statuses);
        return unitOfWork.read(c -> BatchQueries.riderBatches(c, riderId, statuses));
    }

    private static void requireStatuses(Set<BatchStatus> statuses) {
        if (statuses == null || statuses.isEmpty() || statuses.stream().anyMatch(Objects::isNull)) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "Name at least one batch status.");
        }
    }

    public List<HistoryEntry> history(UUID batchId) {
        Checks.requireId(batchId, "batch");
        return unitOfWork.read(c -> HistoryQueries.history(c, batchId));
    }

    public List<BatchOrderRow> orders(UUID batchId) {
        Checks.requireId(batchId, "batch");
        return unitOfWork.read(c -> BatchQueries.orders(c, batchId));
    }

    /** The most positions one {@link #trail} read returns (migration V23 keeps 50 per rider). */
    public static final int MAX_TRAIL = 50;

    /** A batch's stops in delivery sequence with their addresses' positions, for the map; none for an unknown batch. */
    public List<com.dispatchconsole.domain.rows.MapStop> stops(UUID batchId) {
        Checks.requireId(batchId, "batch");
        return unitOfWork.read(c -> com.dispatchconsole.persistence.MapQueries.stops(c, batchId));
    }

    /** A rider's last {@code limit} (1 to {@link #MAX_TRAIL}) positions, oldest first, for the map's trail. */
    public List<com.dispatchconsole.domain.rows.RiderPosition> trail(UUID riderId, int limit) {
        Checks.requireId(riderId, "rider");
        if (limit < 1 || limit > MAX_TRAIL) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "A trail is 1 to " + MAX_TRAIL
                    + " positions; got " + limit + ".");
        }
        return unitOfWork.read(c -> com.dispatchconsole.persistence.MapQueries.trail(c, riderId, limit));
    }

    /** The database server's clock now: the one clock every console judges lateness by. */
    public java.time.Instant serverTime() {
        return unitOfWork.read(DatabaseQueries::serverTime);
    }

    /** "user (role)" of this connection, e.g. "demo_dispatcher (dispatcher)" or "postgres (owner)". */
    public String sessionRole() {
        return unitOfWork.read(DatabaseQueries::role);
    }

    public List<OutletRow> outlets() {
        return unitOfWork.read(OutletQueries::outlets);
    }

    /**
     * The control room's review settings (migration V18): when a PoD counts as late, who set it and when. Every
     * console reads them with the rows it flags; {@link PodService#setLateAfter} changes them.
     */
    public ReviewSettings reviewSettings() {
        return unitOfWork.read(c -> present(ReviewSettingsQueries.read(c)));
    }

    /** The settings row as read, or UNEXPECTED when it is missing. */
    static ReviewSettings present(ReviewSettings settings) {
        if (settings == null) {
            throw new DispatchException(ErrorCode.UNEXPECTED, "The review settings row is missing from the database "
                    + "(migration V18 creates it and nobody may delete it); ask the database's owner to restore it.");
        }
        return settings;
    }

    // ---- reports and exports (issue 14): read-only, each one statement in one transaction --------------------

    /**
     * The shift summary of {@code range} (see {@link com.dispatchconsole.persistence.ShiftSummaryQueries}): the
     * outlets' lines, then the riders', counted by the database; breaches judged against {@code thresholds}.
     */
    public List<com.dispatchconsole.domain.report.ShiftSummaryRow> shiftSummary(
            com.dispatchconsole.domain.report.ReportRange range, com.dispatchconsole.domain.sla.SlaThresholds thresholds) {
        return shiftSummary(range, thresholds, Set.of());
    }

    /**
     * As {@link #shiftSummary(com.dispatchconsole.domain.report.ReportRange,
     * com.dispatchconsole.domain.sla.SlaThresholds)}, counting only the batches of {@code outlets} (empty: every
     * outlet), as a console scoped to them shows its work.
     */
    public List<com.dispatchconsole.domain.report.ShiftSummaryRow> shiftSummary(
            com.dispatchconsole.domain.report.ReportRange range, com.dispatchconsole.domain.sla.SlaThresholds thresholds,
            Set<UUID> outlets) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(thresholds, "thresholds");
        Set<UUID> scope = Set.copyOf(Objects.requireNonNull(outlets, "outlets"));
        return List.copyOf(unitOfWork.read(c -> com.dispatchconsole.persistence.ShiftSummaryQueries.summary(c, range,
                thresholds, scope)));
    }

    /**
     * The audit history of {@code range}, oldest first, streamed: each line goes to {@code each} as the database
     * hands it over (a cursor), so a long range is never held in memory. Returns how many lines there were. Call it
     * off the FX thread; an exception thrown by {@code each} ends the read and comes back out of this call.
     */
    public long historyBetween(com.dispatchconsole.domain.report.ReportRange range,
                               java.util.function.Consumer<com.dispatchconsole.domain.report.HistoryLine> each) {
        Objects.requireNonNull(range, "range");
        return unitOfWork.read(c -> com.dispatchconsole.persistence.ExportQueries.history(c, range, each));
    }

    /** The PoD verdicts given in {@code range}, oldest first, streamed to {@code each}; returns how many. */
    public long reviewsBetween(com.dispatchconsole.domain.report.ReportRange range,
                               java.util.function.Consumer<com.dispatchconsole.domain.report.ReviewLine> each) {
        Objects.requireNonNull(range, "range");
        return unitOfWork.read(c -> com.dispatchconsole.persistence.ExportQueries.reviews(c, range, each));
    }
}

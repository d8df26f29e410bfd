package com.dispatchconsole.service;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.Expected;
import com.dispatchconsole.domain.HandOver;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.HistoryEntry;
import com.dispatchconsole.domain.rows.RowsAfterChange;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * "Change these batches": the one use case behind a drop on a rider, the unassign zone and every lifecycle button.
 * Each batch is its own unit of work, so one refusal never holds back the others; the report says which changed
 * (the rows their units of work returned), which were refused and why, and the rows a screen needs to show the
 * truth afterwards.
 */
public final class BatchChanges {

    /**
     * Refusals that a change made elsewhere can cause, other than ALREADY_CHANGED (whose sentence already says who
     * changed the batch and when, read under the lock): for these the report adds the batch's newest history entry.
     */
    private static final Set<ErrorCode> RACE_CODES = EnumSet.of(ErrorCode.INVALID_BATCH_STATUS,
            ErrorCode.ILLEGAL_TRANSITION, ErrorCode.CONCURRENT_UPDATE, ErrorCode.INVALID_ARGUMENT);

    private final AssignmentService assignments;
    private final QueryService queries;

    public BatchChanges(AssignmentService assignments, QueryService queries) {
        this.assignments = assignments;
        this.queries = queries;
    }

    /**
     * Applies {@code what} to each batch in turn and stops at the first sign that the database is gone. Nothing is
     * read before: the way each batch goes follows the row the screen showed, and every unit of work checks it again
     * under its locks.
     *
     * @param seen   each batch as the caller's screen showed it (status, rider, version); a batch that moved since is
     *               refused with ALREADY_CHANGED, and a batch missing here goes the assign way, taken as it is now
     * @param reason why (needed to reassign, cancel or fail); null when none was asked for
     */
    public ChangeReport change(List<UUID> batchIds, Map<UUID, BatchRow> seen, BatchChange what, String operator,
                               String reason) {
        Checks.requireActor(operator);
        Checks.requireId(what, "change");
        Map<UUID, BatchRow> shown = seen == null ? Map.of() : seen;
        if (batchIds == null || batchIds.isEmpty()) {
            return new ChangeReport(List.of(), List.of(), List.of(), List.of(), null);
        }
        List<BatchRow> changed = new ArrayList<>();
        Map<UUID, DispatchException> refused = new LinkedHashMap<>();
        for (UUID id : batchIds) {
            try {
                changed.add(apply(id, shown.get(id), what, operator, reason));
            } catch (DispatchException e) {
                if (e.code() == ErrorCode.DATABASE_UNAVAILABLE) {
                    return stopped(e, changed, refused);
                }
                refused.put(id, e);
            }
        }
        // Which riders carry a different load afterwards: the one given to, the ones the screen showed the batches
        // with, the ones the changed batches are with (and, read at the end, the ones the refused batches are with).
        Set<UUID> riders = new LinkedHashSet<>();
        if (what instanceof BatchChange.GiveTo give) {
            riders.add(give.riderId());
        }
        batchIds.stream().map(shown::get).filter(Objects::nonNull).forEach(row -> addRider(riders, row));
        changed.forEach(row -> addRider(riders, row));
        try {
            RowsAfterChange fresh = queries.afterChange(refused.keySet(), riders, lostRaces(refused, shown));
            return new ChangeReport(changed, refusals(refused, fresh.newestEntries()), fresh.batches(), fresh.riders(),
                    null);
        } catch (DispatchException e) {
            return stoppedOr(e, changed, refusals(refused, Map.of()));
        }
    }

    private static Expected expected(BatchRow seen) {
        return seen == null ? Expected.ANY : Expected.version(seen.version());
    }

    private BatchRow apply(UUID id, BatchRow seen, BatchChange what, String operator, String reason) {
        if (what instanceof BatchChange.GiveTo give) {
            return giveTo(id, seen, give.riderId(), operator, reason);
        }
        return assignments.transition(id, ((BatchChange.MoveTo) what).target(), expected(seen), operator, reason);
    }

    /**
     * The way follows the batch as the screen showed it: ASSIGNED is reassigned, anything else (and a batch the
     * screen did not show) goes the assign way, which refuses a batch in no state to go to a rider with
     * INVALID_BATCH_STATUS. Either way a screen that no longer shows the truth is refused with ALREADY_CHANGED,
     * naming who changed the batch.
     */
    private BatchRow giveTo(UUID id, BatchRow seen, UUID riderId, String operator, String reason) {
        if (seen != null && HandOver.way(seen.status()) == HandOver.Way.REASSIGN) {
            if (HandOver.isWith(seen.riderId(), riderId)) {
                return alreadyWith(id, seen, riderId, operator);
            }
            return assignments.reassign(id, riderId, expected(seen), operator, reason);
        }
        return assignments.assign(id, riderId, expected(seen), operator);
    }

    /**
     * The screen shows the batch with that rider already: there is nothing to give, and reassigning would ask for a
     * reason nobody was asked to give. Whether it is still so is the database's to say, so it goes the assign way
     * at the version seen: refused with ALREADY_CHANGED when it moved, and otherwise (still ASSIGNED, so not
     * assignable) it is as the screen shows it, with that rider.
     */
    private BatchRow alreadyWith(UUID id, BatchRow seen, UUID riderId, String operator) {
        try {
            return assignments.assign(id, riderId, expected(seen), operator);
        } catch (DispatchException e) {
            throw e.code() == ErrorCode.INVALID_BATCH_STATUS ? HandOver.alreadyWith(id) : e;
        }
    }

    /**
     * The refused batches that may have lost a race to another console, with the version the screen showed: the
     * read at the end adds the newest history entry of each one that is no longer that version.
     */
    private static Map<UUID, Long> lostRaces(Map<UUID, DispatchException> refused, Map<UUID, BatchRow> shown) {
        Map<UUID, Long> versions = new HashMap<>();
        refused.forEach((id, error) -> {
            BatchRow row = shown.get(id);
            if (row != null && RACE_CODES.contains(error.code())) {
                versions.put(id, row.version());
            }
        });
        return versions;
    }

    private static List<ChangeReport.Refusal> refusals(Map<UUID, DispatchException> refused,
                                                       Map<UUID, HistoryEntry> meanwhile) {
        List<ChangeReport.Refusal> list = new ArrayList<>();
        refused.forEach((id, error) -> list.add(new ChangeReport.Refusal(id, error, meanwhile.get(id))));
        return list;
    }

    private static ChangeReport stopped(DispatchException e, List<BatchRow> changed,
                                        Map<UUID, DispatchException> refused) {
        List<ChangeReport.Refusal> list = new ArrayList<>();
        refused.forEach((id, error) -> list.add(new ChangeReport.Refusal(id, error, null)));
        return new ChangeReport(changed, list, List.of(), List.of(), e);
    }

    private static ChangeReport stoppedOr(DispatchException e, List<BatchRow> changed,
                                          List<ChangeReport.Refusal> refused) {
        if (e.code() != ErrorCode.DATABASE_UNAVAILABLE) {
            throw e;
        }
        return new ChangeReport(changed, refused, List.of(), List.of(), e);
    }

    private static void addRider(Set<UUID> riders, BatchRow row) {
        if (row.riderId() != null) {
            riders.add(row.riderId());
        }
    }
}

package com.dispatchconsole.service;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.Expected;
import com.dispatchconsole.domain.HandOver;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.ChangedRows;
import com.dispatchconsole.domain.rows.HistoryEntry;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * "Change these batches": the one use case behind a drop on a rider, the unassign zone and every lifecycle button.
 * Each batch is its own unit of work, so one refusal never holds back the others; the report says which changed
 * (the rows their units of work returned), which were refused and why, and the rows a screen needs to show the
 * truth afterwards.
 */
public final class BatchChanges {

    /** Refusals that a change made elsewhere can cause. */
    private static final Set<ErrorCode> RACE_CODES = EnumSet.of(ErrorCode.ALREADY_CHANGED,
            ErrorCode.INVALID_BATCH_STATUS, ErrorCode.ILLEGAL_TRANSITION, ErrorCode.CONCURRENT_UPDATE,
            ErrorCode.INVALID_ARGUMENT);

    private final AssignmentService assignments;
    private final QueryService queries;

    public BatchChanges(AssignmentService assignments, QueryService queries) {
        this.assignments = assignments;
        this.queries = queries;
    }

    /**
     * Applies {@code what} to each batch in turn and stops at the first sign that the database is gone.
     *
     * @param seen   the version of each batch the caller's screen showed; a batch that moved since is refused with
     *               ALREADY_CHANGED, and a batch missing here is taken as it is now
     * @param reason why (needed to reassign, cancel or fail); null when none was asked for
     */
    public ChangeReport change(List<UUID> batchIds, Map<UUID, Expected> seen, BatchChange what, String operator,
                               String reason) {
        Checks.requireActor(operator);
        Checks.requireId(what, "change");
        Map<UUID, Expected> shown = seen == null ? Map.of() : seen;
        if (batchIds == null || batchIds.isEmpty()) {
            return new ChangeReport(List.of(), List.of(), List.of(), List.of(), null);
        }
        Map<UUID, BatchRow> before = new LinkedHashMap<>();
        try {
            // Which way a batch goes to a rider, and which riders carry a different load afterwards.
            queries.batches(batchIds).forEach(row -> before.put(row.id(), row));
        } catch (DispatchException e) {
            return stoppedOr(e, List.of(), List.of());
        }
        List<BatchRow> changed = new ArrayList<>();
        Map<UUID, DispatchException> refused = new LinkedHashMap<>();
        for (UUID id : batchIds) {
            Expected expected = shown.getOrDefault(id, Expected.ANY);
            try {
                changed.add(apply(id, before.get(id), expected, what, operator, reason));
            } catch (DispatchException e) {
                if (e.code() == ErrorCode.DATABASE_UNAVAILABLE) {
                    return stopped(e, changed, refused);
                }
                refused.put(id, e);
            }
        }
        Set<UUID> riders = new LinkedHashSet<>();
        if (what instanceof BatchChange.GiveTo give) {
            riders.add(give.riderId());
        }
        before.values().forEach(row -> addRider(riders, row));
        changed.forEach(row -> addRider(riders, row));
        try {
            ChangedRows fresh = queries.changed(refused.keySet(), riders);
            Map<UUID, BatchRow> now = new LinkedHashMap<>();
            fresh.batches().forEach(row -> now.put(row.id(), row));
            return new ChangeReport(changed, refusals(refused, now, shown), fresh.batches(), fresh.riders(), null);
        } catch (DispatchException e) {
            return stoppedOr(e, changed, refusals(refused, Map.of(), shown));
        }
    }

    private BatchRow apply(UUID id, BatchRow now, Expected expected, BatchChange what, String operator, String reason) {
        if (what instanceof BatchChange.GiveTo give) {
            return giveTo(id, now, expected, give.riderId(), operator, reason);
        }
        return assignments.transition(id, ((BatchChange.MoveTo) what).target(), expected, operator, reason);
    }

    /**
     * The way follows the batch as it is now. A screen that no longer shows it goes the assign way, whose first
     * check refuses it with ALREADY_CHANGED and names who changed it; so does a batch that is in no state to go
     * to a rider, which assigning refuses with INVALID_BATCH_STATUS.
     */
    private BatchRow giveTo(UUID id, BatchRow now, Expected expected, UUID riderId, String operator, String reason) {
        if (now != null && expected.matches(now.version()) && HandOver.way(now.status()) == HandOver.Way.REASSIGN) {
            if (HandOver.isWith(now.riderId(), riderId)) {
                // Said before reassigning would ask for a reason nobody was asked to give.
                throw HandOver.alreadyWith(id);
            }
            return assignments.reassign(id, riderId, expected, operator, reason);
        }
        return assignments.assign(id, riderId, expected, operator);
    }

    /**
     * A refusal is a race lost to another console when the batch is no longer the version the screen showed: then
     * its newest history entry is what the other console did.
     */
    private List<ChangeReport.Refusal> refusals(Map<UUID, DispatchException> refused, Map<UUID, BatchRow> now,
                                                Map<UUID, Expected> shown) {
        List<ChangeReport.Refusal> list = new ArrayList<>();
        refused.forEach((id, error) -> {
            Expected expected = shown.getOrDefault(id, Expected.ANY);
            BatchRow row = now.get(id);
            HistoryEntry meanwhile = null;
            if (row != null && expected.version() != null && !expected.matches(row.version())
                    && RACE_CODES.contains(error.code())) {
                List<HistoryEntry> history = queries.history(id);
                meanwhile = history.isEmpty() ? null : history.get(history.size() - 1);
            }
            list.add(new ChangeReport.Refusal(id, error, meanwhile));
        });
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

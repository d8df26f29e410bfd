package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.HistoryEntry;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.service.QueryService;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * What a change to some batches did: which moved, which were refused and why, and the rows read again
 * afterwards. {@link #collect} does the work off the UI thread; the texts are what the dispatcher reads.
 */
final class ChangeResult {

    private static final Set<ErrorCode> RACE_CODES = EnumSet.of(ErrorCode.INVALID_BATCH_STATUS,
            ErrorCode.ILLEGAL_TRANSITION, ErrorCode.CONCURRENT_UPDATE, ErrorCode.INVALID_ARGUMENT);

    record Refusal(UUID batchId, DispatchException error, String meanwhile) {
        String text() {
            return error.sentence() + (meanwhile == null ? "" : " " + meanwhile + ".");
        }
    }

    final List<BatchRow> changed = new ArrayList<>();
    final List<Refusal> refused = new ArrayList<>();
    List<BatchRow> freshBatches = List.of();
    List<RiderRow> freshRiders = List.of();
    DispatchException fatal;

    /**
     * Applies {@code call} to each batch in turn, then reads the batches and every rider involved again. Stops at
     * the first sign that the database is gone (reported as {@link #fatal}).
     *
     * @param known the rows as the screen showed them, to tell a lost race from a plain refusal
     */
    static ChangeResult collect(QueryService queries, List<UUID> batchIds, Map<UUID, BatchRow> known,
                                Set<UUID> ridersToRefresh, Function<UUID, BatchRow> call) {
        ChangeResult result = new ChangeResult();
        for (UUID id : batchIds) {
            try {
                result.changed.add(call.apply(id));
            } catch (DispatchException e) {
                if (e.code() == ErrorCode.DATABASE_UNAVAILABLE) {
                    result.fatal = e;
                    return result;
                }
                result.refused.add(new Refusal(id, e, meanwhile(queries, id, known.get(id), e)));
            }
        }
        Set<UUID> riders = new LinkedHashSet<>(ridersToRefresh);
        result.freshBatches = queries.batches(batchIds);
        result.freshBatches.stream().map(BatchRow::riderId).filter(Objects::nonNull).forEach(riders::add);
        result.freshRiders = queries.riders(riders);
        return result;
    }

    /**
     * When a refusal is a race lost to another console, who moved the batch and when, from its history. An
     * ALREADY_CHANGED refusal says so itself.
     */
    private static String meanwhile(QueryService queries, UUID batchId, BatchRow known, DispatchException error) {
        if (known == null || !RACE_CODES.contains(error.code())) {
            return null;
        }
        List<HistoryEntry> history = queries.history(batchId);
        if (history.isEmpty()) {
            return null;
        }
        HistoryEntry last = history.get(history.size() - 1);
        if (!last.at().isAfter(known.updatedAt())) {
            return null;
        }
        return last.actor() + " got there first: " + last.describe() + " at " + Formats.clock(last.at());
    }

    /** "Batch 3ed134bd picked up." or "3 batches given to Ana Silva.", or null when nothing moved. */
    String successText(String verb) {
        if (changed.isEmpty()) {
            return null;
        }
        return changed.size() == 1 ? "Batch " + ShortId.of(changed.get(0).id()) + " " + verb + "."
                : changed.size() + " batches " + verb + ".";
    }

    String summary() {
        return refused.isEmpty() ? "Done." : refused.size() + " of " + (refused.size() + changed.size())
                + " refused; see the notifications.";
    }
}

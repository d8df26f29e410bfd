package com.dispatchconsole.service;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.HistoryEntry;
import com.dispatchconsole.domain.rows.RiderRow;
import java.util.List;
import java.util.UUID;

/**
 * What a change to some batches did, as facts for a screen to word.
 *
 * @param changed     each changed batch as its own unit of work returned it, under the lock
 * @param refused     the batches that were refused, in the order they were tried
 * @param refusedRows the refused batches as they are now, read once at the end
 * @param riders      every rider involved (the one given to, the ones the screen showed the batches with, the ones
 *                    they are with now), read once at the end
 * @param stoppedBy   DATABASE_UNAVAILABLE when the database went away: the batches after it were not tried, and
 *                    nothing was read at the end; null when every batch was tried
 */
public record ChangeReport(List<BatchRow> changed, List<Refusal> refused, List<BatchRow> refusedRows,
                           List<RiderRow> riders, DispatchException stoppedBy) {

    /**
     * One refused batch. {@code meanwhile} is set when a refusal other than ALREADY_CHANGED is a race lost to another
     * console: the batch's newest history entry, a change the screen did not show yet; null otherwise (an
     * ALREADY_CHANGED sentence itself says who changed the batch, and when).
     */
    public record Refusal(UUID batchId, DispatchException error, HistoryEntry meanwhile) {
    }

    public ChangeReport {
        changed = List.copyOf(changed);
        refused = List.copyOf(refused);
        refusedRows = List.copyOf(refusedRows);
        riders = List.copyOf(riders);
    }

    public boolean stopped() {
        return stoppedBy != null;
    }
}

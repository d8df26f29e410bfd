package com.dispatchconsole.domain.rows;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a screen needs after changing some batches, read together in one transaction: the batches as they are now,
 * the riders involved, and, per batch asked for, its newest history entry (what happened since the screen looked).
 */
public record RowsAfterChange(List<BatchRow> batches, List<RiderRow> riders, Map<UUID, HistoryEntry> newestEntries) {

    public RowsAfterChange {
        batches = List.copyOf(batches);
        riders = List.copyOf(riders);
        newestEntries = Map.copyOf(newestEntries);
    }
}

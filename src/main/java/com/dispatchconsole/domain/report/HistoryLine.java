package com.dispatchconsole.domain.report;

import com.dispatchconsole.domain.rows.HistoryEntry;
import java.util.UUID;

/** One entry of the audit history of a range, with the batch and outlet it belongs to (an export's row). */
public record HistoryLine(UUID batchId, String outletName, HistoryEntry entry) {
}

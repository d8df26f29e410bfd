package com.dispatchconsole.domain.rows;

import java.util.List;

/** The current rows of some batches and riders, read together in one transaction. */
public record ChangedRows(List<BatchRow> batches, List<RiderRow> riders) {
}

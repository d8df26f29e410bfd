package com.dispatchconsole.domain.rows;

import java.util.List;

/** Every batch and rider, with the identity of the database they were read from, in one transaction. */
public record AllRows(DatabaseIdentity identity, List<BatchRow> batches, List<RiderRow> riders) {
}

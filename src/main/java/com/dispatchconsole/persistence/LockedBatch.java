package com.dispatchconsole.persistence;

import com.dispatchconsole.domain.BatchStatus;
import java.math.BigDecimal;
import java.util.UUID;

/** A batch as its row lock read it (plain JDBC, see {@link BatchQueries#lock(java.sql.Connection, UUID)}). */
public record LockedBatch(UUID id, BatchStatus status, UUID riderId, int orderCount, BigDecimal totalWeightKg,
                          long version) {
}

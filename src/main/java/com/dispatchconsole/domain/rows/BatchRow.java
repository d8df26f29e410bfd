package com.dispatchconsole.domain.rows;

import com.dispatchconsole.domain.BatchStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An immutable snapshot of a batch for tables and results; the rider's name is resolved already and
 * {@code customers} lists the customers of its orders in delivery sequence (for search).
 */
public record BatchRow(UUID id, UUID outletId, String outletName, BatchStatus status, UUID riderId, String riderName,
                       int orderCount, BigDecimal totalWeightKg, Instant createdAt, Instant statusChangedAt,
                       Instant updatedAt, long version, String customers) {
}

package com.dispatchconsole.domain.rows;

import java.time.Instant;
import java.util.UUID;

/**
 * An open dispute: a supervisor's DISPUTED verdict on a proof of delivery that nobody has followed up yet, with
 * where it belongs (batch, outlet, customer, rider), who disputed it (the database login that gave the verdict),
 * when, and why.
 */
public record DisputeRow(long reviewId, UUID batchOrderId, UUID batchId, String outletName, String customerName,
                         String riderName, String disputedBy, Instant disputedAt, String reason, int podVersion) {
}

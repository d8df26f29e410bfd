package com.dispatchconsole.domain.report;

import com.dispatchconsole.domain.rows.PodReview;
import java.time.Instant;
import java.util.UUID;

/**
 * One supervisor verdict with the delivery it judged: the order line, its outlet, customer and rider, and the
 * proof-of-delivery version reviewed (its document and when it was recorded, to flag it as the review queue did).
 */
public record ReviewLine(long reviewId, UUID batchId, UUID batchOrderId, int sequence, String outletName,
                         String customerName, String riderName, int podVersion, PodReview.Verdict verdict,
                         String note, String reviewer, Instant reviewedAt, String document, Instant recordedAt,
                         Instant outForDeliveryAt, Double addressLat, Double addressLon) {
}

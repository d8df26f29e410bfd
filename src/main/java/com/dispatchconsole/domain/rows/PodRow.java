package com.dispatchconsole.domain.rows;

import com.dispatchconsole.domain.OrderOutcome;
import java.time.Instant;
import java.util.UUID;

/**
 * A recorded proof of delivery with where it belongs: order line, batch, outlet, customer and address.
 * {@code version} counts the outcomes recorded for the line (earlier ones are kept as evidence);
 * {@code latestVerdict} is the newest verdict on this version, null while it awaits review; {@code recordedBy}
 * is the database login that recorded this version.
 */
public record PodRow(UUID batchOrderId, UUID batchId, UUID orderId, String outletName, String customerName,
                     String deliveryAddress, OrderOutcome outcome, Instant completedAt, String document,
                     String latestVerdict, Instant outForDeliveryAt, String riderName, Double addressLat,
                     Double addressLon, int version, String recordedBy) {
}

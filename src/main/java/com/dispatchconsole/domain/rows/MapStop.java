package com.dispatchconsole.domain.rows;

import com.dispatchconsole.domain.OrderOutcome;
import java.util.UUID;

/**
 * One stop of a batch as the map draws it: the order line, its place in the delivery sequence, who and where, and
 * the address's position ({@code lat}/{@code lon} null when the order came without one).
 */
public record MapStop(UUID batchOrderId, UUID batchId, int sequence, String customerName, String deliveryAddress,
                      Double lat, Double lon, OrderOutcome outcome) {

    public boolean hasPosition() {
        return lat != null && lon != null;
    }
}

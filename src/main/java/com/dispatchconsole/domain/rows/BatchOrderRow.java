package com.dispatchconsole.domain.rows;

import com.dispatchconsole.domain.OrderOutcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One order of a batch, in delivery sequence; {@code outcomeVersion} counts the outcomes recorded for it (0 while
 * pending), so a console can say which one it saw when it records another; {@code customerPhone} is null when the
 * order came without one.
 */
public record BatchOrderRow(UUID id, UUID orderId, int sequence, String customerName, String deliveryAddress,
                            BigDecimal weightKg, OrderOutcome outcome, String outcomeReason, Instant completedAt,
                            boolean hasProofOfDelivery, int outcomeVersion,
                            String customerPhone) {
}

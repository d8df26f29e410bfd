package com.dispatchconsole.domain;

import java.math.BigDecimal;
import java.util.Objects;

/** What a rider currently carries: the sum over their active batches. */
public record Load(int orders, BigDecimal weightKg, int activeBatches) {

    public static final Load EMPTY = new Load(0, BigDecimal.ZERO, 0);

    public Load {
        Objects.requireNonNull(weightKg, "weightKg");
    }

    /** The load after adding one more batch of this size. */
    public Load plus(int batchOrders, BigDecimal batchWeightKg) {
        return new Load(orders + batchOrders, weightKg.add(batchWeightKg), activeBatches + 1);
    }

    /** The load after an already-carried batch grows by {@code orders} and {@code weight}. */
    public Load grownBy(int extraOrders, BigDecimal extraWeightKg) {
        return new Load(orders + extraOrders, weightKg.add(extraWeightKg), activeBatches);
    }
}

package com.dispatchconsole.domain;

import java.math.BigDecimal;

/**
 * A rider's limits and the one place that decides whether a load fits them. The UI's drag hint and the
 * service's check under the row lock both call {@link #refusal}; only the service's answer counts.
 */
public record RiderLimits(int maxCapacity, BigDecimal maxWeightKg, int maxActiveBatches) {

    /** The most orders or active batches a limit may name: far beyond any vehicle, well inside the columns. */
    public static final int MAX_COUNT = 1_000_000;

    /** Returns the refusal for carrying {@code load}, or null when it fits. */
    public DispatchException refusal(String riderName, Load load) {
        if (load.activeBatches() > maxActiveBatches) {
            return new DispatchException(ErrorCode.ACTIVE_BATCH_LIMIT, riderName + " already carries "
                    + (load.activeBatches() - 1) + " of at most " + maxActiveBatches + " active batch"
                    + (maxActiveBatches == 1 ? "" : "es") + ".");
        }
        if (load.orders() > maxCapacity) {
            return new DispatchException(ErrorCode.CAPACITY_EXCEEDED, riderName + " would carry " + load.orders()
                    + " orders; the limit is " + maxCapacity + ".");
        }
        if (load.weightKg().compareTo(maxWeightKg) > 0) {
            return new DispatchException(ErrorCode.WEIGHT_EXCEEDED, riderName + " would carry "
                    + load.weightKg().stripTrailingZeros().toPlainString() + " kg; the limit is "
                    + maxWeightKg.stripTrailingZeros().toPlainString() + " kg.");
        }
        return null;
    }

    /**
     * How full {@code load} is: the share of the tightest of the three limits (orders, weight, active batches) in
     * use, 0..1, above 1 when over. A rider at any limit is full (1): they cannot take another batch.
     */
    public double share(Load load) {
        double orders = (double) load.orders() / maxCapacity;
        double weight = load.weightKg().doubleValue() / maxWeightKg.doubleValue();
        double batches = (double) load.activeBatches() / maxActiveBatches;
        return Math.max(orders, Math.max(weight, batches));
    }

    public void require(String riderName, Load load) {
        DispatchException refusal = refusal(riderName, load);
        if (refusal != null) {
            throw refusal;
        }
    }
}

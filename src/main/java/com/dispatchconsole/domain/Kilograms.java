package com.dispatchconsole.domain;

import java.math.BigDecimal;

/**
 * The one rule for a weight the database stores: kilograms with at most two decimals (10 g), below one million
 * (the columns are numeric(8, 2)). Refused weights name the field; nothing is rounded behind the caller's back,
 * so a batch's total is always the sum of the weights stored for its orders.
 */
public final class Kilograms {

    public static final BigDecimal MAX = new BigDecimal("999999.99");

    private Kilograms() {
    }

    /** @param positive true when zero is not allowed (a rider's limit), false for an order's weight */
    public static BigDecimal require(BigDecimal kg, String field, boolean positive) {
        if (kg == null) {
            throw invalid(field + " is missing (kg).");
        }
        if (positive ? kg.signum() <= 0 : kg.signum() < 0) {
            throw invalid(field + " must be " + (positive ? "more than 0" : "0 or more") + " kg; got "
                    + kg.toPlainString() + ".");
        }
        if (kg.compareTo(MAX) > 0) {
            throw invalid(field + " must be at most " + MAX.toPlainString() + " kg; got " + kg.toPlainString() + ".");
        }
        if (kg.stripTrailingZeros().scale() > 2) {
            throw invalid(field + " has more than two decimals (" + kg.toPlainString() + " kg); weights are kept "
                    + "to 0.01 kg.");
        }
        return kg;
    }

    private static DispatchException invalid(String sentence) {
        return new DispatchException(ErrorCode.INVALID_ARGUMENT, sentence);
    }
}

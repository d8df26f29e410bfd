package com.dispatchconsole.domain.rows;

import java.math.BigDecimal;

/** An order to be created inside a new batch; the address position is optional (null when not geocoded). */
public record NewOrder(String customerName, String deliveryAddress, BigDecimal weightKg, Double lat, Double lon) {

    public NewOrder(String customerName, String deliveryAddress, BigDecimal weightKg) {
        this(customerName, deliveryAddress, weightKg, null, null);
    }
}

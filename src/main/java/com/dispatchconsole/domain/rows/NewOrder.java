package com.dispatchconsole.domain.rows;

import java.math.BigDecimal;

/**
 * An order to be created inside a new batch; the address position is optional (null when not geocoded), and so is
 * the customer's phone.
 */
public record NewOrder(String customerName, String deliveryAddress, BigDecimal weightKg, Double lat, Double lon,
                       String customerPhone) {

    public NewOrder(String customerName, String deliveryAddress, BigDecimal weightKg) {
        this(customerName, deliveryAddress, weightKg, null, null, null);
    }

    public NewOrder(String customerName, String deliveryAddress, BigDecimal weightKg, Double lat, Double lon) {
        this(customerName, deliveryAddress, weightKg, lat, lon, null);
    }
}

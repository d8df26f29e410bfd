package com.dispatchconsole.domain.rows;

import java.math.BigDecimal;

/** An order to be created inside a new batch. */
public record NewOrder(String customerName, String deliveryAddress, BigDecimal weightKg) {
}

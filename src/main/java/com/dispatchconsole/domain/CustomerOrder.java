package com.dispatchconsole.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One customer's order: what a batch is made of. */
@Entity
@Table(name = "orders")
public class CustomerOrder {

    @Id
    private UUID id;

    @Column(name = "outlet_id", nullable = false)
    private UUID outletId;

    @Column(name = "customer_name", nullable = false)
    private String customerName;

    @Column(name = "delivery_address", nullable = false)
    private String deliveryAddress;

    @Column(name = "weight_kg", nullable = false, precision = 8, scale = 2)
    private BigDecimal weightKg;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "delivery_lat")
    private Double deliveryLat;

    @Column(name = "delivery_lon")
    private Double deliveryLon;

    @Column(name = "customer_phone")
    private String customerPhone;

    protected CustomerOrder() {
    }

    public CustomerOrder(UUID id, UUID outletId, String customerName, String deliveryAddress, BigDecimal weightKg,
                         Instant createdAt) {
        this.id = id;
        this.outletId = outletId;
        this.customerName = customerName;
        this.deliveryAddress = deliveryAddress;
        this.weightKg = weightKg;
        this.createdAt = createdAt;
    }

    /** Sets where the delivery address is (both or neither). */
    public CustomerOrder at(Double lat, Double lon) {
        this.deliveryLat = lat;
        this.deliveryLon = lon;
        return this;
    }

    /** Sets how to reach the customer (null when the order system gave no phone). */
    public CustomerOrder phone(String customerPhone) {
        this.customerPhone = customerPhone == null || customerPhone.isBlank() ? null : customerPhone.strip();
        return this;
    }

    public UUID getId() {
        return id;
    }

    public BigDecimal getWeightKg() {
        return weightKg;
    }
}

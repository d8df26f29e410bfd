package com.dispatchconsole.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A batch of orders one rider carries. The rider is held by id, not by association, so locking a batch never
 * drags a join into the {@code FOR UPDATE} statement.
 */
@Entity
@DynamicUpdate
@Table(name = "delivery_batches")
public class DeliveryBatch {

    @Id
    private UUID id;

    @Column(name = "outlet_id", nullable = false)
    private UUID outletId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private BatchStatus status;

    @Column(name = "rider_id")
    private UUID riderId;

    @Column(name = "order_count", nullable = false)
    private int orderCount;

    @Column(name = "total_weight_kg", nullable = false, precision = 10, scale = 2)
    private BigDecimal totalWeightKg;

    @Version
    @Column(nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "status_changed_at", nullable = false)
    private Instant statusChangedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected DeliveryBatch() {
    }

    public DeliveryBatch(UUID id, UUID outletId, int orderCount, BigDecimal totalWeightKg, Instant now) {
        this.id = id;
        this.outletId = outletId;
        this.status = BatchStatus.CREATED;
        this.orderCount = orderCount;
        this.totalWeightKg = totalWeightKg;
        this.createdAt = now;
        this.statusChangedAt = now;
        this.updatedAt = now;
    }

    /**
     * Moves along the state map; the rider follows the status: set on ASSIGNED, cleared on CREATED and
     * CANCELLED, kept on the way to COMPLETED or FAILED so the record says who carried it.
     */
    public void moveTo(BatchStatus target, UUID newRiderId, Instant now) {
        BatchTransitions.require(id, status, target);
        this.status = target;
        this.riderId = BatchTransitions.riderAfter(target, riderId, newRiderId);
        this.statusChangedAt = now;
        this.updatedAt = now;
    }

    public UUID getId() {
        return id;
    }

    public UUID getOutletId() {
        return outletId;
    }

    public BatchStatus getStatus() {
        return status;
    }

    public UUID getRiderId() {
        return riderId;
    }

    public int getOrderCount() {
        return orderCount;
    }

    public BigDecimal getTotalWeightKg() {
        return totalWeightKg;
    }

    public long getVersion() {
        return version;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getStatusChangedAt() {
        return statusChangedAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}

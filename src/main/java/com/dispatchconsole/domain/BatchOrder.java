package com.dispatchconsole.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An order's place in a batch, its outcome at the door and its proof of delivery (a JSONB document). */
@Entity
@DynamicUpdate // operators may update only the outcome columns (column GRANTs)
@Table(name = "delivery_batch_orders")
public class BatchOrder {

    @Id
    private UUID id;

    @Column(name = "batch_id", nullable = false)
    private UUID batchId;

    @Column(name = "order_id", nullable = false)
    private UUID orderId;

    @Column(nullable = false)
    private int sequence;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private OrderOutcome outcome;

    @Column(name = "outcome_reason")
    private String outcomeReason;

    @Column(name = "completed_at")
    private Instant completedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "proof_of_delivery")
    private String proofOfDelivery;

    protected BatchOrder() {
    }

    public BatchOrder(UUID id, UUID batchId, UUID orderId, int sequence) {
        this.id = id;
        this.batchId = batchId;
        this.orderId = orderId;
        this.sequence = sequence;
        this.outcome = OrderOutcome.PENDING;
    }

    public void recordOutcome(OrderOutcome outcome, String reason, Instant now) {
        this.outcome = outcome;
        this.outcomeReason = reason;
        this.completedAt = now;
    }

    /** Records the outcome with its proof-of-delivery document (validated JSON, stored as JSONB). */
    public void recordOutcome(OrderOutcome outcome, String reason, String proofOfDelivery, Instant now) {
        recordOutcome(outcome, reason, now);
        this.proofOfDelivery = proofOfDelivery;
    }

    public UUID getId() {
        return id;
    }

    public UUID getBatchId() {
        return batchId;
    }

    public UUID getOrderId() {
        return orderId;
    }

    public OrderOutcome getOutcome() {
        return outcome;
    }
}

package com.dispatchconsole.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** One status move of a batch; the chain of these rows must follow the state map. Append-only. */
@Entity
@Immutable
@Table(name = "batch_status_history")
public class BatchStatusHistory {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "batch_id", nullable = false)
    private UUID batchId;

    @Enumerated(EnumType.STRING)
    @Column(name = "old_status")
    private BatchStatus oldStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "new_status", nullable = false)
    private BatchStatus newStatus;

    private String reason;

    @Column(nullable = false)
    private String actor;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    protected BatchStatusHistory() {
    }

    public BatchStatusHistory(UUID batchId, BatchStatus oldStatus, BatchStatus newStatus, String reason, String actor,
                              Instant changedAt) {
        this.batchId = batchId;
        this.oldStatus = oldStatus;
        this.newStatus = newStatus;
        this.reason = reason;
        this.actor = actor;
        this.changedAt = changedAt;
    }
}

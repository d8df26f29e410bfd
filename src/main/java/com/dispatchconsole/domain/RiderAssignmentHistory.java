package com.dispatchconsole.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** One change of a batch's rider. Append-only: the database refuses updates and deletes. */
@Entity
@Immutable
@Table(name = "rider_assignment_history")
public class RiderAssignmentHistory {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "batch_id", nullable = false)
    private UUID batchId;

    @Column(name = "old_rider_id")
    private UUID oldRiderId;

    @Column(name = "new_rider_id")
    private UUID newRiderId;

    private String reason;

    @Column(nullable = false)
    private String actor;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    protected RiderAssignmentHistory() {
    }

    public RiderAssignmentHistory(UUID batchId, UUID oldRiderId, UUID newRiderId, String reason, String actor,
                                  Instant changedAt) {
        this.batchId = batchId;
        this.oldRiderId = oldRiderId;
        this.newRiderId = newRiderId;
        this.reason = reason;
        this.actor = actor;
        this.changedAt = changedAt;
    }
}

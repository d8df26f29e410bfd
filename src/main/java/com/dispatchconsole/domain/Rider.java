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
 * A rider. Deliberately has no associations: the rider row is what assignments lock, and a plain
 * single-table select is the only shape whose {@code FOR UPDATE} clause Hibernate cannot lose.
 */
@Entity
@DynamicUpdate // dispatchers may update only availability (column GRANTs); fleet set-up is for admins
@Table(name = "delivery_riders")
public class Rider {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    private String phone;

    @Enumerated(EnumType.STRING)
    @Column(name = "vehicle_type", nullable = false)
    private VehicleType vehicleType;

    @Column(name = "home_outlet_id")
    private UUID homeOutletId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Availability availability;

    @Column(name = "max_capacity", nullable = false)
    private int maxCapacity;

    @Column(name = "max_weight_kg", nullable = false, precision = 8, scale = 2)
    private BigDecimal maxWeightKg;

    @Column(name = "max_active_batches", nullable = false)
    private int maxActiveBatches;

    @Version
    @Column(nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Rider() {
    }

    public Rider(UUID id, String name, String phone, VehicleType vehicleType, UUID homeOutletId,
                 RiderLimits limits, Instant now) {
        this.id = id;
        this.name = name;
        this.phone = phone;
        this.vehicleType = vehicleType;
        this.homeOutletId = homeOutletId;
        this.availability = Availability.AVAILABLE;
        this.maxCapacity = limits.maxCapacity();
        this.maxWeightKg = limits.maxWeightKg();
        this.maxActiveBatches = limits.maxActiveBatches();
        this.createdAt = now;
        this.updatedAt = now;
    }

    public RiderLimits limits() {
        return new RiderLimits(maxCapacity, maxWeightKg, maxActiveBatches);
    }

    public void changeLimits(RiderLimits limits, Instant now) {
        this.maxCapacity = limits.maxCapacity();
        this.maxWeightKg = limits.maxWeightKg();
        this.maxActiveBatches = limits.maxActiveBatches();
        this.updatedAt = now;
    }

    public void changeAvailability(Availability availability, Instant now) {
        this.availability = availability;
        this.updatedAt = now;
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getPhone() {
        return phone;
    }

    public VehicleType getVehicleType() {
        return vehicleType;
    }

    public UUID getHomeOutletId() {
        return homeOutletId;
    }

    public Availability getAvailability() {
        return availability;
    }

    public long getVersion() {
        return version;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}

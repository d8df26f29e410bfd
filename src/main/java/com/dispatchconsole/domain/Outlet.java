package com.dispatchconsole.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A store or dark kitchen that batches leave from. */
@Entity
@Table(name = "outlets")
public class Outlet {

    /**
     * Outlets named with this prefix belong to stress runs on a shared database ({@code stress:<scenario>}); the
     * simulator leaves them alone.
     */
    public static final String STRESS_PREFIX = "stress:";


    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    private String address;

    /** Where the outlet is, when known (both or neither): riders can then be ranked by distance from it. */
    private Double lat;

    private Double lon;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Outlet() {
    }

    public Outlet(UUID id, String name, String address, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.address = address;
        this.createdAt = createdAt;
    }

    /** Sets where the outlet is (both or neither). */
    public Outlet at(Double lat, Double lon) {
        this.lat = lat;
        this.lon = lon;
        return this;
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getAddress() {
        return address;
    }
}

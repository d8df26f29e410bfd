package com.dispatchconsole.domain.rows;

import java.util.UUID;

/** An outlet as lists show it; {@code lat}/{@code lon} are null when its position is not known. */
public record OutletRow(UUID id, String name, String address, Double lat, Double lon) {

    public OutletRow(UUID id, String name, String address) {
        this(id, name, address, null, null);
    }

    /** Whether the outlet's position is known. */
    public boolean hasPosition() {
        return lat != null && lon != null;
    }
}

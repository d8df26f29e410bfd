package com.dispatchconsole.testing;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.Load;
import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.VehicleType;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Rows as the console shows them, built in memory for unit tests (no database); only what a test varies. */
public final class Rows {

    private static final Instant AT = Instant.parse("2026-11-27T12:00:00Z");
    private static final UUID OUTLET = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    private Rows() {
    }

    /** A batch of {@code orders} orders weighing {@code totalKg} in all, with {@code riderId} (or none). */
    public static BatchRow batch(BatchStatus status, UUID riderId, int orders, String totalKg) {
        return new BatchRow(UUID.randomUUID(), OUTLET, "Central Market", status, riderId,
                riderId == null ? null : "Rider " + riderId.toString().substring(0, 4), orders,
                new BigDecimal(totalKg), AT, AT, AT, 1, "Customer");
    }

    /** A created batch without a rider. */
    public static BatchRow batch(int orders, String totalKg) {
        return batch(BatchStatus.CREATED, null, orders, totalKg);
    }

    /** The same batch at another status and version, as the database would return it after a change. */
    public static BatchRow changed(BatchRow batch, BatchStatus status, UUID riderId) {
        return new BatchRow(batch.id(), batch.outletId(), batch.outletName(), status, riderId,
                riderId == null ? null : "Rider " + riderId.toString().substring(0, 4), batch.orderCount(),
                batch.totalWeightKg(), batch.createdAt(), AT, AT, batch.version() + 1, batch.customers());
    }

    public static RiderRow rider(String name, Availability availability, RiderLimits limits, Load load) {
        return new RiderRow(UUID.randomUUID(), name, "+100", VehicleType.SCOOTER, availability, OUTLET,
                "Central Market", limits, load, AT, 1, null);
    }

    /** An available rider carrying nothing, with limits of {@code maxOrders} orders, {@code maxKg} kg, {@code maxBatches} batches. */
    public static RiderRow rider(String name, int maxOrders, String maxKg, int maxBatches) {
        return rider(name, Availability.AVAILABLE, new RiderLimits(maxOrders, new BigDecimal(maxKg), maxBatches),
                Load.EMPTY);
    }
}

package com.dispatchconsole.testing;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.VehicleType;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.NewOrder;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.service.DispatchServices;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Small builders for test data, going through the real services. */
public final class Fixtures {

    public static final String ACTOR = "test-operator";

    private final DispatchServices services;
    private final UUID outletId;
    private int counter;

    public Fixtures(DispatchServices services) {
        this.services = services;
        this.outletId = services.fleet().createOutlet("Outlet " + UUID.randomUUID().toString().substring(0, 6), "1 Depot Road");
    }

    public UUID outletId() {
        return outletId;
    }

    public RiderRow rider(String name, int maxOrders, String maxKg, int maxBatches) {
        return services.fleet().createRider(name, "+100", VehicleType.SCOOTER, outletId,
                new RiderLimits(maxOrders, new BigDecimal(maxKg), maxBatches));
    }

    /** A CREATED batch of {@code orders} orders of {@code kgEach} kg each. */
    public BatchRow batch(int orders, String kgEach) {
        List<NewOrder> list = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            counter++;
            list.add(new NewOrder("Customer " + counter, counter + " Main Street", new BigDecimal(kgEach)));
        }
        return services.batches().createBatch(outletId, list, ACTOR);
    }

    /** Takes {@code batch} to {@code rider} and out for delivery (assigned, picked up, out), as operator "seed". */
    public BatchRow outForDelivery(BatchRow batch, RiderRow rider) {
        services.assignments().assign(batch.id(), rider.id(), "seed");
        services.assignments().transition(batch.id(), BatchStatus.PICKED, "seed", null);
        return services.assignments().transition(batch.id(), BatchStatus.OUT_FOR_DELIVERY, "seed", null);
    }
}

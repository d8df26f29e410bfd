package com.dispatchconsole.ui.console;

import com.dispatchconsole.ui.common.Labels;
import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.Load;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import java.util.List;

/**
 * Whether dragged batches would fit a rider, as the rows on screen say. Only a hint for the drag: the service
 * decides under the rider lock, and its answer is the one that counts.
 */
public record FitHint(boolean fits, String text) {

    public static FitHint evaluate(List<BatchRow> batches, RiderRow rider) {
        if (rider.availability() != Availability.AVAILABLE) {
            return new FitHint(false, rider.name() + ": not available (" + Labels.of(rider.availability())
                    .toLowerCase() + ")");
        }
        Load load = rider.load();
        int moving = 0;
        for (BatchRow batch : batches) {
            if (rider.id().equals(batch.riderId())) {
                continue;
            }
            if (batch.status() != BatchStatus.CREATED && batch.status() != BatchStatus.ASSIGNED) {
                return new FitHint(false, "Batch " + ShortId.of(batch.id()) + " is " + Labels.of(batch.status())
                        .toLowerCase() + "; only created or assigned batches can be given to a rider");
            }
            load = load.plus(batch.orderCount(), batch.totalWeightKg());
            moving++;
        }
        if (moving == 0) {
            return new FitHint(false, rider.name() + " already has " + (batches.size() == 1 ? "this batch" : "these batches"));
        }
        DispatchException refusal = rider.limits().refusal(rider.name(), load);
        if (refusal != null) {
            String why = switch (refusal.code()) {
                case CAPACITY_EXCEEDED -> "over capacity: " + load.orders() + "/" + rider.limits().maxCapacity() + " orders";
                case WEIGHT_EXCEEDED -> "over weight: " + Formats.kg(load.weightKg()) + "/"
                        + Formats.kg(rider.limits().maxWeightKg()) + " kg";
                default -> "too many batches: " + load.activeBatches() + "/" + rider.limits().maxActiveBatches();
            };
            return new FitHint(false, rider.name() + ": " + why);
        }
        return new FitHint(true, rider.name() + ": fits — " + load.orders() + "/" + rider.limits().maxCapacity()
                + " orders, " + Formats.kg(load.weightKg()) + "/" + Formats.kg(rider.limits().maxWeightKg()) + " kg");
    }
}

package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.HandOver;
import com.dispatchconsole.domain.Load;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRanking;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.ui.common.Labels;
import java.util.List;

/**
 * Whether dragged batches would fit a rider, as the rows on screen say, worded for the drag. The rule is
 * {@link HandOver}'s; only a hint, since the service decides under the rider lock and its answer is the one that
 * counts.
 */
public record FitHint(boolean fits, String text) {

    public static FitHint evaluate(List<BatchRow> batches, RiderRow rider) {
        HandOver.Verdict verdict = HandOver.check(RiderRanking.recipient(rider), RiderRanking.batches(batches));
        if (verdict.fits()) {
            Load load = verdict.load();
            return new FitHint(true, rider.name() + ": fits — " + load.orders() + "/" + rider.limits().maxCapacity()
                    + " orders, " + Formats.kg(load.weightKg()) + "/" + Formats.kg(rider.limits().maxWeightKg()) + " kg");
        }
        return new FitHint(false, switch (verdict.obstacle()) {
            case RIDER_NOT_AVAILABLE -> rider.name() + ": not available ("
                    + Labels.of(rider.availability()).toLowerCase() + ")";
            case BATCH_NOT_OPEN -> "Batch " + ShortId.of(verdict.batch().id()) + " is "
                    + Labels.of(verdict.batch().status()).toLowerCase()
                    + "; only created or assigned batches can be given to a rider";
            case ALREADY_WITH_RIDER -> rider.name() + " already has "
                    + (batches.size() == 1 ? "this batch" : "these batches");
            case OVER_LIMITS -> rider.name() + ": " + overLimit(verdict, rider);
        });
    }

    private static String overLimit(HandOver.Verdict verdict, RiderRow rider) {
        Load load = verdict.load();
        return switch (verdict.overLimit().code()) {
            case CAPACITY_EXCEEDED -> "over capacity: " + load.orders() + "/" + rider.limits().maxCapacity() + " orders";
            case WEIGHT_EXCEEDED -> "over weight: " + Formats.kg(load.weightKg()) + "/"
                    + Formats.kg(rider.limits().maxWeightKg()) + " kg";
            default -> "too many batches: " + load.activeBatches() + "/" + rider.limits().maxActiveBatches();
        };
    }
}

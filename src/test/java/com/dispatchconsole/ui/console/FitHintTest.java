package com.dispatchconsole.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.Load;
import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.testing.Rows;
import com.dispatchconsole.testing.UnitTest;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The line a dispatcher reads while dragging batches over a rider: fits, or why not. */
@UnitTest
class FitHintTest {

    private static final RiderLimits LIMITS = new RiderLimits(5, new BigDecimal("10"), 2);

    private final RiderRow ana = Rows.rider("Ana", 5, "10", 2);

    @Test
    void aBatchWithinEveryLimitFitsAndTheHintShowsTheLoadAfterIt() {
        RiderRow busy = Rows.rider("Ana", Availability.AVAILABLE, LIMITS, new Load(1, new BigDecimal("2.5"), 1));

        assertThat(FitHint.evaluate(List.of(Rows.batch(2, "1.25")), busy))
                .isEqualTo(new FitHint(true, "Ana: fits — 3/5 orders, 3.8/10 kg"));
        assertThat(FitHint.evaluate(List.of(Rows.batch(2, "2"), Rows.batch(3, "8")), ana))
                .as("exactly at every limit still fits").isEqualTo(new FitHint(true, "Ana: fits — 5/5 orders, 10/10 kg"));
    }

    @Test
    void moreOrdersThanTheRiderTakesIsOverCapacity() {
        assertThat(FitHint.evaluate(List.of(Rows.batch(6, "1")), ana))
                .isEqualTo(new FitHint(false, "Ana: over capacity: 6/5 orders"));
    }

    @Test
    void moreWeightThanTheRiderCarriesIsOverWeight() {
        assertThat(FitHint.evaluate(List.of(Rows.batch(1, "10.01")), ana))
                .isEqualTo(new FitHint(false, "Ana: over weight: 10/10 kg"));
        assertThat(FitHint.evaluate(List.of(Rows.batch(2, "11")), ana))
                .isEqualTo(new FitHint(false, "Ana: over weight: 11/10 kg"));
    }

    @Test
    void oneBatchMoreThanTheRiderMayCarryIsTooManyBatches() {
        RiderRow carryingTwo = Rows.rider("Ana", Availability.AVAILABLE, LIMITS, new Load(2, new BigDecimal("2"), 2));

        assertThat(FitHint.evaluate(List.of(Rows.batch(1, "1")), carryingTwo))
                .isEqualTo(new FitHint(false, "Ana: too many batches: 3/2"));
        assertThat(FitHint.evaluate(List.of(Rows.batch(1, "1"), Rows.batch(1, "1"), Rows.batch(1, "1")), ana))
                .isEqualTo(new FitHint(false, "Ana: too many batches: 3/2"));
    }

    @Test
    void aRiderOnBreakOrOffDutyTakesNothingWhateverTheLoad() {
        RiderRow onBreak = Rows.rider("Bo", Availability.ON_BREAK, LIMITS, Load.EMPTY);
        RiderRow offDuty = Rows.rider("Cy", Availability.OFF_DUTY, LIMITS, Load.EMPTY);

        assertThat(FitHint.evaluate(List.of(Rows.batch(1, "1")), onBreak))
                .isEqualTo(new FitHint(false, "Bo: not available (on break)"));
        assertThat(FitHint.evaluate(List.of(Rows.batch(1, "1")), offDuty))
                .isEqualTo(new FitHint(false, "Cy: not available (off duty)"));
    }

    @Test
    void onlyCreatedOrAssignedBatchesCanBeGivenToARider() {
        BatchRow picked = Rows.batch(BatchStatus.PICKED, null, 1, "1");
        BatchRow completed = Rows.batch(BatchStatus.COMPLETED, null, 1, "1");
        BatchRow elsewhere = Rows.batch(BatchStatus.ASSIGNED, java.util.UUID.randomUUID(), 1, "1");

        assertThat(FitHint.evaluate(List.of(Rows.batch(1, "1"), picked), ana)).isEqualTo(new FitHint(false,
                "Batch " + ShortId.of(picked.id()) + " is picked up; only created or assigned batches can be given to a rider"));
        assertThat(FitHint.evaluate(List.of(completed), ana).text()).isEqualTo("Batch " + ShortId.of(completed.id())
                + " is completed; only created or assigned batches can be given to a rider");
        assertThat(FitHint.evaluate(List.of(elsewhere), ana).fits()).as("another rider's batch can be reassigned")
                .isTrue();
    }

    @Test
    void batchesTheRiderAlreadyHasAreNotCountedTwice() {
        BatchRow hers = Rows.batch(BatchStatus.ASSIGNED, ana.id(), 4, "4");
        BatchRow alsoHers = Rows.batch(BatchStatus.ASSIGNED, ana.id(), 1, "1");
        RiderRow carrying = new RiderRow(ana.id(), "Ana", "+100", ana.vehicleType(), Availability.AVAILABLE,
                ana.homeOutletId(), ana.homeOutletName(), new RiderLimits(5, new BigDecimal("10"), 3),
                new Load(5, new BigDecimal("5"), 2), ana.lastChangeAt(),
                1, null);

        assertThat(FitHint.evaluate(List.of(hers), carrying))
                .isEqualTo(new FitHint(false, "Ana already has this batch"));
        assertThat(FitHint.evaluate(List.of(hers, alsoHers), carrying))
                .isEqualTo(new FitHint(false, "Ana already has these batches"));
        assertThat(FitHint.evaluate(List.of(hers, Rows.batch(1, "1")), carrying))
                .as("only the batch that moves adds to her load").isEqualTo(new FitHint(false, "Ana: over capacity: 6/5 orders"));
    }
}

package com.dispatchconsole.domain.rows;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.Load;
import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.testing.Rows;
import com.dispatchconsole.testing.UnitTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Best fit: riders who fit first, then the most room left, then the nearest to the batches' outlet. */
@UnitTest
class RiderRankingTest {

    private static final RiderRanking.Place OUTLET = new RiderRanking.Place(51.51, -0.12);
    private static final RiderLimits LIMITS = new RiderLimits(10, new BigDecimal("20"), 2);

    private static RiderRow at(RiderRow rider, double metresNorth) {
        RiderPosition position = metresNorth < 0 ? null
                : new RiderPosition(OUTLET.lat() + metresNorth / 111_195.0, OUTLET.lon(), 5f, Instant.now());
        return new RiderRow(rider.id(), rider.name(), rider.phone(), rider.vehicleType(), rider.availability(),
                rider.homeOutletId(), rider.homeOutletName(), rider.limits(), rider.load(), rider.lastChangeAt(),
                rider.version(), position);
    }

    private static RiderRow rider(String name, Availability availability, int orders, int batches, double metres) {
        return at(Rows.rider(name, availability, LIMITS, new Load(orders, new BigDecimal(orders), batches)), metres);
    }

    private static List<String> names(List<RiderRanking.Standing> ranked) {
        return ranked.stream().map(s -> s.rider().name()).toList();
    }

    @Test
    void ridersWhoFitComeFirstThenTheMostRoomThenTheNearest() {
        BatchRow batch = Rows.batch(3, "3");
        List<RiderRow> riders = List.of(
                rider("Far, empty", Availability.AVAILABLE, 0, 0, 4000),
                rider("Near, empty", Availability.AVAILABLE, 0, 0, 300),
                rider("Nearest, busy", Availability.AVAILABLE, 5, 1, 50),
                rider("Nearest, full", Availability.AVAILABLE, 9, 1, 10),
                rider("On a break", Availability.ON_BREAK, 0, 0, 20),
                rider("No position, empty", Availability.AVAILABLE, 0, 0, -1));

        List<RiderRanking.Standing> ranked = RiderRanking.rank(riders, RiderRanking.batches(List.of(batch)), OUTLET);

        assertThat(names(ranked)).containsExactly("Near, empty", "Far, empty", "No position, empty",
                "Nearest, busy", "On a break", "Nearest, full");
        assertThat(ranked.get(0).fits()).isTrue();
        assertThat(ranked.get(0).metres()).isBetween(290.0, 310.0);
        assertThat(ranked.get(4).fits()).as("not available").isFalse();
        assertThat(ranked.get(5).fits()).as("9 + 3 orders is over 10").isFalse();
    }

    @Test
    void withoutTheOutletsPlaceRoomDecidesAndThenTheName() {
        List<RiderRow> riders = List.of(rider("Cleo", Availability.AVAILABLE, 0, 0, 10),
                rider("Ana", Availability.AVAILABLE, 0, 0, 4000), rider("Bea", Availability.AVAILABLE, 6, 1, 1));

        assertThat(names(RiderRanking.rank(riders, RiderRanking.batches(List.of(Rows.batch(1, "1"))), null)))
                .containsExactly("Ana", "Cleo", "Bea");
    }

    @Test
    void withNoBatchSelectedARiderFitsWhenTheyCouldTakeOneMore() {
        assertThat(RiderRanking.fits(rider("Free", Availability.AVAILABLE, 3, 1, 1), List.of())).isTrue();
        assertThat(RiderRanking.fits(rider("At the batch limit", Availability.AVAILABLE, 3, 2, 1), List.of()))
                .isFalse();
        assertThat(RiderRanking.fits(rider("All orders taken", Availability.AVAILABLE, 10, 1, 1), List.of()))
                .isFalse();
        assertThat(RiderRanking.fits(rider("Off duty", Availability.OFF_DUTY, 0, 0, 1), List.of())).isFalse();
    }

    @Test
    void aRiderAtTheirBatchLimitIsFull() {
        assertThat(LIMITS.share(new Load(1, new BigDecimal("1"), 2))).isEqualTo(1.0);
        assertThat(LIMITS.share(new Load(8, new BigDecimal("1"), 1))).isEqualTo(0.8);
    }
}

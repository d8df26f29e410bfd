package com.dispatchconsole.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.Load;
import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.VehicleType;
import com.dispatchconsole.domain.rows.OutletRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.testing.UnitTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rider search: names ignoring case, phones typed any way, and the outlet filter. */
@UnitTest
class RiderFilterTest {

    private static final OutletRow NORTH = new OutletRow(UUID.randomUUID(), "North", "1 Elm Street");
    private static final OutletRow SOUTH = new OutletRow(UUID.randomUUID(), "South", "2 Elm Street");

    private static RiderRow rider(String name, String phone, OutletRow home) {
        return new RiderRow(UUID.randomUUID(), name, phone, VehicleType.BICYCLE, Availability.AVAILABLE,
                home == null ? null : home.id(), home == null ? null : home.name(),
                new RiderLimits(6, new BigDecimal("12"), 1), Load.EMPTY, Instant.EPOCH, 1, null);
    }

    private final RiderRow jonas = rider("Jonas Berg", "+49 171 2345678", NORTH);
    private final RiderRow ana = rider("Ana Silva", "+44 7700 900123", SOUTH);
    private final RiderRow floater = rider("Kemi Adeyemi", null, null);
    private final List<RiderRow> all = List.of(jonas, ana, floater);

    private List<RiderRow> found(String typed, OutletRow outlet) {
        RiderFilter filter = new RiderFilter();
        filter.textProperty().set(typed);
        return all.stream().filter(filter.predicate(outlet, List.of())).toList();
    }

    @Test
    void aNameIsFoundByAnyPartIgnoringCase() {
        assertThat(found("jonas", null)).containsExactly(jonas);
        assertThat(found("  SILV ", null)).containsExactly(ana);
        assertThat(found("", null)).containsExactlyElementsOf(all);
    }

    @Test
    void aPhoneIsFoundHoweverItIsTyped() {
        assertThat(found("1712345", null)).containsExactly(jonas);
        assertThat(found("+49-171-234", null)).containsExactly(jonas);
        assertThat(found("0171 2345", null)).as("the national form of +49 171").containsExactly(jonas);
        assertThat(found("07700 900", null)).as("the national form of +44 7700").containsExactly(ana);
        assertThat(found("0172", null)).isEmpty();
    }

    @Test
    void theOutletFilterShowsItsRidersAndThoseWithoutAHomeOutlet() {
        assertThat(found("", NORTH)).containsExactly(jonas, floater);
        assertThat(found("", SOUTH)).containsExactly(ana, floater);
    }
}

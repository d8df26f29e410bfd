package com.dispatchconsole.persistence;

import static com.dispatchconsole.testing.Fixtures.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.NewOrder;
import com.dispatchconsole.domain.rows.OutletRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.TestDatabases;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The riders' "Changed" time is the rider's own and never goes back as their batches come and go; a customer's
 * phone and an outlet's position (V19) are stored and read back.
 */
@DatabaseTest
class RiderChangedAndContactsTest {

    private static Database db;
    private static DispatchServices services;
    private static Fixtures given;

    @BeforeAll
    static void open() {
        db = Database.open(TestDatabases.fresh());
        services = new DispatchServices(db);
        given = new Fixtures(services);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static Instant changed(RiderRow rider) {
        return services.queries().riders(List.of(rider.id())).get(0).lastChangeAt();
    }

    @Test
    void aRidersChangedTimeNeverGoesBackAsBatchesComeAndGo() {
        RiderRow ana = given.rider("Ana Changed", 10, "20", 2);
        List<Instant> seen = new ArrayList<>();
        seen.add(changed(ana));
        BatchRow first = given.batch(1, "1");
        BatchRow second = given.batch(1, "1");
        services.assignments().assign(first.id(), ana.id(), ACTOR);
        seen.add(changed(ana));
        services.assignments().assign(second.id(), ana.id(), ACTOR);
        seen.add(changed(ana));
        services.assignments().unassign(second.id(), ACTOR, "Wrong rider");
        seen.add(changed(ana));
        services.assignments().transition(first.id(), BatchStatus.CANCELLED, ACTOR, "Customer cancelled");
        seen.add(changed(ana));

        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i)).as("changed time after step %d", i).isAfterOrEqualTo(seen.get(i - 1));
        }

        services.fleet().setAvailability(ana.id(), Availability.ON_BREAK, ACTOR);
        assertThat(changed(ana)).as("the rider's own change moves it on").isAfter(seen.get(seen.size() - 1));
        RiderRow now = services.queries().riders(List.of(ana.id())).get(0);
        assertThat(now.lastChangeAt()).isEqualTo(
                services.queries().riders().stream().filter(r -> r.id().equals(ana.id())).findFirst().orElseThrow()
                        .lastChangeAt());
    }

    @Test
    void aCustomersPhoneIsStoredAndReadWithTheOrder() {
        BatchRow batch = services.batches().createBatch(given.outletId(), List.of(
                new NewOrder("K. Mensah", "4 Elm Street", new BigDecimal("1.5"), null, null, " +44 20 7946 0001 "),
                new NewOrder("No Phone", "5 Elm Street", new BigDecimal("1"))), ACTOR);

        assertThat(services.queries().orders(batch.id())).extracting(o -> o.customerPhone())
                .containsExactly("+44 20 7946 0001", null);
    }

    @Test
    void anOutletsPositionIsStoredWhenGivenAndBothOrNeitherIsRequired() {
        UUID placed = services.fleet().createOutlet("Placed " + UUID.randomUUID(), "1 Elm Street", 51.5, -0.1);
        UUID unplaced = services.fleet().createOutlet("Unplaced " + UUID.randomUUID(), "2 Elm Street");

        List<OutletRow> outlets = services.queries().outlets();
        OutletRow withPlace = outlets.stream().filter(o -> o.id().equals(placed)).findFirst().orElseThrow();
        assertThat(withPlace.hasPosition()).isTrue();
        assertThat(withPlace.lat()).isEqualTo(51.5);
        assertThat(withPlace.lon()).isEqualTo(-0.1);
        assertThat(outlets.stream().filter(o -> o.id().equals(unplaced)).findFirst().orElseThrow().hasPosition())
                .isFalse();
        assertThatThrownBy(() -> services.fleet().createOutlet("Half " + UUID.randomUUID(), "3 Elm Street", 51.5, null))
                .isInstanceOfSatisfying(DispatchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
}

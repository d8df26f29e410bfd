package com.dispatchconsole.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.Expected;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two dispatchers act on the same batch from what their screens showed: console X reassigns it while console Y,
 * still showing the old rider, reassigns, unassigns or cancels it. Exactly one wins every round; the other is
 * refused with ALREADY_CHANGED naming who did what, and nothing of its action lands on X's result.
 */
@DatabaseTest
class StaleActionTest {

    private static Database consoleX;
    private static Database consoleY;
    private static DispatchServices x;
    private static DispatchServices y;
    private static Fixtures given;
    private static Sql sql;

    @BeforeAll
    static void open() {
        var config = TestDatabases.fresh();
        consoleX = Database.open(config);
        consoleY = Database.open(config);
        x = new DispatchServices(consoleX);
        y = new DispatchServices(consoleY);
        given = new Fixtures(x);
        sql = new Sql(consoleX.dataSource());
    }

    @AfterAll
    static void close() {
        consoleY.close();
        consoleX.close();
    }

    private enum YAction { REASSIGN, UNASSIGN, CANCEL }

    @Test
    void twoConsolesOnTheSameBatchNeverBothWin() throws Exception {
        RiderRow r1 = given.rider("Ana", 50, "100", 50);
        RiderRow r2 = given.rider("Ben", 50, "100", 50);
        RiderRow r3 = given.rider("Chloé", 50, "100", 50);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int rounds = 45;
        int xWon = 0;
        int yWon = 0;
        try {
            for (int round = 0; round < rounds; round++) {
                YAction action = YAction.values()[round % 3];
                BatchRow seen = x.assignments().assign(given.batch(1, "1").id(), r1.id(), "setup");
                Expected shown = Expected.version(seen.version());
                CyclicBarrier start = new CyclicBarrier(2);
                CompletableFuture<Object> byX = CompletableFuture.supplyAsync(outcome(start,
                        () -> x.assignments().reassign(seen.id(), r2.id(), shown, "xavier", "X: Ana is late")), pool);
                CompletableFuture<Object> byY = CompletableFuture.supplyAsync(outcome(start, () -> switch (action) {
                    case REASSIGN -> y.assignments().reassign(seen.id(), r3.id(), shown, "yusuf", "Y: closer rider");
                    case UNASSIGN -> y.assignments().unassign(seen.id(), shown, "yusuf", "Y: hold it");
                    case CANCEL -> y.assignments().transition(seen.id(), BatchStatus.CANCELLED, shown, "yusuf",
                            "Y: customer cancelled");
                }), pool);
                Object a = byX.get(30, TimeUnit.SECONDS);
                Object b = byY.get(30, TimeUnit.SECONDS);

                assertThat(List.of(a, b)).as("round %d (%s): exactly one console wins", round, action)
                        .filteredOn(r -> r instanceof BatchRow).hasSize(1);
                DispatchException refusal = (DispatchException) (a instanceof DispatchException ? a : b);
                assertThat(refusal.code()).isEqualTo(ErrorCode.ALREADY_CHANGED);
                String winner = a instanceof BatchRow ? "xavier" : "yusuf";
                assertThat(refusal.sentence()).contains(winner).contains("changed since your screen showed it");
                // Only the winner's change is in the history after what both consoles saw.
                assertThat(sql.value("SELECT string_agg(DISTINCT actor, ',') FROM (SELECT actor FROM "
                        + "rider_assignment_history WHERE batch_id = ? UNION ALL SELECT actor FROM batch_status_history "
                        + "WHERE batch_id = ?) h WHERE actor IN ('xavier', 'yusuf')", seen.id(), seen.id()))
                        .isEqualTo(winner);
                if (a instanceof BatchRow) {
                    xWon++;
                    assertThat(sql.value("SELECT rider_id FROM delivery_batches WHERE id = ?", seen.id()))
                            .isEqualTo(r2.id());
                } else {
                    yWon++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(xWon + yWon).isEqualTo(rounds);
    }

    private static Supplier<Object> outcome(CyclicBarrier start, Supplier<BatchRow> call) {
        return () -> {
            try {
                start.await(10, TimeUnit.SECONDS);
                return call.get();
            } catch (DispatchException refused) {
                return refused;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Test
    void aStaleLifecycleMoveSaysWhoChangedItHowAndWhen() {
        RiderRow ana = given.rider("Dev", 10, "20", 1);
        BatchRow shown = given.batch(1, "1");
        x.assignments().assign(shown.id(), ana.id(), "maria");
        String before = sql.fingerprint();

        assertThatThrownBy(() -> y.assignments().transition(shown.id(), BatchStatus.CANCELLED,
                Expected.version(shown.version()), "yusuf", "Customer cancelled"))
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_CHANGED))
                .hasMessageMatching("(?s).*maria \\(postgres\\) — Assigned to Dev at \\d\\d:\\d\\d:\\d\\d; nothing was changed.*");
        assertThat(sql.fingerprint()).isEqualTo(before);
    }

    @Test
    void aSecondOutcomeRecordedWithoutSeeingTheFirstIsRefused() {
        RiderRow rider = given.rider("Elif", 10, "20", 1);
        BatchRow batch = given.batch(1, "1");
        given.outForDelivery(batch, rider);
        BatchOrderRow line = x.queries().orders(batch.id()).get(0);
        x.batches().recordOutcome(batch.id(), line.orderId(), Expected.version(0), OrderOutcome.DELIVERED, null,
                "{\"notes\": \"left with neighbour\"}", "rider-app");
        String before = sql.fingerprint();

        assertThatThrownBy(() -> y.batches().recordOutcome(batch.id(), line.orderId(), Expected.version(0),
                OrderOutcome.FAILED, "Nobody home", null, "yusuf"))
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_CHANGED))
                .hasMessageContaining("rider-app").hasMessageContaining("Order 1 delivered");
        assertThat(sql.fingerprint()).isEqualTo(before);
    }

    @Test
    void aStaleAvailabilityChangeIsRefused() {
        RiderRow shown = given.rider("Farid", 10, "20", 1);
        x.fleet().setAvailability(shown.id(), Availability.ON_BREAK, "maria");
        String before = sql.fingerprint();

        assertThatThrownBy(() -> y.fleet().setAvailability(shown.id(), Availability.OFF_DUTY,
                Expected.version(shown.version()), "yusuf"))
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_CHANGED))
                .hasMessageContaining("maria").hasMessageContaining("Availability AVAILABLE → ON_BREAK");
        assertThat(sql.fingerprint()).isEqualTo(before);
    }

    @Test
    void anUpToDateScreenActsNormally() {
        RiderRow rider = given.rider("Grace", 10, "20", 1);
        BatchRow shown = given.batch(1, "1");
        List<BatchRow> steps = new ArrayList<>();
        steps.add(y.assignments().assign(shown.id(), rider.id(), Expected.version(shown.version()), "yusuf"));
        steps.add(y.assignments().transition(shown.id(), BatchStatus.PICKED,
                Expected.version(steps.get(0).version()), "yusuf", null));
        assertThat(steps.get(1).status()).isEqualTo(BatchStatus.PICKED);
    }
}

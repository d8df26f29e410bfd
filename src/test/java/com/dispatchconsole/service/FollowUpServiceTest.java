package com.dispatchconsole.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.Expected;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.DisputeRow;
import com.dispatchconsole.domain.rows.HistoryEntry;
import com.dispatchconsole.domain.rows.PodReview;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Logins;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Follow-up through the services: a FAILED batch's undelivered orders go out again in one new batch, recorded in
 * both histories; two consoles doing it at once make one new batch and the other is told who did it and when; a
 * stale screen is refused. Disputes made through the review service are listed until someone follows them up.
 */
@DatabaseTest
class FollowUpServiceTest {

    private static DatabaseConfig owner;
    private static Database consoleX;
    private static Database consoleY;
    private static Database supervisorDb;
    private static DispatchServices x;
    private static DispatchServices y;
    private static DispatchServices supervisor;
    private static Fixtures given;
    private static Sql sql;
    private static int riders;

    @BeforeAll
    static void open() {
        owner = TestDatabases.fresh();
        consoleX = Database.open(owner);
        consoleY = Database.open(Logins.create(owner, "dispatch_dispatcher"));
        supervisorDb = Database.open(Logins.create(owner, "dispatch_supervisor"));
        x = new DispatchServices(consoleX);
        y = new DispatchServices(consoleY);
        supervisor = new DispatchServices(supervisorDb);
        given = new Fixtures(x);
        sql = new Sql(consoleX.dataSource());
    }

    @AfterAll
    static void close() {
        supervisorDb.close();
        consoleY.close();
        consoleX.close();
    }

    /** Out for delivery with three orders: the first delivered, the second failed at the door, the third pending. */
    private static BatchRow outWithOutcomes() {
        RiderRow rider = given.rider("Rider " + (++riders), 10, "20", 1);
        BatchRow batch = given.outForDelivery(given.batch(3, "2"), rider);
        List<BatchOrderRow> lines = x.queries().orders(batch.id());
        x.batches().recordOutcome(batch.id(), lines.get(0).orderId(), OrderOutcome.DELIVERED, null, "seed");
        x.batches().recordOutcome(batch.id(), lines.get(1).orderId(), OrderOutcome.FAILED, "nobody home", "seed");
        return x.queries().batches(List.of(batch.id())).get(0);
    }

    private static BatchRow failed(BatchRow out) {
        return x.assignments().transition(out.id(), BatchStatus.FAILED, "seed", "van broke down");
    }

    @Test
    void theUndeliveredOrdersOfAFailedBatchGoOutAgainInOneNewBatchAndBothHistoriesSaySo() {
        BatchRow failed = failed(outWithOutcomes());
        List<BatchOrderRow> old = x.queries().orders(failed.id());
        assertThat(x.followUps().redispatchable(failed.id())).isEqualTo(2);

        BatchRow fresh = y.followUps().redispatch(failed.id(), Expected.version(failed.version()), "new van", "Olga");

        assertThat(fresh.status()).isEqualTo(BatchStatus.CREATED);
        assertThat(fresh.outletId()).isEqualTo(failed.outletId());
        assertThat(fresh.orderCount()).isEqualTo(2);
        assertThat(x.queries().orders(fresh.id())).extracting(BatchOrderRow::orderId, BatchOrderRow::outcome, BatchOrderRow::sequence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(old.get(1).orderId(), OrderOutcome.PENDING, 1),
                        org.assertj.core.groups.Tuple.tuple(old.get(2).orderId(), OrderOutcome.PENDING, 2));
        assertThat(x.queries().orders(failed.id())).as("the failed batch keeps its record").isEqualTo(old);
        assertThat(x.followUps().redispatchable(failed.id())).isZero();

        List<HistoryEntry> newHistory = x.queries().history(fresh.id());
        assertThat(newHistory.get(0).describe()).isEqualTo("Created");
        HistoryEntry newSide = newHistory.get(1);
        assertThat(newSide.describe()).isEqualTo("Re-dispatched from batch " + failed.id().toString().substring(0, 8)
                + " (2 orders)");
        assertThat(newSide.actor()).isEqualTo("Olga");
        assertThat(newSide.reason()).isEqualTo("new van");
        HistoryEntry oldSide = last(x.queries().history(failed.id()));
        assertThat(oldSide.describe()).isEqualTo("Re-dispatched to batch " + fresh.id().toString().substring(0, 8)
                + " (2 orders)");
        assertThat(oldSide.actor()).isEqualTo("Olga");
        assertThat(oldSide.reason()).isEqualTo("new van");
    }

    private static HistoryEntry last(List<HistoryEntry> history) {
        return history.get(history.size() - 1);
    }

    @Test
    void twoConsolesReDispatchingTheSameFailedBatchAtOnceMakeOneNewBatchAndTheOtherIsToldWhoAndWhen() throws Exception {
        for (int round = 0; round < 6; round++) {
            BatchRow failed = failed(outWithOutcomes());
            Expected shown = Expected.version(failed.version());
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<Object> byX = CompletableFuture.supplyAsync(attempt(start,
                    () -> x.followUps().redispatch(failed.id(), shown, "retry", "Xavier")));
            CompletableFuture<Object> byY = CompletableFuture.supplyAsync(attempt(start,
                    () -> y.followUps().redispatch(failed.id(), shown, "retry", "Yuki")));
            Object a = byX.get(30, TimeUnit.SECONDS);
            Object b = byY.get(30, TimeUnit.SECONDS);

            List<Object> results = List.of(a, b);
            assertThat(results).filteredOn(r -> r instanceof BatchRow).hasSize(1);
            DispatchException refusal = (DispatchException) results.stream().filter(r -> r instanceof DispatchException)
                    .findFirst().orElseThrow(() -> new AssertionError("both won: " + results));
            String winner = a instanceof BatchRow ? "Xavier" : "Yuki";
            BatchRow fresh = (BatchRow) (a instanceof BatchRow ? a : b);
            assertThat(refusal.code()).isEqualTo(ErrorCode.ALREADY_CHANGED);
            assertThat(refusal.getMessage()).contains(winner).contains("Re-dispatched to batch "
                    + fresh.id().toString().substring(0, 8)).containsPattern("at \\d\\d:\\d\\d:\\d\\d");
            assertThat(sql.count("SELECT count(DISTINCT to_batch_id) FROM order_redispatches WHERE from_batch_id = ?",
                    failed.id())).isEqualTo(1);
            assertThat(sql.count("SELECT count(*) FROM delivery_batch_orders bo JOIN delivery_batches b ON b.id = bo.batch_id "
                    + "WHERE b.status = 'CREATED' AND bo.order_id IN (SELECT order_id FROM delivery_batch_orders "
                    + "WHERE batch_id = ?)", failed.id())).isEqualTo(2);
        }
    }

    private static Supplier<Object> attempt(CyclicBarrier start, Supplier<BatchRow> action) {
        return () -> {
            try {
                start.await(10, TimeUnit.SECONDS);
                return action.get();
            } catch (DispatchException e) {
                return e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Test
    void aScreenThatShowedTheBatchBeforeItFailedIsRefusedAndNothingIsCreated() {
        BatchRow out = outWithOutcomes();
        failed(out);
        long batches = sql.count("SELECT count(*) FROM delivery_batches");

        assertThatThrownBy(() -> y.followUps().redispatch(out.id(), Expected.version(out.version()), "retry", "Yuki"))
                .isInstanceOfSatisfying(DispatchException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_CHANGED);
                    assertThat(e.getMessage()).contains("seed").contains("Out for delivery → Failed");
                });
        assertThat(sql.count("SELECT count(*) FROM delivery_batches")).isEqualTo(batches);
    }

    @Test
    void onlyAFailedBatchWithUndeliveredOrdersIsReDispatched() {
        BatchRow out = outWithOutcomes();
        assertThat(catchThrowable(() -> x.followUps().redispatch(out.id(), Expected.version(out.version()), "retry", "Olga")))
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_BATCH_STATUS))
                .hasMessageContaining("only a FAILED batch's orders are re-dispatched");

        RiderRow rider = given.rider("Rider " + (++riders), 10, "20", 1);
        BatchRow allDelivered = given.outForDelivery(given.batch(1, "1"), rider);
        x.batches().recordOutcome(allDelivered.id(), x.queries().orders(allDelivered.id()).get(0).orderId(),
                OrderOutcome.DELIVERED, null, "seed");
        BatchRow failed = failed(allDelivered);
        assertThat(x.followUps().redispatchable(failed.id())).isZero();
        assertThat(catchThrowable(() -> x.followUps().redispatch(failed.id(), Expected.version(failed.version()), "retry", "Olga")))
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_BATCH_STATUS))
                .hasMessageContaining("was delivered; there is nothing to re-dispatch");
        assertThat(catchThrowable(() -> x.followUps().redispatch(failed.id(), Expected.ANY, " ", "Olga")))
                .hasMessage("A reason is required to re-dispatch a failed batch.");
    }

    @Test
    void aDisputeMadeThroughTheReviewServiceIsListedUntilSomeoneFollowsItUp() {
        RiderRow rider = given.rider("Rider " + (++riders), 10, "20", 1);
        BatchRow batch = given.outForDelivery(given.batch(1, "1"), rider);
        BatchOrderRow line = x.queries().orders(batch.id()).get(0);
        y.batches().recordOutcome(batch.id(), line.orderId(), OrderOutcome.DELIVERED, null, "{\"notes\": \"porch\"}", "rider app");
        supervisor.pods().review(line.id(), 1, PodReview.Verdict.DISPUTED, "photo shows another house");

        DisputeRow dispute = x.followUps().openDisputes().stream().filter(d -> d.batchOrderId().equals(line.id()))
                .findFirst().orElseThrow();
        assertThat(dispute.batchId()).isEqualTo(batch.id());
        assertThat(dispute.customerName()).isEqualTo(line.customerName());
        assertThat(dispute.riderName()).isEqualTo(rider.name());
        assertThat(dispute.disputedBy()).isEqualTo(supervisor.followUps().sessionLogin());
        assertThat(dispute.reason()).isEqualTo("photo shows another house");

        assertThat(catchThrowable(() -> supervisor.followUps().followUp(dispute.reviewId(), "checked", "Sam")))
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
        y.followUps().followUp(dispute.reviewId(), "called the customer: it was the neighbour's porch", "Olga");
        assertThat(x.followUps().openDisputes()).extracting(DisputeRow::reviewId).doesNotContain(dispute.reviewId());
        assertThat(last(x.queries().history(batch.id())).describe()).isEqualTo("Proof of delivery dispute followed up (order 1)");
        assertThat(catchThrowable(() -> x.followUps().followUp(dispute.reviewId(), "again", "Xavier")))
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_CHANGED))
                .hasMessageContaining("already followed up by Olga at ");
    }
}

package com.dispatchconsole.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.VehicleType;
import com.dispatchconsole.domain.rows.NewOrder;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.InvariantChecker;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The STANDARD demo shift is written as plain SQL (a first start's 4–5 s through the services became one statement
 * per change): the database's guards must still have checked every move and its triggers written every history
 * row, and a move the guards refuse must leave nothing behind while the shift goes on.
 */
@DatabaseTest
class DemoShiftTest {

    @Test
    void theDemoShiftKeepsEveryInvariantWithItsHistoryAndProofs() throws Exception {
        try (Database db = Database.open(TestDatabases.fresh())) {
            assertThat(DemoData.seedIfEmptyWithPhoto(db.dataSource())).isTrue();
            assertThat(DemoData.seedIfEmptyWithPhoto(db.dataSource())).as("only an empty database is seeded").isFalse();
            Sql sql = new Sql(db.dataSource());

            assertThat(sql.count("SELECT count(*) FROM delivery_batches")).isEqualTo(150);
            assertThat(sql.count("SELECT count(*) FROM delivery_riders")).isEqualTo(24);
            for (BatchStatus status : List.of(BatchStatus.CREATED, BatchStatus.ASSIGNED, BatchStatus.PICKED,
                    BatchStatus.OUT_FOR_DELIVERY, BatchStatus.COMPLETED, BatchStatus.CANCELLED)) {
                assertThat(sql.count("SELECT count(*) FROM delivery_batches WHERE status = '" + status + "'"))
                        .as("batches %s", status).isPositive();
            }
            for (String outlet : ((String) sql.value("SELECT string_agg(id::text, ',') FROM outlets")).split(",")) {
                assertThat(InvariantChecker.check(db.dataSource(), UUID.fromString(outlet))).isEmpty();
            }
            // Every batch's story was written by the triggers, under the demo's name, one row per move.
            assertThat(sql.count("SELECT count(*) FROM batch_status_history WHERE actor <> '" + DemoData.ACTOR + "'"))
                    .isZero();
            assertThat(sql.count("SELECT count(*) FROM batch_status_history WHERE old_status IS NULL")).isEqualTo(150);
            assertThat(sql.count("SELECT count(*) FROM batch_status_history WHERE new_status = 'CANCELLED' "
                    + "AND reason = 'Customer cancelled'")).isEqualTo(
                    sql.count("SELECT count(*) FROM delivery_batches WHERE status = 'CANCELLED'"));
            // Completed batches: every line delivered with a proof, each a first version kept as evidence; the
            // demo photo is stored once and named by the proofs that have one.
            assertThat(sql.count("SELECT count(*) FROM delivery_batch_orders l JOIN delivery_batches b "
                    + "ON b.id = l.batch_id WHERE b.status = 'COMPLETED' AND (l.outcome <> 'DELIVERED' "
                    + "OR l.proof_of_delivery IS NULL)")).isZero();
            assertThat(sql.count("SELECT count(*) FROM pod_versions")).isEqualTo(
                    sql.count("SELECT count(*) FROM delivery_batch_orders WHERE outcome = 'DELIVERED'"));
            assertThat(sql.count("SELECT count(*) FROM pod_photos")).isEqualTo(1);
            assertThat(sql.count("SELECT count(*) FROM delivery_batch_orders WHERE proof_of_delivery::text LIKE "
                    + "'%photo:' || (SELECT id FROM pod_photos) || '%'")).isPositive();
            // Positions for everyone, some stale; someone who carries nothing is away.
            assertThat(sql.count("SELECT count(*) FROM rider_trail")).isEqualTo(24);
            assertThat(sql.count("SELECT count(*) FROM delivery_riders WHERE availability <> 'AVAILABLE'")).isPositive();
        }
    }

    @Test
    void aMoveTheDatabaseRefusesLeavesNothingAndTheShiftGoesOn() throws Exception {
        try (Database db = Database.open(TestDatabases.fresh())) {
            Sql sql = new Sql(db.dataSource());
            UUID full;
            UUID second;
            try (DemoShiftWriter writer = DemoShiftWriter.open(db.dataSource())) {
                UUID outlet = writer.createOutlet("Test Kitchen", "1 Test Street", 51.5, -0.1);
                UUID rider = writer.createRider("Una Limit", "+44 1", VehicleType.BICYCLE, outlet,
                        new RiderLimits(6, new BigDecimal("12"), 1));
                List<NewOrder> one = List.of(new NewOrder("C", "2 Test Street", new BigDecimal("1.00"), 51.5, -0.1,
                        null));
                full = writer.createBatch(outlet, one);
                second = writer.createBatch(outlet, one);
                assertThat(writer.assign(full, rider)).isTrue();
                // One active batch at most: the database's guard refuses the second, and only that is undone.
                assertThat(writer.assign(second, rider)).isFalse();
                assertThat(writer.move(full, BatchStatus.PICKED, null)).isTrue();
                // Not on the state map: refused by the database too.
                assertThat(writer.move(second, BatchStatus.COMPLETED, null)).isFalse();
                writer.commit();
            }
            assertThat(sql.value("SELECT status FROM delivery_batches WHERE id = '" + full + "'")).isEqualTo("PICKED");
            assertThat(sql.value("SELECT status FROM delivery_batches WHERE id = '" + second + "'"))
                    .isEqualTo("CREATED");
            assertThat(sql.count("SELECT count(*) FROM batch_status_history WHERE batch_id = '" + second + "'"))
                    .as("only its creation").isEqualTo(1);
            assertThat(sql.count("SELECT count(*) FROM rider_assignment_history WHERE batch_id = '" + second + "'"))
                    .isZero();
        }
    }
}

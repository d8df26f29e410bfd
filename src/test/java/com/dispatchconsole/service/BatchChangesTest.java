package com.dispatchconsole.service;

import com.dispatchconsole.testing.DatabaseTest;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.Expected;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** "Change these batches" on a real database: what the report says is what the database holds. */
@DatabaseTest
class BatchChangesTest {

    private static Database db;
    private static DispatchServices services;
    private static BatchChanges changes;
    private static Fixtures given;
    private static Sql sql;

    @BeforeAll
    static void open() {
        db = Database.open(TestDatabases.fresh());
        services = new DispatchServices(db);
        changes = services.changes();
        given = new Fixtures(services);
        sql = new Sql(db.dataSource());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static Map<UUID, Expected> seen(BatchRow... rows) {
        Map<UUID, Expected> seen = new java.util.HashMap<>();
        for (BatchRow row : rows) {
            seen.put(row.id(), Expected.version(row.version()));
        }
        return seen;
    }

    @Test
    void aRefusedBatchChangesNothing() {
        RiderRow small = given.rider("Sol", 3, "20", 2);
        BatchRow big = given.batch(5, "1");
        String before = sql.fingerprint();

        ChangeReport report = changes.change(List.of(big.id()), seen(big), BatchChange.giveTo(small.id()), "olga", null);

        assertThat(sql.fingerprint()).as("nothing changed").isEqualTo(before);
        assertThat(report.changed()).isEmpty();
        assertThat(report.refused()).singleElement().satisfies(refusal -> {
            assertThat(refusal.batchId()).isEqualTo(big.id());
            assertThat(refusal.error().code()).isEqualTo(ErrorCode.CAPACITY_EXCEEDED);
            assertThat(refusal.error().sentence()).isEqualTo("Sol would carry 5 orders; the limit is 3.");
            assertThat(refusal.meanwhile()).as("nobody else touched it").isNull();
        });
        assertThat(report.refusedRows()).containsExactly(services.queries().batch(big.id()));
        assertThat(report.stopped()).isFalse();
    }

    @Test
    void aMixedSelectionReportsBothAndItsRowsEqualTheDatabase() {
        RiderRow ana = given.rider("Ana", 10, "20", 2);
        RiderRow ben = given.rider("Ben", 10, "20", 3);
        BatchRow created = given.batch(1, "1");
        BatchRow withAna = services.assignments().assign(given.batch(2, "1").id(), ana.id(), "seed");
        BatchRow picked = given.batch(1, "1");
        services.assignments().assign(picked.id(), ben.id(), "seed");
        BatchRow pickedUp = services.assignments().transition(picked.id(), BatchStatus.PICKED, "seed", null);

        ChangeReport report = changes.change(List.of(created.id(), withAna.id(), picked.id()),
                seen(created, withAna, pickedUp), BatchChange.giveTo(ben.id()), "olga", "Ana went home");

        assertThat(report.changed()).extracting(BatchRow::id).containsExactly(created.id(), withAna.id());
        assertThat(report.changed()).as("the rows the units of work returned are the rows in the database")
                .containsExactlyElementsOf(services.queries().batches(List.of(created.id(), withAna.id())));
        assertThat(report.changed()).extracting(BatchRow::riderId).containsOnly(ben.id());
        assertThat(sql.value("SELECT reason FROM rider_assignment_history WHERE batch_id = ? AND new_rider_id = ?",
                withAna.id(), ben.id())).as("the ASSIGNED batch was reassigned with the reason").isEqualTo("Ana went home");
        assertThat(report.refused()).singleElement().satisfies(refusal -> {
            assertThat(refusal.batchId()).isEqualTo(picked.id());
            assertThat(refusal.error().code()).isEqualTo(ErrorCode.INVALID_BATCH_STATUS);
        });
        assertThat(report.refusedRows()).containsExactly(services.queries().batch(picked.id()));
        assertThat(report.riders()).as("the rider given to and the one the batch left, as they are now")
                .containsExactlyInAnyOrderElementsOf(services.queries().riders(List.of(ana.id(), ben.id())));
    }

    @Test
    void aBatchAlreadyWithTheRiderIsRefusedWithoutAskingForAReason() {
        RiderRow ana = given.rider("Ana", 10, "20", 2);
        BatchRow batch = services.assignments().assign(given.batch(1, "1").id(), ana.id(), "seed");

        ChangeReport report = changes.change(List.of(batch.id()), seen(batch), BatchChange.giveTo(ana.id()), "olga", null);

        assertThat(report.refused()).singleElement().satisfies(refusal -> {
            assertThat(refusal.error().code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(refusal.error().sentence()).endsWith("is already assigned to that rider.");
        });
    }

    @Test
    void aBatchChangedElsewhereSinceTheScreenShowedItIsRefusedAndNamesWhoChangedIt() {
        RiderRow ana = given.rider("Ana", 10, "20", 2);
        RiderRow ben = given.rider("Ben", 10, "20", 2);
        BatchRow shown = given.batch(1, "1");
        // Another console assigns the batch after this screen showed it.
        services.assignments().assign(shown.id(), ben.id(), "maria");
        String before = sql.fingerprint();

        ChangeReport report = changes.change(List.of(shown.id()), seen(shown), BatchChange.giveTo(ana.id()), "olga", null);

        assertThat(sql.fingerprint()).as("nothing changed").isEqualTo(before);
        assertThat(report.refused()).singleElement().satisfies(refusal -> {
            assertThat(refusal.error().code()).isEqualTo(ErrorCode.ALREADY_CHANGED);
            assertThat(refusal.error().sentence()).contains("maria").contains("Assigned to Ben");
            assertThat(refusal.meanwhile()).as("the change the screen did not show").isNotNull();
            assertThat(refusal.meanwhile().actor()).isEqualTo("maria");
            assertThat(refusal.meanwhile().describe()).isEqualTo("Assigned to Ben");
        });
        assertThat(report.refusedRows()).singleElement().satisfies(row -> assertThat(row.riderId()).isEqualTo(ben.id()));
    }

    @Test
    void lifecycleMovesGoThroughTheStateMapAndRefreshTheRiderTheyLeave() {
        RiderRow ana = given.rider("Ana", 10, "20", 2);
        BatchRow batch = services.assignments().assign(given.batch(1, "1").id(), ana.id(), "seed");

        ChangeReport report = changes.change(List.of(batch.id()), seen(batch), BatchChange.moveTo(BatchStatus.CREATED),
                "olga", null);

        assertThat(report.changed()).singleElement().satisfies(row -> {
            assertThat(row.status()).isEqualTo(BatchStatus.CREATED);
            assertThat(row.riderId()).isNull();
        });
        assertThat(report.riders()).singleElement().satisfies(rider -> {
            assertThat(rider.id()).isEqualTo(ana.id());
            assertThat(rider.load().activeBatches()).isZero();
        });
        assertThat(sql.value("SELECT status FROM delivery_batches WHERE id = ?", batch.id())).isEqualTo("CREATED");
    }
}

package com.dispatchconsole.service;

import com.dispatchconsole.testing.DatabaseTest;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import com.dispatchconsole.testing.Transactions;
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
    private static Transactions transactions;

    @BeforeAll
    static void open() {
        db = Database.open(TestDatabases.fresh());
        services = new DispatchServices(db);
        changes = services.changes();
        given = new Fixtures(services);
        sql = new Sql(db.dataSource());
        transactions = Transactions.countedOn(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /** The rows a screen showed, as the console hands them over. */
    private static Map<UUID, BatchRow> seen(BatchRow... rows) {
        Map<UUID, BatchRow> seen = new java.util.HashMap<>();
        for (BatchRow row : rows) {
            seen.put(row.id(), row);
        }
        return seen;
    }

    private static ChangeReport change(List<UUID> ids, Map<UUID, BatchRow> seen, BatchChange what, String reason) {
        return changes.change(ids, seen, what, "olga", reason);
    }

    @Test
    void aRefusedBatchChangesNothing() {
        RiderRow small = given.rider("Sol", 3, "20", 2);
        BatchRow big = given.batch(5, "1");
        String before = sql.fingerprint();

        ChangeReport report = change(List.of(big.id()), seen(big), BatchChange.giveTo(small.id()), null);

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

        ChangeReport report = change(List.of(created.id(), withAna.id(), picked.id()),
                seen(created, withAna, pickedUp), BatchChange.giveTo(ben.id()), "Ana went home");

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

        ChangeReport report = change(List.of(batch.id()), seen(batch), BatchChange.giveTo(ana.id()), null);

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

        ChangeReport report = change(List.of(shown.id()), seen(shown), BatchChange.giveTo(ana.id()), null);

        assertThat(sql.fingerprint()).as("nothing changed").isEqualTo(before);
        assertThat(report.refused()).singleElement().satisfies(refusal -> {
            assertThat(refusal.error().code()).isEqualTo(ErrorCode.ALREADY_CHANGED);
            assertThat(refusal.error().sentence()).contains("maria").contains("Assigned to Ben");
            assertThat(refusal.meanwhile()).as("the sentence says who; the history is not read again").isNull();
        });
        assertThat(report.refusedRows()).singleElement().satisfies(row -> assertThat(row.riderId()).isEqualTo(ben.id()));
    }

    @Test
    void lifecycleMovesGoThroughTheStateMapAndRefreshTheRiderTheyLeave() {
        RiderRow ana = given.rider("Ana", 10, "20", 2);
        BatchRow batch = services.assignments().assign(given.batch(1, "1").id(), ana.id(), "seed");

        ChangeReport report = change(List.of(batch.id()), seen(batch), BatchChange.moveTo(BatchStatus.CREATED), null);

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

    @Test
    void aDropRunsOneTransactionPerBatchAndOneReadAtTheEnd() {
        RiderRow ana = given.rider("Ana", 10, "20", 3);
        RiderRow ben = given.rider("Ben", 10, "20", 3);
        BatchRow created = given.batch(1, "1");
        BatchRow withAna = services.assignments().assign(given.batch(1, "1").id(), ana.id(), "seed");
        ChangeReport[] report = new ChangeReport[1];

        int ran = transactions.during(() -> report[0] = change(List.of(created.id(), withAna.id()),
                seen(created, withAna), BatchChange.giveTo(ben.id()), "Ana went home"));

        assertThat(ran).as("one unit of work per batch and one read of the riders: no batch read before").isEqualTo(3);
        assertThat(report[0].changed()).extracting(BatchRow::riderId).containsOnly(ben.id());
        assertThat(sql.value("SELECT reason FROM rider_assignment_history WHERE batch_id = ? AND new_rider_id = ?",
                withAna.id(), ben.id())).as("the ASSIGNED row the screen showed was reassigned with the reason")
                .isEqualTo("Ana went home");
        assertThat(report[0].riders()).as("the rider given to and the one the screen showed the batch with")
                .containsExactlyInAnyOrderElementsOf(services.queries().riders(List.of(ana.id(), ben.id())));
    }

    @Test
    void aStaleScreenIsRefusedNamingWhoAndItsRidersAreReadOnceAtTheEnd() {
        RiderRow ana = given.rider("Ana", 10, "20", 2);
        RiderRow ben = given.rider("Ben", 10, "20", 2);
        RiderRow cy = given.rider("Cy", 10, "20", 2);
        BatchRow shown = services.assignments().assign(given.batch(1, "1").id(), ana.id(), "seed");
        // Another console gives the batch to Ben after this screen showed it with Ana.
        services.assignments().reassign(shown.id(), ben.id(), "maria", "Ana is late");
        String before = sql.fingerprint();
        ChangeReport[] report = new ChangeReport[1];

        int ran = transactions.during(() -> report[0] = change(List.of(shown.id()), seen(shown),
                BatchChange.giveTo(cy.id()), "closer"));

        assertThat(sql.fingerprint()).as("nothing changed").isEqualTo(before);
        assertThat(ran).as("the refused unit of work and one read at the end, which reads no history").isEqualTo(2);
        assertThat(report[0].refused()).singleElement().satisfies(refusal -> {
            assertThat(refusal.error().code()).isEqualTo(ErrorCode.ALREADY_CHANGED);
            assertThat(refusal.error().sentence()).contains("maria");
        });
        assertThat(report[0].refusedRows()).singleElement()
                .satisfies(row -> assertThat(row.riderId()).isEqualTo(ben.id()));
        assertThat(report[0].riders()).as("the rider given to, the one the screen showed and the one it has now")
                .containsExactlyInAnyOrderElementsOf(services.queries().riders(List.of(ana.id(), ben.id(), cy.id())));
    }

    @Test
    void aStaleRowAlreadyWithTheRiderOnScreenIsRefusedAsChangedNotAsAlreadyThere() {
        RiderRow ana = given.rider("Ana", 10, "20", 2);
        RiderRow ben = given.rider("Ben", 10, "20", 2);
        BatchRow shown = services.assignments().assign(given.batch(1, "1").id(), ana.id(), "seed");
        services.assignments().reassign(shown.id(), ben.id(), "maria", "Ana is late");

        ChangeReport report = change(List.of(shown.id()), seen(shown), BatchChange.giveTo(ana.id()), null);

        assertThat(report.refused()).singleElement().satisfies(refusal -> {
            assertThat(refusal.error().code()).isEqualTo(ErrorCode.ALREADY_CHANGED);
            assertThat(refusal.error().sentence()).contains("maria");
        });
    }

    @Test
    void anotherRefusalOfAStaleRowCarriesWhatHappenedMeanwhileFromTheSameReadAtTheEnd() {
        RiderRow ana = given.rider("Ana", 10, "20", 2);
        RiderRow ben = given.rider("Ben", 10, "20", 2);
        RiderRow cy = given.rider("Cy", 10, "20", 2);
        BatchRow shown = services.assignments().assign(given.batch(1, "1").id(), ana.id(), "seed");
        services.assignments().reassign(shown.id(), ben.id(), "maria", "Ana is late");
        ChangeReport[] report = new ChangeReport[1];

        // Nobody gave a reason: refused before any unit of work, while the screen was out of date too.
        int ran = transactions.during(() -> report[0] = change(List.of(shown.id()), seen(shown),
                BatchChange.giveTo(cy.id()), null));

        assertThat(ran).as("only the read at the end, history included").isEqualTo(1);
        assertThat(report[0].refused()).singleElement().satisfies(refusal -> {
            assertThat(refusal.error().code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(refusal.meanwhile()).as("the change the screen did not show").isNotNull();
            assertThat(refusal.meanwhile().actor()).isEqualTo("maria");
            assertThat(refusal.meanwhile().describe()).isEqualTo("Reassigned from Ana to Ben");
        });
    }
}

package com.dispatchconsole.service;

import static com.dispatchconsole.testing.Fixtures.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.FreshDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The plain-JDBC unit of work the assignment path runs in ({@link UnitOfWork#change}, issue 15): one transaction with
 * the settings, isolation check, retries and typed errors of a Hibernate one, and the retry loop it shares with
 * {@link UnitOfWork#read} and {@link UnitOfWork#call}.
 */
@DatabaseTest
class UnitOfWorkTest {

    @RegisterExtension
    static final FreshDatabase fresh = new FreshDatabase();

    @Test
    void aChangeDeclaresItsOperatorAndReasonAndRunsAtReadCommittedWithBoundedWaits() {
        String[] seen = fresh.services().unitOfWork().change("olga", "checking", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('dispatch.operator'), "
                    + "current_setting('dispatch.reason'), current_setting('transaction_isolation'), "
                    + "current_setting('lock_timeout'), current_setting('statement_timeout')");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)};
            }
        });
        assertThat(seen).containsExactly("olga", "checking", "read committed", "2s", "5s");
    }

    @Test
    void aRefusalInsideAChangeRollsBackWhatItWroteAndReachesTheCallerAsItWas() {
        RiderRow ana = fresh.given().rider("Ana", 10, "20", 1);
        DispatchException refusal = new DispatchException(ErrorCode.RIDER_UNAVAILABLE, "Not today.");

        assertThatThrownBy(() -> fresh.services().unitOfWork().change(ACTOR, null, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE delivery_riders SET name = 'Changed' WHERE id = ?")) {
                ps.setObject(1, ana.id());
                ps.executeUpdate();
            }
            throw refusal;
        })).isSameAs(refusal);

        assertThat(fresh.sql().value("SELECT name FROM delivery_riders WHERE id = ?", ana.id())).isEqualTo("Ana");
    }

    @Test
    void aRowThatMovedMeanwhileStartsTheChangeAgain() {
        long retriesBefore = fresh.services().unitOfWork().retries();
        AtomicInteger attempts = new AtomicInteger();

        String result = fresh.services().unitOfWork().change(ACTOR, null, c -> {
            if (attempts.incrementAndGet() == 1) {
                throw new UnitOfWork.RowMovedMeanwhile();
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(2);
        assertThat(fresh.services().unitOfWork().retries() - retriesBefore).isEqualTo(1);
    }

    @Test
    void readsAndChangesShareOneRetryLoopForDeadlocksThenGiveATypedError() {
        UnitOfWork unitOfWork = fresh.services().unitOfWork();
        for (boolean change : new boolean[] {false, true}) {
            long deadlocksBefore = unitOfWork.deadlocks();
            AtomicInteger attempts = new AtomicInteger();
            UnitOfWork.SqlWork<Object> deadlocked = c -> {
                attempts.incrementAndGet();
                throw new SQLException("deadlock detected", "40P01");
            };

            assertThatThrownBy(() -> {
                if (change) {
                    unitOfWork.change(ACTOR, null, deadlocked);
                } else {
                    unitOfWork.read(deadlocked);
                }
            }).isInstanceOfSatisfying(DispatchException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_UPDATE));
            assertThat(attempts.get()).as(change ? "change" : "read").isGreaterThan(1);
            assertThat(unitOfWork.deadlocks() - deadlocksBefore).isEqualTo(attempts.get());
        }
    }

    @Test
    void theRowEveryMoveReturnsIsTheRowAsTheDatabaseThenHasIt() {
        RiderRow ana = fresh.given().rider("Ana", 10, "20", 2);
        RiderRow ben = fresh.given().rider("Ben", 10, "20", 2);
        BatchRow batch = fresh.given().batch(2, "1.5");

        BatchRow assigned = fresh.services().assignments().assign(batch.id(), ana.id(), ACTOR);
        assertThat(assigned).isEqualTo(fresh.services().queries().batch(batch.id()));
        assertThat(assigned.version()).isEqualTo(batch.version() + 1);
        assertThat(assigned.riderName()).isEqualTo("Ana");

        BatchRow reassigned = fresh.services().assignments().reassign(batch.id(), ben.id(), ACTOR, "closer");
        assertThat(reassigned).isEqualTo(fresh.services().queries().batch(batch.id()));
        assertThat(reassigned.riderName()).isEqualTo("Ben");

        BatchRow picked = fresh.services().assignments().transition(batch.id(), BatchStatus.PICKED, ACTOR, null);
        assertThat(picked).isEqualTo(fresh.services().queries().batch(batch.id()));
        assertThat(picked.riderId()).as("the rider stays on the way to delivery").isEqualTo(ben.id());
    }

    @Test
    void theRowAMoveReturnsMatchesTheWholeTableReadNamesAndCustomersInLineOrder() {
        RiderRow cleo = fresh.given().rider("Cleo", 10, "20", 2);
        BatchRow batch = fresh.given().batch(3, "1");

        BatchRow assigned = fresh.services().assignments().assign(batch.id(), cleo.id(), ACTOR);
        // The whole-table read joins names and aggregates customers in one pass: a different statement from the
        // per-row lookups the move's read-back uses, so the two must agree column for column.
        assertThat(assigned).isEqualTo(fromWholeTable(batch));
        assertThat(assigned.customers()).isEqualTo(batch.customers()).matches("Customer \\d+, Customer \\d+, Customer \\d+");
        assertThat(assigned.outletName()).isEqualTo(batch.outletName()).isNotBlank();

        BatchRow unassigned = fresh.services().assignments().unassign(batch.id(), ACTOR, "back to the pool");
        assertThat(unassigned).isEqualTo(fromWholeTable(batch));
        assertThat(unassigned.riderId()).isNull();
        assertThat(unassigned.riderName()).isNull();
    }

    private static BatchRow fromWholeTable(BatchRow batch) {
        return fresh.services().queries().batches().stream().filter(r -> r.id().equals(batch.id())).findFirst().orElseThrow();
    }
}

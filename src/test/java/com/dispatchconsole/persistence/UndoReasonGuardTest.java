package com.dispatchconsole.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.FreshDatabase;
import com.dispatchconsole.testing.Logins;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * V26: the history's "Undo of …" label is the database's to give. A plain-SQL writer cannot dress any change up as
 * an undo (found by the adversary pass: the reason was free text); taking back one's own latest change of the
 * batch's rider still reads as one.
 */
@DatabaseTest
class UndoReasonGuardTest {

    @RegisterExtension
    static final FreshDatabase fresh = new FreshDatabase();

    @Test
    void aDispatcherCannotLabelSomeoneElsesAssignmentsReversalAnUndo() {
        RiderRow ana = fresh.given().rider("Ana Undo", 10, "20", 3);
        BatchRow batch = fresh.given().batch(1, "1");
        fresh.services().assignments().assign(batch.id(), ana.id(), "seed");
        String dispatcher = Logins.create(fresh.db().config(), "dispatch_dispatcher").user();
        long before = fresh.sql().count("SELECT count(*) FROM rider_assignment_history WHERE batch_id = ?", batch.id());

        assertThatThrownBy(() -> Logins.run(fresh.db().config(), dispatcher,
                "SELECT set_config('dispatch.operator', 'olga', true), set_config('dispatch.reason', "
                        + "'Undo of assign at 09:40:12', true)",
                "UPDATE delivery_batches SET status = 'CREATED', rider_id = NULL WHERE id = '" + batch.id() + "'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("INVALID_ARGUMENT")
                .hasMessageContaining("Undo of");
        assertThat(fresh.sql().value("SELECT status FROM delivery_batches WHERE id = ?", batch.id())).isEqualTo("ASSIGNED");
        assertThat(fresh.sql().count("SELECT count(*) FROM rider_assignment_history WHERE batch_id = ?", batch.id()))
                .isEqualTo(before);

        // The same move with an honest reason is the dispatcher's to make.
        try {
            Logins.run(fresh.db().config(), dispatcher, "SELECT set_config('dispatch.operator', 'olga', true), "
                    + "set_config('dispatch.reason', 'Rider called in sick', true)",
                    "UPDATE delivery_batches SET status = 'CREATED', rider_id = NULL WHERE id = '" + batch.id() + "'");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        assertThat(fresh.sql().value("SELECT status FROM delivery_batches WHERE id = ?", batch.id())).isEqualTo("CREATED");
    }

    @Test
    void takingBackOnesOwnLatestRiderChangeStillReadsAsAnUndo() throws SQLException {
        RiderRow ben = fresh.given().rider("Ben Undo", 10, "20", 3);
        BatchRow batch = fresh.given().batch(1, "1");
        String dispatcher = Logins.create(fresh.db().config(), "dispatch_dispatcher").user();
        Logins.run(fresh.db().config(), dispatcher, "SELECT set_config('dispatch.operator', 'olga', true)",
                "UPDATE delivery_batches SET status = 'ASSIGNED', rider_id = '" + ben.id() + "' WHERE id = '"
                        + batch.id() + "'");
        // An undo that does not reverse that change (the rider stays) is refused too.
        assertThatThrownBy(() -> Logins.run(fresh.db().config(), dispatcher,
                "SELECT set_config('dispatch.reason', 'Undo of assign at 10:00:00', true)",
                "UPDATE delivery_batches SET version = version WHERE id = '" + batch.id() + "'"))
                .isInstanceOf(SQLException.class).hasMessageContaining("INVALID_ARGUMENT");

        Logins.run(fresh.db().config(), dispatcher, "SELECT set_config('dispatch.operator', 'olga', true), "
                        + "set_config('dispatch.reason', 'Undo of assign at 10:00:00', true)",
                "UPDATE delivery_batches SET status = 'CREATED', rider_id = NULL WHERE id = '" + batch.id() + "'");
        assertThat(fresh.sql().value("SELECT reason FROM rider_assignment_history WHERE batch_id = ? ORDER BY id DESC LIMIT 1",
                batch.id())).isEqualTo("Undo of assign at 10:00:00");
    }
}

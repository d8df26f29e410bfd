package com.dispatchconsole.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.TestDatabases;
import com.dispatchconsole.ui.common.SynchronousUiExecutor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The detail of the selected batch, with the synchronous executor: no window, real database. */
@DatabaseTest
class BatchDetailModelTest {

    @Test
    void outcomesCanBeRecordedOnlyWhileTheShownBatchIsOutForDelivery() {
        try (Database db = Database.open(TestDatabases.fresh())) {
            DispatchServices services = new DispatchServices(db);
            Fixtures given = new Fixtures(services);
            RiderRow ana = given.rider("Ana", 10, "20", 2);
            BatchRow out = given.batch(1, "1");
            BatchRow picked = given.batch(1, "1");
            for (BatchRow batch : List.of(out, picked)) {
                services.assignments().assign(batch.id(), ana.id(), "t");
                services.assignments().transition(batch.id(), BatchStatus.PICKED, "t", null);
            }
            services.assignments().transition(out.id(), BatchStatus.OUT_FOR_DELIVERY, "t", null);
            ConsoleViewModel model = new ConsoleViewModel(services, new SynchronousUiExecutor(), "olga", "db");
            model.load();
            BatchDetailModel detail = model.selection().detail();

            assertThat(detail.canRecordOutcomesProperty().get()).as("nothing shown").isFalse();
            model.selection().select(model.rows().batches(List.of(out.id())));
            assertThat(detail.canRecordOutcomesProperty().get()).as("out for delivery").isTrue();
            model.selection().select(model.rows().batches(List.of(picked.id())));
            assertThat(detail.canRecordOutcomesProperty().get()).as("picked, not yet out").isFalse();
            model.selection().select(model.rows().batches(List.of(out.id(), picked.id())));
            assertThat(detail.canRecordOutcomesProperty().get()).as("two batches: no detail").isFalse();
        }
    }
}

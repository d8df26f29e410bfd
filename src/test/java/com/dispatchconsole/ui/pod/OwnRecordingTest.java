package com.dispatchconsole.ui.pod;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Logins;
import com.dispatchconsole.testing.TestDatabases;
import com.dispatchconsole.ui.common.SynchronousUiExecutor;
import com.dispatchconsole.ui.pod.PodViewModel;
import org.junit.jupiter.api.Test;

/** The viewer offers no verdict on a version its own login recorded, and says why; another supervisor gets one. */
@DatabaseTest
class OwnRecordingTest {

    @Test
    void aSupervisorIsNotOfferedAVerdictOnTheirOwnRecording() {
        DatabaseConfig owner = TestDatabases.fresh();
        DatabaseConfig sam = Logins.create(owner, "dispatch_supervisor");
        DatabaseConfig kim = Logins.create(owner, "dispatch_supervisor");
        try (Database ownerDb = Database.open(owner); Database samDb = Database.open(sam);
             Database kimDb = Database.open(kim)) {
            DispatchServices services = new DispatchServices(ownerDb);
            Fixtures given = new Fixtures(services);
            BatchRow batch = given.batch(1, "1");
            services.assignments().assign(batch.id(), given.rider("Ana", 10, "20", 1).id(), "seed");
            services.assignments().transition(batch.id(), BatchStatus.PICKED, "seed", null);
            services.assignments().transition(batch.id(), BatchStatus.OUT_FOR_DELIVERY, "seed", null);
            BatchOrderRow line = services.queries().orders(batch.id()).get(0);
            new DispatchServices(samDb).batches().recordOutcome(batch.id(), line.orderId(), OrderOutcome.DELIVERED,
                    null, "{\"notes\": \"left with the concierge\"}", "Sam");

            PodViewModel own = new PodViewModel(new DispatchServices(samDb).pods(), new DispatchServices(samDb).photos(),
                    new DispatchServices(samDb).queries(), new SynchronousUiExecutor(), line.id());
            own.load();
            assertThat(own.canReviewProperty().get()).isFalse();
            assertThat(own.messageProperty().get()).isEqualTo("You recorded this version (" + sam.user()
                    + "); another supervisor must judge it.");

            PodViewModel other = new PodViewModel(new DispatchServices(kimDb).pods(), new DispatchServices(kimDb).photos(),
                    new DispatchServices(kimDb).queries(), new SynchronousUiExecutor(), line.id());
            other.load();
            assertThat(other.canReviewProperty().get()).isTrue();
            assertThat(other.messageProperty().get()).isEmpty();
        }
    }
}

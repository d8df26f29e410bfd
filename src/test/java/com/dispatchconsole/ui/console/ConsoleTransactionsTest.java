package com.dispatchconsole.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.TestDatabases;
import com.dispatchconsole.testing.Transactions;
import com.dispatchconsole.ui.common.SynchronousUiExecutor;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the console shows comes from one transaction per action: a load's identity check speaks for the very rows it
 * shows, and a change's rows are the ones its unit of work returned, not read again in another transaction.
 */
@DatabaseTest
class ConsoleTransactionsTest {

    private Database db;
    private DispatchServices services;
    private Fixtures given;
    private Transactions transactions;
    private ConsoleViewModel model;

    @BeforeEach
    void open() {
        db = Database.open(TestDatabases.fresh());
        services = new DispatchServices(db);
        given = new Fixtures(services);
        transactions = Transactions.countedOn(db);
        model = new ConsoleViewModel(services, new SynchronousUiExecutor(), "olga", "db");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aLoadReadsIdentityRowsRoleAndReviewRightInOneTransaction() {
        RiderRow ana = given.rider("Ana", 10, "20", 2);
        BatchRow batch = given.batch(2, "1");

        int ran = transactions.during(model::load);

        assertThat(ran).isEqualTo(1);
        assertThat(model.rows().riders()).containsExactly(services.queries().riders(List.of(ana.id())).get(0));
        assertThat(model.rows().allBatches()).containsExactly(services.queries().batch(batch.id()));
        assertThat(model.rows().outlets()).extracting(o -> o.id()).containsExactly(given.outletId());
        assertThat(model.rows().sessionRoleProperty().get()).isEqualTo(services.queries().sessionRole());
        assertThat(model.rows().canReviewProperty().get()).isEqualTo(services.pods().canReview());
        assertThat(model.rows().databaseReplacedProperty().get()).as("the first load is no replacement").isEmpty();
    }

    @Test
    void recordingAnOutcomeShowsTheRowItsUnitOfWorkReturned() {
        RiderRow ana = given.rider("Ana", 10, "20", 2);
        BatchRow batch = given.batch(2, "1");
        given.outForDelivery(batch, ana);
        model.load();
        BatchOrderRow order = services.queries().orders(batch.id()).get(0);

        int ran = transactions.during(() -> model.commands().recordOutcome(batch.id(), order.orderId(),
                order.outcomeVersion(), OrderOutcome.DELIVERED, null));

        assertThat(ran).as("the outcome and the batch row read back under its lock").isEqualTo(1);
        assertThat(model.rows().batch(batch.id())).isEqualTo(services.queries().batch(batch.id()));
        assertThat(services.queries().orders(batch.id()).get(0).outcome()).isEqualTo(OrderOutcome.DELIVERED);
    }
}

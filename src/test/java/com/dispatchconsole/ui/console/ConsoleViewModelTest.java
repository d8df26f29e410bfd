package com.dispatchconsole.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.embedded.EmbeddedServer;
import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.TestDatabases;
import com.dispatchconsole.ui.common.Notice;
import com.dispatchconsole.ui.common.SynchronousUiExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** View-model behaviour with the synchronous executor: no window, real database. */
@DatabaseTest
class ConsoleViewModelTest {

    @Test
    void fitHintSaysWhyARiderCannotTakeTheDraggedBatches() {
        try (Database db = Database.open(TestDatabases.fresh())) {
            DispatchServices services = new DispatchServices(db);
            Fixtures given = new Fixtures(services);
            RiderRow ana = given.rider("Ana", 5, "10", 2);
            RiderRow onBreak = given.rider("Bo", 5, "10", 2);
            services.fleet().setAvailability(onBreak.id(), Availability.ON_BREAK, "t");
            BatchRow small = given.batch(2, "1");
            BatchRow heavy = given.batch(1, "11");
            BatchRow big = given.batch(6, "1");
            ConsoleViewModel model = new ConsoleViewModel(services, new SynchronousUiExecutor(), "olga", "db");
            model.load();

            assertThat(model.commands().hint(List.of(small.id()), ana.id())).isEqualTo(new FitHint(true, "Ana: fits — 2/5 orders, 2/10 kg"));
            assertThat(model.commands().hint(List.of(big.id()), ana.id()).text()).isEqualTo("Ana: over capacity: 6/5 orders");
            assertThat(model.commands().hint(List.of(heavy.id()), ana.id()).text()).isEqualTo("Ana: over weight: 11/10 kg");
            assertThat(model.commands().hint(List.of(small.id()), onBreak.id()).text()).isEqualTo("Bo: not available (on break)");
        }
    }

    /**
     * A dialog asks for a reason while another console changes the batch (and this console's live feed updates
     * the row): confirming must be refused, because the dispatcher decided on what the screen showed before.
     */
    @Test
    void aBatchThatChangesWhileTheReasonDialogIsOpenIsRefusedNotChanged() {
        try (Database db = Database.open(TestDatabases.fresh())) {
            DispatchServices services = new DispatchServices(db);
            Fixtures given = new Fixtures(services);
            com.dispatchconsole.testing.Sql sql = new com.dispatchconsole.testing.Sql(db.dataSource());
            RiderRow rosa = given.rider("Rosa", 10, "20", 2);
            RiderRow jonas = given.rider("Jonas", 10, "20", 2);
            BatchRow toReassign = given.batch(1, "1");
            BatchRow toCancel = given.batch(1, "1");
            services.assignments().assign(toReassign.id(), rosa.id(), "t");
            ConsoleViewModel model = new ConsoleViewModel(services, new SynchronousUiExecutor(), "olga", "db");
            model.load();

            SeenRows reassignDialog = model.rows().see(List.of(toReassign.id()));
            model.selection().select(model.rows().batches(List.of(toCancel.id())));
            SeenRows cancelDialog = model.selection().seeSelection();
            // Meanwhile, elsewhere: Sam unassigns the first batch and Maria assigns the second.
            services.assignments().unassign(toReassign.id(), "sam", "hold");
            services.assignments().assign(toCancel.id(), jonas.id(), "maria");
            model.applyRemote(services.queries().batches(List.of(toReassign.id(), toCancel.id())), List.of(), List.of());
            String before = sql.fingerprint();

            model.commands().dropOnRider(reassignDialog, jonas.id(), "closer to the outlet");
            model.commands().perform(LifecycleAction.CANCEL, cancelDialog, "customer called");

            assertThat(sql.fingerprint()).as("nothing changed").isEqualTo(before);
            assertThat(model.status().notices()).extracting(Notice::text)
                    .anyMatch(t -> t.contains("changed since your screen showed it") && t.contains("sam"))
                    .anyMatch(t -> t.contains("changed since your screen showed it") && t.contains("maria"));
        }
    }

    @Test
    void allowedActionsFollowTheStateMapForTheWholeSelection() {
        try (Database db = Database.open(TestDatabases.fresh())) {
            DispatchServices services = new DispatchServices(db);
            Fixtures given = new Fixtures(services);
            RiderRow ana = given.rider("Ana", 10, "20", 2);
            BatchRow created = given.batch(1, "1");
            BatchRow assigned = given.batch(1, "1");
            services.assignments().assign(assigned.id(), ana.id(), "t");
            ConsoleViewModel model = new ConsoleViewModel(services, new SynchronousUiExecutor(), "olga", "db");
            model.load();

            model.selection().select(model.rows().batches(List.of(assigned.id())));
            assertThat(model.selection().allowedActionsProperty().get())
                    .containsExactlyInAnyOrder(LifecycleAction.PICK, LifecycleAction.UNASSIGN, LifecycleAction.CANCEL);
            model.selection().select(model.rows().batches(List.of(assigned.id(), created.id())));
            assertThat(model.selection().allowedActionsProperty().get()).containsExactly(LifecycleAction.CANCEL);

            model.commands().perform(LifecycleAction.CANCEL, model.selection().seeSelection(), "double order");
            assertThat(model.rows().allBatches()).extracting(BatchRow::status).containsOnly(BatchStatus.CANCELLED);
            assertThat(model.rows().riders().get(0).load().activeBatches()).as("rider row refreshed").isZero();
        }
    }

    @Test
    void aDatabaseThatGoesDownShowsABannerAndTheConsoleRecoversWhenItIsBack() throws Exception {
        Path dir = Files.createTempDirectory("dispatch-banner");
        EmbeddedServer server = EmbeddedServer.start(dir, true, 0);
        int port = server.port();
        server.createDatabase("banner", null);
        SynchronousUiExecutor ui = new SynchronousUiExecutor();
        try (Database db = Database.open(DatabaseConfig.of(server.jdbcUrl("banner"), EmbeddedServer.SUPERUSER, server.superuserPassword()))) {
            DispatchServices services = new DispatchServices(db);
            new Fixtures(services).rider("Ana", 10, "20", 1);
            ConsoleViewModel model = new ConsoleViewModel(services, ui, "olga", "db");
            model.load();
            assertThat(model.rows().riders()).hasSize(1);

            server.close();
            model.load();
            assertThat(model.status().databaseDownProperty().get()).isTrue();
            assertThat(model.status().bannerProperty().get()).startsWith("Database unreachable since");
            assertThat(model.rows().riders()).as("the last known rows stay on screen").hasSize(1);

            ui.runScheduled();
            assertThat(model.status().databaseDownProperty().get()).as("still down: keeps retrying").isTrue();

            server = EmbeddedServer.start(dir, true, port);
            // The console retries every few seconds; the pool may need a retry or two to reconnect.
            for (int retry = 0; retry < 10 && model.status().databaseDownProperty().get(); retry++) {
                ui.runScheduled();
            }
            assertThat(model.status().databaseDownProperty().get()).isFalse();
            assertThat(model.status().bannerProperty().get()).isEmpty();
            assertThat(model.status().notices()).extracting(Notice::text).contains("The database is back; the screen has been reloaded.");
            RiderRow rider = model.rows().riders().get(0);
            model.commands().setAvailability(rider.id(), Availability.ON_BREAK);
            assertThat(model.rows().riders().get(0).availability()).as("works again after the outage").isEqualTo(Availability.ON_BREAK);
        } finally {
            server.close();
        }
    }
}

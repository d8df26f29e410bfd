package com.dispatchconsole.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.TestDatabases;
import com.dispatchconsole.ui.common.SynchronousUiExecutor;
import com.dispatchconsole.ui.common.UiExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A console's first load arrives in parts (riders first, then batches), each shown at once, with how far it got;
 * live updates that land while it is under way are not undone by it.
 */
@DatabaseTest
class LoadInPartsTest {

    /** Runs everything inline, and lets a test act just before the n-th UI update of a load is applied. */
    private static final class Interleaving implements UiExecutor {
        private final SynchronousUiExecutor inline = new SynchronousUiExecutor();
        private final List<Runnable> before = new ArrayList<>();
        private int updates;

        @Override
        public <T> void submit(Callable<T> work, Consumer<T> onSuccess,
                               Consumer<com.dispatchconsole.domain.DispatchException> onFailure) {
            inline.submit(work, onSuccess, onFailure);
        }

        @Override
        public void onUiThread(Runnable update) {
            if (updates < before.size()) {
                before.get(updates).run();
            }
            updates++;
            inline.onUiThread(update);
        }

        @Override
        public void schedule(java.time.Duration delay, Runnable update) {
            inline.schedule(delay, update);
        }
    }

    @Test
    void partsShowAsTheyArriveAndAChangeMadeMeanwhileIsNotUndone() {
        try (Database db = Database.open(TestDatabases.fresh())) {
            DispatchServices services = new DispatchServices(db);
            Fixtures given = new Fixtures(services);
            RiderRow ana = given.rider("Ana", 10, "20", 3);
            BatchRow first = given.batch(1, "1");
            given.batch(2, "1");
            Interleaving ui = new Interleaving();
            ConsoleViewModel model = new ConsoleViewModel(services, ui, "olga", "db");
            List<String> said = new ArrayList<>();
            model.rows().loadingProperty().addListener((o, was, now) -> said.add(now));
            BatchRow[] created = new BatchRow[1];
            // 1st update: the riders. Then, after the batches were read (their statement's snapshot taken) and
            // before they are shown, another console assigns the first batch and creates a batch, and this
            // console's live feed shows both.
            ui.before.add(() -> assertThat(model.rows().riders()).isEmpty());
            ui.before.add(() -> {
                assertThat(model.rows().riders()).extracting(RiderRow::name).containsExactly("Ana");
                assertThat(model.rows().allBatches()).isEmpty();
                services.assignments().assign(first.id(), ana.id(), "bob");
                created[0] = given.batch(3, "1");
                model.applyRemote(services.queries().batches(List.of(first.id(), created[0].id())),
                        services.queries().riders(List.of(ana.id())), Set.of());
            });

            model.load();

            assertThat(said).first().isEqualTo("Loading riders and batches…");
            assertThat(said).contains("Loading… 0 of 2 batches", "Loading… 2 of 2 batches");
            assertThat(said).last().isEqualTo("");
            assertThat(model.rows().batch(first.id()).riderName()).as("the newer row stays").isEqualTo("Ana");
            assertThat(model.rows().batch(created[0].id())).as("a batch created during the load stays").isNotNull();
            assertThat(model.rows().allBatches()).hasSize(3);
        }
    }
}

package com.dispatchconsole.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.TestDatabases;
import com.dispatchconsole.ui.common.FxUiExecutor;
import com.dispatchconsole.testing.UiTest;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The console window on a real database, headless: what a dispatcher sees after it opens. */
@UiTest
class ConsoleViewTest {

    private static Database db;
    private static RiderRow ana;
    private static BatchRow assigned;
    private static FxUiExecutor executor;

    @BeforeAll
    static void seed() {
        db = Database.open(TestDatabases.fresh());
        DispatchServices services = new DispatchServices(db);
        Fixtures given = new Fixtures(services);
        ana = given.rider("Ana Silva", 6, "12", 1);
        given.rider("Ben Okafor", 8, "18", 2);
        assigned = given.batch(4, "2");
        given.batch(1, "1");
        services.assignments().assign(assigned.id(), ana.id(), "olga");
        executor = new FxUiExecutor(2);
    }

    @AfterAll
    static void close() {
        executor.close();
        db.close();
    }

    @Start
    void start(Stage stage) {
        ConsoleViewModel model = new ConsoleViewModel(new DispatchServices(db), executor, "olga",
                "jdbc:postgresql://test/db");
        Scene scene = new Scene(new ConsoleView(model).root(), 1400, 800);
        ConsoleView.style(scene);
        stage.setScene(scene);
        stage.show();
        // Both statuses on screen: these tests read the badges, not the unassigned queue the console starts on.
        model.rows().filter().show(BatchView.EVERYTHING);
        model.load();
    }

    @Test
    void showsEveryRiderWithTheLoadTheyCarry(FxRobot robot) throws Exception {
        TableView<RiderRow> riders = robot.lookup("#riders-table").queryTableView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> riders.getItems().size() == 2);

        RiderRow shown = riders.getItems().stream().filter(r -> r.id().equals(ana.id())).findFirst().orElseThrow();
        assertThat(shown.load().orders()).isEqualTo(4);
        assertThat(robot.lookup(".load-text").queryAllAs(Label.class))
                .extracting(Label::getText).contains("● 4/6 · 8/12 kg");
    }

    @Test
    void showsBatchesWithStatusBadgesAndCountsPerStatus(FxRobot robot) throws Exception {
        TableView<BatchRow> batches = robot.lookup("#batches-table").queryTableView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> batches.getItems().size() == 2);

        assertThat(batches.getItems()).extracting(BatchRow::status)
                .containsExactlyInAnyOrder(BatchStatus.ASSIGNED, BatchStatus.CREATED);
        assertThat(robot.lookup(".status-assigned").queryAs(Label.class).getText()).isEqualTo("Assigned");
        assertThat(robot.lookup("#status-counts").queryAs(Label.class).getText())
                .contains("Created 1").contains("Assigned 1");
        assertThat(robot.lookup("#operator-label").queryAs(Label.class).getText())
                .as("the operator and the database role they really act as").isEqualTo("Operator: olga · postgres (owner)");
    }
}

package com.dispatchconsole.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.TestDatabases;
import com.dispatchconsole.testing.UiTest;
import com.dispatchconsole.ui.common.FxUiExecutor;
import com.dispatchconsole.ui.common.Theme;
import com.dispatchconsole.ui.console.ConsoleView;
import com.dispatchconsole.ui.console.ConsoleViewModel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.controlsfx.control.CheckComboBox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.dispatchconsole.domain.sla.SlaThresholds;
import java.time.Duration;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An operator's console comes back as they left it: columns (order, width, shown, sort), the batch filter, the
 * theme, the window and its dividers; another operator's console starts from the defaults. Real consoles on a real
 * database, closed and opened again with the same settings directory.
 */
@UiTest
class SettingsStayTest {

    private static Database db;
    private static DispatchServices services;
    private static FxUiExecutor executor;

    @TempDir
    Path config;

    /** One console window with its settings, as the launcher opens it. */
    private final class Console {
        final ConsoleViewModel model;
        final Stage stage;
        final SettingsStore store = new SettingsStore(config);

        Console(FxRobot robot, String operator) throws Exception {
            model = new ConsoleViewModel(services, executor, operator, "jdbc:postgresql://test/db");
            OperatorSettings settings = store.load(operator);
            Stage[] made = new Stage[1];
            robot.interact(() -> {
                Stage window = new Stage();
                Scene scene = new Scene(new ConsoleView(model).root(), 1300, 800);
                ConsoleView.style(scene);
                window.setScene(scene);
                ConsoleSettings.attach(window, model, settings);
                window.show();
                model.load();
                made[0] = window;
            });
            stage = made[0];
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> model.rows().allBatches().size() == 3
                    && model.rows().loadingProperty().get().isEmpty() && !model.rows().outlets().isEmpty());
            WaitForAsyncUtils.waitForFxEvents();
        }

        @SuppressWarnings("unchecked")
        TableView<BatchRow> batches() {
            return (TableView<BatchRow>) stage.getScene().lookup("#batches-table");
        }

        List<String> columnIds() {
            return batches().getColumns().stream().map(TableColumn::getId).toList();
        }

        TableColumn<BatchRow, ?> column(String id) {
            return batches().getColumns().stream().filter(c -> id.equals(c.getId())).findFirst().orElseThrow();
        }

        SplitPane mainSplit() {
            return (SplitPane) stage.getScene().lookup(".split-pane");
        }

        @SuppressWarnings("unchecked")
        CheckComboBox<BatchStatus> statuses() {
            return (CheckComboBox<BatchStatus>) stage.getScene().lookup("#status-filter");
        }

        void close(FxRobot robot) {
            robot.interact(stage::hide);
            store.close();
        }
    }

    @BeforeAll
    static void seed() {
        db = Database.open(TestDatabases.fresh());
        services = new DispatchServices(db);
        Fixtures given = new Fixtures(services);
        given.rider("Ana Silva", 6, "12", 2);
        given.batch(1, "1");
        given.batch(2, "1");
        given.batch(3, "1");
        executor = new FxUiExecutor(2);
    }

    @AfterAll
    static void close() {
        executor.close();
        db.close();
    }

    @Test
    void theConsoleComesBackAsTheOperatorLeftItAndAnotherOperatorGetsTheDefaults(FxRobot robot) throws Exception {
        Console first = new Console(robot, "olga");
        List<String> defaultOrder = first.columnIds();
        assertThat(defaultOrder).contains("column-batch", "column-status", "column-rider", "column-kg");

        // Columns: a header clicked twice (sorted descending), one moved to the front, one made wider, one hidden.
        robot.clickOn(robot.from(first.batches()).lookup(".column-header").match(
                n -> n.getId() != null && n.getId().equals("column-orders")).queryAs(javafx.scene.Node.class));
        robot.clickOn(robot.from(first.batches()).lookup(".column-header").match(
                n -> n.getId() != null && n.getId().equals("column-orders")).queryAs(javafx.scene.Node.class));
        robot.interact(() -> {
            TableView<BatchRow> table = first.batches();
            TableColumn<BatchRow, ?> rider = first.column("column-rider");
            table.getColumns().remove(rider);
            table.getColumns().add(0, rider);
            table.resizeColumn(first.column("column-outlet"), 60);
            first.column("column-kg").setVisible(false);
            first.mainSplit().setDividerPositions(0.3);
        });
        // The filter: a status ticked, an outlet chosen, words typed; and the light theme.
        robot.interact(() -> first.statuses().getCheckModel().check(BatchStatus.ASSIGNED));
        // The riders' search and order, the alert thresholds and their panel.
        robot.clickOn("#rider-search").write("ana");
        robot.interact(() -> {
            first.model.rows().riderFilter().bestFitProperty().set(true);
            first.model.alerts().thresholdsProperty().set(new SlaThresholds(Duration.ofMinutes(7),
                    Duration.ofMinutes(15), Duration.ofMinutes(10), Duration.ofMinutes(45), Duration.ofMinutes(3)));
        });
        robot.clickOn("#alerts-badge");
        robot.interact(() -> first.model.rows().filter().outletProperty().set(first.model.rows().outlets().get(0)));
        robot.clickOn("#search-field").write("zz");
        robot.clickOn("#theme-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(first.batches().getSortOrder()).extracting(TableColumn::getId).containsExactly("column-orders");
        assertThat(first.column("column-orders").getSortType()).isEqualTo(TableColumn.SortType.DESCENDING);
        List<String> order = first.columnIds();
        double outletWidth = first.column("column-outlet").getWidth();
        double divider = first.mainSplit().getDividerPositions()[0];
        first.close(robot);

        Console again = new Console(robot, "olga");
        assertThat(again.columnIds()).isEqualTo(order).isNotEqualTo(defaultOrder);
        assertThat(again.column("column-outlet").getWidth()).isCloseTo(outletWidth, org.assertj.core.data.Offset.offset(1.5));
        assertThat(again.column("column-kg").isVisible()).isFalse();
        assertThat(again.batches().getSortOrder()).extracting(TableColumn::getId).containsExactly("column-orders");
        assertThat(again.column("column-orders").getSortType()).isEqualTo(TableColumn.SortType.DESCENDING);
        assertThat(again.batches().isTableMenuButtonVisible()).as("hidden columns can be shown again").isTrue();
        assertThat(((TextField) again.stage.getScene().lookup("#search-field")).getText()).isEqualTo("zz");
        assertThat(again.statuses().getCheckModel().getCheckedItems())
                .containsExactlyInAnyOrder(BatchStatus.CREATED, BatchStatus.ASSIGNED);
        assertThat(again.model.rows().filter().statuses())
                .containsExactlyInAnyOrder(BatchStatus.CREATED, BatchStatus.ASSIGNED);
        assertThat(((TextField) again.stage.getScene().lookup("#rider-search")).getText()).isEqualTo("ana");
        assertThat(again.model.rows().riderFilter().bestFitProperty().get()).isTrue();
        assertThat(again.model.alerts().thresholdsProperty().get().unassigned()).isEqualTo(Duration.ofMinutes(7));
        assertThat(again.model.alerts().thresholdsProperty().get().positionStale()).isEqualTo(Duration.ofMinutes(3));
        assertThat(((ToggleButton) again.stage.getScene().lookup("#alerts-badge")).isSelected()).isTrue();
        assertThat(again.model.rows().filter().outletProperty().get()).isNotNull();
        // The outlet box shows it too (it used to go blank, and squeeze the bar, when the outlets came in).
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<com.dispatchconsole.domain.rows.OutletRow> outletBox =
                (javafx.scene.control.ComboBox<com.dispatchconsole.domain.rows.OutletRow>) again.stage.getScene()
                        .lookup("#outlet-filter");
        assertThat(outletBox.getValue().id()).isEqualTo(again.model.rows().filter().outletProperty().get().id());
        assertThat(((javafx.scene.control.ListCell<?>) outletBox.getButtonCell()).getText())
                .isEqualTo(again.model.rows().filter().outletProperty().get().name());
        assertThat(((ToggleButton) again.stage.getScene().lookup("#theme-toggle")).isSelected()).isTrue();
        assertThat(again.stage.getScene().getStylesheets()).contains(Theme.url(Theme.LIGHT));
        assertThat(again.mainSplit().getDividerPositions()[0]).isCloseTo(divider, org.assertj.core.data.Offset.offset(0.01));
        again.close(robot);

        Console ben = new Console(robot, "ben");
        assertThat(ben.columnIds()).isEqualTo(defaultOrder);
        assertThat(ben.column("column-kg").isVisible()).isTrue();
        assertThat(ben.batches().getSortOrder()).as("the start sort: oldest first")
                .extracting(TableColumn::getId).containsExactly("column-age");
        assertThat(((TextField) ben.stage.getScene().lookup("#search-field")).getText()).isEmpty();
        assertThat(ben.model.rows().filter().statuses()).as("the unassigned queue").containsExactly(BatchStatus.CREATED);
        assertThat(((TextField) ben.stage.getScene().lookup("#rider-search")).getText()).isEmpty();
        assertThat(ben.model.rows().riderFilter().bestFitProperty().get()).isFalse();
        assertThat(ben.model.alerts().thresholdsProperty().get()).isEqualTo(SlaThresholds.DEFAULTS);
        assertThat(((ToggleButton) ben.stage.getScene().lookup("#alerts-badge")).isSelected()).isFalse();
        assertThat(ben.model.rows().filter().outletProperty().get()).isNull();
        assertThat(ben.stage.getScene().getStylesheets()).doesNotContain(Theme.url(Theme.LIGHT));
        ben.close(robot);
    }
}

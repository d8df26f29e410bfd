package com.dispatchconsole.ui.console;

import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import com.dispatchconsole.ui.common.FxUiExecutor;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.NodeQueryUtils;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A console window on its own fresh real database, for one UI test. In a {@code @UiTest} class,
 * {@code @RegisterExtension final ConsoleHarness console = new ConsoleHarness();} gives every test a new database
 * and shows the console in TestFX's stage before it, and closes both after it.
 */
public final class ConsoleHarness implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

    public final Database db;
    public final DispatchServices services;
    public final Fixtures given;
    public final Sql sql;
    public final FxUiExecutor executor = new FxUiExecutor(2);
    public ConsoleViewModel model;

    /**
     * The batch view the tests set before the first load: {@link BatchView#EVERYTHING} for the tests written before
     * the console started on the unassigned queue (they show batches in every status); null keeps the console's own
     * starting view ({@link #asStarted()}).
     */
    private final BatchView view;
    /** The console's local clock (which the server's offset corrects); null: the system clock. */
    private final java.time.Clock clock;

    public ConsoleHarness() {
        this(BatchView.EVERYTHING, null);
    }

    /** A console as a dispatcher starts it: on the unassigned queue. */
    public static ConsoleHarness asStarted() {
        return new ConsoleHarness(null, null);
    }

    /**
     * A console (every batch view) whose local clock is {@code clock}, so a test moves time without waiting; its
     * {@link #load} also waits for the console's clock to be synced with the server's.
     */
    public static ConsoleHarness withClock(java.time.Clock clock) {
        return new ConsoleHarness(BatchView.EVERYTHING, java.util.Objects.requireNonNull(clock, "clock"));
    }

    private ConsoleHarness(BatchView view, java.time.Clock clock) {
        this.view = view;
        this.clock = clock;
        db = Database.open(TestDatabases.fresh());
        services = new DispatchServices(db);
        given = new Fixtures(services);
        sql = new Sql(db.dataSource());
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        FxToolkit.setupStage(this::show);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    public void show(Stage stage) {
        model = clock == null ? new ConsoleViewModel(services, executor, "olga", "jdbc:postgresql://test/db")
                : new ConsoleViewModel(services, executor, "olga", "jdbc:postgresql://test/db", java.util.Set.of(), clock);
        if (view != null) {
            model.rows().filter().show(view);
        }
        Scene scene = new Scene(new ConsoleView(model).root(), 1500, 950);
        ConsoleView.style(scene);
        stage.setScene(scene);
        stage.show();
    }

    /** Loads what the test seeded and waits until both tables show it. */
    public void load(FxRobot robot, int riders, int batches) throws Exception {
        robot.interact(model::load);
        waitUntil(() -> (clock == null || model.clock().syncedProperty().get())
                && model.rows().riders().size() == riders && model.rows().allBatches().size() == batches);
        WaitForAsyncUtils.waitForFxEvents();
    }

    public static void waitUntil(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Waits until {@code query} finds a node a click can reach: TestFX's own test for "visible" (the node, its
     * parents, its window showing). A dialog's nodes exist a moment before its window shows; a click then misses.
     */
    public static void waitUntilShown(FxRobot robot, String query) throws Exception {
        waitUntil(() -> robot.lookup(query).match(NodeQueryUtils.isVisible()).tryQuery().isPresent());
    }

    /** The table cell of {@code table} whose text is exactly {@code text}. */
    public static Node cell(FxRobot robot, String tableId, String text) {
        Optional<Node> match = robot.from(robot.lookup(tableId).queryAs(Node.class)).lookup(".table-cell")
                .match(n -> n instanceof TableCell<?, ?> c && text.equals(c.getText())).tryQuery();
        return match.orElseThrow(() -> new AssertionError("no cell '" + text + "' in " + tableId));
    }

    /**
     * Opens the context menu of the row holding {@code cell}. Monocle's headless platform sends no
     * context-menu request on a right click, so the test shows the row's own menu, as a right click would.
     */
    public static void openContextMenu(FxRobot robot, Node cell) {
        javafx.scene.control.TableRow<?> row = (javafx.scene.control.TableRow<?>) cell.getParent();
        robot.interact(() -> row.getContextMenu().show(row, javafx.geometry.Side.BOTTOM, 40, 0));
    }

    /** Whether {@code query} finds a node that a person could see: it and every parent visible. */
    public static boolean shown(FxRobot robot, String query) {
        Optional<Node> node = robot.lookup(query).tryQuery();
        for (Node n = node.orElse(null); n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.isPresent();
    }

    /** The text of the labeled node {@code query} finds, or null while there is none (so a wait can poll it). */
    public static String text(FxRobot robot, String query) {
        return robot.lookup(query).tryQueryAs(Labeled.class).map(Labeled::getText).orElse(null);
    }

    private Database dispatcherDb;

    /**
     * The services of a second, separate dispatcher login: what a rider's app or another console records. A PoD
     * recorded here can be judged by this console's login (nobody judges a PoD they recorded).
     */
    public DispatchServices asAnotherLogin() {
        if (dispatcherDb == null) {
            dispatcherDb = Database.open(com.dispatchconsole.testing.Logins.create(db.config(), "dispatch_dispatcher"));
        }
        return new DispatchServices(dispatcherDb);
    }

    @Override
    public void close() {
        executor.close();
        if (dispatcherDb != null) {
            dispatcherDb.close();
        }
        db.close();
    }
}

package com.dispatchconsole.ui.presence;

import com.dispatchconsole.app.ConsoleSession;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.realtime.FeedSettings;
import com.dispatchconsole.realtime.LiveState;
import com.dispatchconsole.realtime.PresenceSettings;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import com.dispatchconsole.ui.common.FxUiExecutor;
import com.dispatchconsole.ui.console.BatchView;
import com.dispatchconsole.ui.console.ConsoleView;
import com.dispatchconsole.ui.console.ConsoleViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Consoles as the application wires them (one {@link ConsoleSession} each: view model, live feed, presence), side
 * by side on one real database, each in its own window of half the screen.
 */
final class TwoConsoles implements AutoCloseable {

    /** Long enough that only a goodbye, never an expiry, can clear a presence while a test waits. */
    static final PresenceSettings PATIENT = PresenceSettings.DEFAULT.withExpiry(
            java.time.Duration.ofSeconds(90), java.time.Duration.ofSeconds(5));

    final Database db = Database.open(TestDatabases.fresh());
    final DispatchServices services = new DispatchServices(db);
    final Fixtures given = new Fixtures(services);
    final Sql sql = new Sql(db.dataSource());
    private final List<Console> consoles = new ArrayList<>();

    /** One console window. */
    final class Console {
        final String operator;
        final ConsoleSession session;
        final ConsoleViewModel model;
        final FxUiExecutor executor = new FxUiExecutor(2);
        Parent root;
        Stage stage;
        boolean closed;

        Console(String operator, PresenceSettings presence) {
            this.operator = operator;
            FeedSettings feed = FeedSettings.of(db.config().url(), db.config().user(), db.config().password());
            session = new ConsoleSession(services, executor, feed, operator, "db", Set.of(), presence);
            model = session.model();
            model.rows().filter().show(BatchView.EVERYTHING);
        }

        /** The text of the batch's "Colleagues" cell ("" when nobody else is on it). */
        String presenceOf(UUID batch) {
            for (Node node : root.lookupAll(".presence-cell")) {
                TableCell<?, ?> cell = (TableCell<?, ?>) node;
                if (cell.getTableRow() != null && cell.getTableRow().getItem() instanceof BatchRow row
                        && row.id().equals(batch)) {
                    return cell.getText() == null ? "" : cell.getText();
                }
            }
            return "";
        }

        /** The cell of {@code table} in this window whose text is exactly {@code text}. */
        Node cell(FxRobot robot, String table, String text) {
            Optional<Node> match = robot.from(root.lookup(table)).lookup(".table-cell")
                    .match(n -> n instanceof TableCell<?, ?> c && text.equals(c.getText())).tryQuery();
            return match.orElseThrow(() -> new AssertionError("no cell '" + text + "' in " + table + " of " + operator));
        }

        String text(String query) {
            Node node = root.lookup(query);
            return node instanceof Labeled labeled ? labeled.getText() : null;
        }

        /** Closes it as the window's launcher does: the session goes (saying goodbye), then the window. */
        void close(FxRobot robot) {
            if (!closed) {
                closed = true;
                session.close();
                robot.interact(stage::hide);
                executor.close();
            }
        }
    }

    /** Opens a console in a window of its own, half the screen wide ({@code slot} 0: left, 1: right). */
    Console open(FxRobot robot, String operator, PresenceSettings presence, int slot, int riders, int batches)
            throws Exception {
        Console console = new Console(operator, presence);
        consoles.add(console);
        robot.interact(() -> {
            Stage stage = new Stage();
            ConsoleView view = new ConsoleView(console.model);
            console.root = view.root();
            Scene scene = new Scene(console.root, 950, 1000);
            ConsoleView.style(scene);
            stage.setScene(scene);
            stage.setTitle("Console of " + operator);
            stage.setX(slot * 960);
            stage.setY(0);
            stage.show();
            console.stage = stage;
        });
        console.session.start();
        waitUntil(() -> console.session.feed().state().status() == LiveState.Status.LIVE);
        waitUntil(() -> console.model.rows().riders().size() == riders
                && console.model.rows().allBatches().size() == batches);
        return console;
    }

    static void waitUntil(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Reads {@code value} on the FX thread (cells and labels live there). */
    static <T> T onFx(java.util.concurrent.Callable<T> value) {
        try {
            return WaitForAsyncUtils.asyncFx(value).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (Console console : consoles) {
            if (!console.closed) {
                console.closed = true;
                console.session.close();
                javafx.application.Platform.runLater(console.stage::hide);
                console.executor.close();
            }
        }
        db.close();
    }
}

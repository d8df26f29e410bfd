package com.dispatchconsole.app;

import com.dispatchconsole.demo.DemoOperators;
import com.dispatchconsole.demo.DemoSize;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.realtime.FeedSettings;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.ui.common.FxUiExecutor;
import com.dispatchconsole.ui.common.UncaughtErrors;
import com.dispatchconsole.ui.console.ConsoleView;
import com.dispatchconsole.ui.console.ConsoleViewModel;
import com.dispatchconsole.ui.settings.ConsoleSettings;
import com.dispatchconsole.ui.settings.OperatorSettings;
import com.dispatchconsole.ui.settings.SettingsDirectory;
import com.dispatchconsole.ui.settings.SettingsStore;
import com.dispatchconsole.ui.start.StartWindow;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Shows the start window first, then opens the database (saying each step there), then the console window, which
 * fills in as its rows arrive, and waits until the dispatcher closes it.
 */
public final class ConsoleLauncher {

    /** What the start of a console can be told beyond the database: where settings live, and measuring. */
    public record StartOptions(Path configDir, Path timingsFile, StartObserver observer) {

        public static final StartOptions DEFAULT = new StartOptions(null, null, StartObserver.NONE);

        public StartOptions {
            observer = observer == null ? StartObserver.NONE : observer;
        }
    }

    /** Sees the start as the operator does, on the FX thread: each step once the start window says it. */
    public interface StartObserver {
        StartObserver NONE = new StartObserver() {
        };

        /** The start window now says {@code text}. */
        default void step(String text) {
        }

        /** The console window is showing. */
        default void consoleShown(Stage console) {
        }
    }

    private ConsoleLauncher() {
    }

    public static int run(DatabaseTarget given, Path dataDir, DemoSize demo, String operator,
                          java.util.List<String> outletNames, java.io.PrintStream out) throws Exception {
        return run(given, dataDir, demo, operator, outletNames, out, StartOptions.DEFAULT);
    }

    public static int run(DatabaseTarget given, Path dataDir, DemoSize demo, String operator,
                          java.util.List<String> outletNames, java.io.PrintStream out, StartOptions start)
            throws Exception {
        StartTimings timings = new StartTimings();
        timings.mark("main");
        Platform.setImplicitExit(false);
        boolean ownToolkit = startToolkit();
        timings.mark("toolkit");
        // The first thing the operator sees, before the database: a window that says what is happening.
        StartWindow window = onFxThread(StartWindow::show);
        timings.mark("start-window");
        // While the database starts, the idle UI thread loads what the console window is built of.
        Platform.runLater(() -> {
            com.dispatchconsole.ui.start.Warmup.run();
            timings.mark("warm-up-done");
        });
        StartProgress progress = (step, text) -> {
            timings.mark(step);
            window.say(text);
            Platform.runLater(() -> start.observer().step(text));
        };
        // Settings are read while the database starts; problems are said in the console once it is there.
        SettingsStore store = new SettingsStore(SettingsDirectory.resolve(start.configDir()));
        CompletableFuture<OperatorSettings> settings = CompletableFuture.supplyAsync(() -> store.load(operator));
        DatabaseLauncher opened;
        try {
            opened = openDatabase(given, dataDir, demo, window, progress, out);
        } catch (Exception e) {
            // One line in the start window and a Quit button; the command line still says CODE: sentence.
            window.fail(failureLine(e)).join();
            exit(ownToolkit);
            throw e;
        }
        if (opened == null) {
            window.close();
            exit(ownToolkit);
            return 0;
        }
        timings.mark("database-ready");
        try (DatabaseLauncher launcher = opened;
             FxUiExecutor executor = new FxUiExecutor(4);
             store) {
            DispatchServices services = new DispatchServices(launcher.database());
            java.util.Set<java.util.UUID> scope = OutletScope.resolve(services, outletNames);
            DatabaseConfig config = launcher.database().config();
            ConsoleSession session = new ConsoleSession(services, executor,
                    FeedSettings.of(config.url(), config.user(), config.password()), operator,
                    launcher.jdbcUrl() + (launcher.embedded() ? " (embedded)" : ""), scope);
            ConsoleViewModel model = session.model();
            OperatorSettings operatorSettings = settings.join();
            CountDownLatch closed = new CountDownLatch(1);
            Stage[] console = new Stage[1];
            progress.step("load", "Loading riders and batches…");
            Platform.runLater(() -> {
                // From now on a bug in any handler is one line in the console's notices and a stack trace in the log.
                UncaughtErrors.install(model.status().channel());
                Stage stage = new Stage();
                console[0] = stage;
                stage.setTitle("Dispatch Console — " + operator);
                stage.getIcons().add(new javafx.scene.image.Image(Objects.requireNonNull(
                        ConsoleLauncher.class.getResourceAsStream("/com/dispatchconsole/ui/icon.png"))));
                Scene scene = new Scene(new ConsoleView(model).root(), 1600, 940);
                ConsoleView.style(scene);
                stage.setScene(scene);
                ConsoleSettings.attach(stage, model, operatorSettings);
                stage.setOnHidden(e -> closed.countDown());
                measureLoading(model, timings, start.timingsFile() == null ? null : stage);
                stage.show();
                timings.mark("console-window");
                window.close();
                start.observer().consoleShown(stage);
                session.start();
            });
            closed.await();
            session.close();
            if (start.timingsFile() != null) {
                Map<String, Object> about = new LinkedHashMap<>();
                about.put("demo", String.valueOf(demo));
                about.put("database", launcher.embedded() ? "embedded" : "shared");
                about.put("riders", model.rows().riders().size());
                about.put("batches", model.rows().allBatches().size());
                timings.write(start.timingsFile(), about);
                out.println("Start-up timings written to " + start.timingsFile() + ": " + timings.phases());
            }
            exit(ownToolkit);
            return 0;
        }
    }

    /** Opens the database, asking a shared database's login in the dialog; null when the operator cancelled. */
    private static DatabaseLauncher openDatabase(DatabaseTarget given, Path dataDir, DemoSize demo, StartWindow window,
                                                 StartProgress progress, java.io.PrintStream out) throws Exception {
        DatabaseTarget options = given;
        String problem = null;
        // A shared database without a login or its password: the operator signs in with their own database
        // account in the dialog (passwords never need the command line).
        boolean askForLogin = given.external() && (given.user() == null || given.password() == null);
        for (int attempt = 1; ; attempt++) {
            if (askForLogin) {
                String shownProblem = problem;
                progress.step("sign-in", "Signing in to " + given.url().replaceAll("\\?.*", "") + "…");
                java.util.Optional<com.dispatchconsole.ui.login.LoginDialog.Credentials> credentials = onFxThread(
                        () -> com.dispatchconsole.ui.login.LoginDialog.ask(given.url().replaceAll("\\?.*", ""), shownProblem,
                                given.user()));
                if (credentials.isEmpty()) {
                    return null;
                }
                options = given.withCredentials(credentials.get().user(), credentials.get().password());
            }
            try {
                // On the embedded default the console signs in as the demo dispatcher unless told otherwise.
                return DatabaseLauncher.open(options, dataDir, demo, DemoOperators.DISPATCHER, out, progress);
            } catch (RuntimeException e) {
                if (!askForLogin || attempt >= 5) {
                    throw e;
                }
                // The same words the command line uses ("the server refused the login (password authentication …)").
                problem = "Could not sign in: " + ConnectionFailures.reason(e).orElseGet(() -> rootMessage(e)) + ".";
            }
        }
    }

    /**
     * Marks when the first rows showed and when the console became usable (its first load ended); with
     * {@code closeWhenUsable}, closes that window then (measuring a start).
     */
    private static void measureLoading(ConsoleViewModel model, StartTimings timings, Stage closeWhenUsable) {
        boolean[] started = {false};
        model.rows().loadingProperty().addListener((o, was, now) -> {
            if (!now.isEmpty()) {
                started[0] = true;
            }
            if (!model.rows().riders().isEmpty() || !model.rows().allBatches().isEmpty()) {
                timings.mark("first-rows");
            }
            if (started[0] && now.isEmpty()) {
                timings.mark("usable");
                if (closeWhenUsable != null) {
                    Platform.runLater(closeWhenUsable::hide);
                }
            }
        });
    }

    /** The one line the start window shows when starting failed: {@code CODE: sentence}, or what went wrong. */
    static String failureLine(Throwable e) {
        if (e instanceof DispatchException refused) {
            return refused.code() + ": " + refused.getMessage();
        }
        return "DATABASE_UNAVAILABLE: Could not open the database: "
                + ConnectionFailures.reason(e).orElseGet(() -> rootMessage(e)) + ".";
    }

    /** Starts the FX toolkit; false when it already runs (a test's), which this console then must not stop. */
    private static boolean startToolkit() {
        CompletableFuture<Void> toolkit = new CompletableFuture<>();
        try {
            Platform.startup(() -> toolkit.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            return false;
        }
        toolkit.join();
        return true;
    }

    private static void exit(boolean ownToolkit) {
        if (ownToolkit) {
            Platform.exit();
        }
    }

    private static <T> T onFxThread(java.util.function.Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.join();
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}

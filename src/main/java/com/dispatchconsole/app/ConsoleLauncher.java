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
        EarlyStart.Begun begun = EarlyStart.take();
        StartTimings timings = begun.timings();
        timings.mark("run");
        // The database opens on a thread of its own, beside the toolkit and the start window (started by main before
        // the command line was read); what it says waits for the window and is shown there in order.
        ShownSteps steps = new ShownSteps(begun.ui().thenApply(EarlyStart.Ui::window), start.observer());
        java.util.concurrent.atomic.AtomicBoolean abandoned = new java.util.concurrent.atomic.AtomicBoolean();
        StartProgress progress = (step, text) -> {
            if (abandoned.get()) {
                // No window to show a console in: the database stops at its next step instead of seeding on.
                throw new StartAbandoned();
            }
            timings.mark(step);
            steps.say(text);
        };
        if (System.getenv("DISPLAY") == null) {
            // Perhaps no display at all (an ssh session, a server): let the toolkit say so before a database starts
            // (and seeds) for nothing. A headless toolkit (tests) is up at once anyway.
            begun.ui().exceptionally(noWindow -> null).join();
        }
        if (begun.ui().isCompletedExceptionally()) {
            throw unwrap(new java.util.concurrent.CompletionException(begun.ui().handle((ui, e) -> e).join()));
        }
        CompletableFuture<DatabaseLauncher> opening = new CompletableFuture<>();
        Thread opener = new Thread(() -> {
            try {
                opening.complete(openDatabase(given, dataDir, demo, begun.ui(), progress, out));
            } catch (Throwable e) {
                opening.completeExceptionally(e);
            }
        }, "database-start");
        opener.setDaemon(true);
        opener.start();
        // Settings are read while the database starts; problems are said in the console once it is there.
        SettingsStore store = new SettingsStore(SettingsDirectory.resolve(start.configDir()));
        CompletableFuture<OperatorSettings> settings = CompletableFuture.supplyAsync(() -> store.load(operator));
        EarlyStart.Ui ui;
        try {
            ui = begun.ui().join();
        } catch (java.util.concurrent.CompletionException noWindow) {
            // No display: nothing to show a console on. The database that started meanwhile stops again.
            abandoned.set(true);
            closeQuietly(opening);
            throw unwrap(noWindow);
        }
        boolean ownToolkit = ui.ownToolkit();
        StartWindow window = ui.window();
        // While the database starts, the idle UI thread loads what the console window is built of.
        Platform.runLater(() -> {
            com.dispatchconsole.ui.start.Warmup.run();
            timings.mark("warm-up-done");
        });
        DatabaseLauncher opened;
        try {
            opened = join(opening);
        } catch (Exception e) {
            // One line in the start window and a Quit button; the command line still says CODE: sentence.
            steps.flushed().join();
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
            steps.flushed().join();
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
                measureLoading(model, timings, start.timingsFile() == null ? null : stage,
                        // Hibernate (for changes) starts once the rows are in, not competing with the window for CPU.
                        launcher.database()::startSessionFactory);
                stage.show();
                timings.mark("console-window");
                window.close();
                start.observer().consoleShown(stage);
                session.start();
                // Hibernate may still be starting (reads need none); if it cannot, changes cannot be made: say so once.
                launcher.database().sessionFactoryReady().whenComplete((ready, failed) -> {
                    if (failed != null) {
                        Platform.runLater(() -> model.status().channel().failed(new DispatchException(
                                com.dispatchconsole.domain.ErrorCode.DATABASE_UNAVAILABLE, "Changes cannot be made: "
                                + "the database's schema does not match this console (" + rootMessage(failed)
                                + "). Reading works; ask an administrator.")));
                    }
                });
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
    private static DatabaseLauncher openDatabase(DatabaseTarget given, Path dataDir, DemoSize demo,
                                                 CompletableFuture<EarlyStart.Ui> ui, StartProgress progress,
                                                 java.io.PrintStream out) throws Exception {
        DatabaseTarget options = given;
        String problem = null;
        // A shared database without a login or its password: the operator signs in with their own database
        // account in the dialog (passwords never need the command line).
        boolean askForLogin = given.external() && (given.user() == null || given.password() == null);
        for (int attempt = 1; ; attempt++) {
            if (askForLogin) {
                String shownProblem = problem;
                ui.join();
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
    private static void measureLoading(ConsoleViewModel model, StartTimings timings, Stage closeWhenUsable,
                                       Runnable whenUsable) {
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
                whenUsable.run();
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

    /** The database's result, its failure as thrown there. */
    private static DatabaseLauncher join(CompletableFuture<DatabaseLauncher> opening) throws Exception {
        try {
            return opening.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw unwrap(e);
        }
    }

    private static Exception unwrap(java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof Exception cause) {
            return cause;
        }
        if (e.getCause() instanceof Error error) {
            throw error;
        }
        return e;
    }

    /** Thrown into the database's start when the console cannot open anyway; never reaches the operator. */
    private static final class StartAbandoned extends RuntimeException {
        StartAbandoned() {
            super("start abandoned", null, false, false);
        }
    }

    /** Waits for a database that opened after all and closes it (the console will not use it). */
    private static void closeQuietly(CompletableFuture<DatabaseLauncher> opening) {
        try {
            DatabaseLauncher opened = opening.join();
            if (opened != null) {
                opened.close();
            }
        } catch (RuntimeException | java.io.IOException ignored) {
            // It did not open, or cannot close: the start fails with the reason that matters either way.
        }
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

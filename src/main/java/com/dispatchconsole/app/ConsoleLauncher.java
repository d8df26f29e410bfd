package com.dispatchconsole.app;

import com.dispatchconsole.demo.DemoOperators;
import com.dispatchconsole.demo.DemoSize;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.realtime.FeedSettings;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.ui.common.FxUiExecutor;
import com.dispatchconsole.ui.common.UncaughtErrors;
import com.dispatchconsole.ui.console.ConsoleView;
import com.dispatchconsole.ui.console.ConsoleViewModel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Opens the database, then the console window, and waits until the dispatcher closes it. */
public final class ConsoleLauncher {

    private ConsoleLauncher() {
    }

    public static int run(DatabaseTarget given, Path dataDir, DemoSize demo, String operator,
                          java.util.List<String> outletNames, java.io.PrintStream out) throws Exception {
        Platform.setImplicitExit(false);
        java.util.concurrent.CompletableFuture<Void> toolkit = new java.util.concurrent.CompletableFuture<>();
        Platform.startup(() -> toolkit.complete(null));
        toolkit.join();
        DatabaseLauncher opened = null;
        DatabaseTarget options = given;
        String problem = null;
        // A shared database without a login or its password: the operator signs in with their own database
        // account in the dialog (passwords never need the command line).
        boolean askForLogin = given.external() && (given.user() == null || given.password() == null);
        for (int attempt = 1; opened == null; attempt++) {
            if (askForLogin) {
                String shownProblem = problem;
                java.util.Optional<com.dispatchconsole.ui.login.LoginDialog.Credentials> credentials = onFxThread(
                        () -> com.dispatchconsole.ui.login.LoginDialog.ask(given.url().replaceAll("\\?.*", ""), shownProblem,
                                given.user()));
                if (credentials.isEmpty()) {
                    Platform.exit();
                    return 0;
                }
                options = given.withCredentials(credentials.get().user(), credentials.get().password());
            }
            try {
                // On the embedded default the console signs in as the demo dispatcher unless told otherwise.
                opened = DatabaseLauncher.open(options, dataDir, demo, DemoOperators.DISPATCHER, null, out);
            } catch (RuntimeException e) {
                if (!askForLogin || attempt >= 5) {
                    Platform.exit();
                    throw e;
                }
                // The same words the command line uses ("the server refused the login (password authentication …)").
                problem = "Could not sign in: " + ConnectionFailures.reason(e).orElseGet(() -> rootMessage(e)) + ".";
            }
        }
        try (DatabaseLauncher launcher = opened;
             FxUiExecutor executor = new FxUiExecutor(4)) {
            DispatchServices services = new DispatchServices(launcher.database());
            java.util.Set<java.util.UUID> scope = OutletScope.resolve(services, outletNames);
            DatabaseConfig config = launcher.database().config();
            ConsoleSession session = new ConsoleSession(services, executor,
                    FeedSettings.of(config.url(), config.user(), config.password()), operator,
                    launcher.jdbcUrl() + (launcher.embedded() ? " (embedded)" : ""), scope);
            ConsoleViewModel model = session.model();
            CountDownLatch closed = new CountDownLatch(1);
            Platform.runLater(() -> {
                // From now on a bug in any handler is one line in the console's notices and a stack trace in the log.
                UncaughtErrors.install(model.status().channel());
                Stage stage = new Stage();
                stage.setTitle("Dispatch Console — " + operator);
                stage.getIcons().add(new javafx.scene.image.Image(Objects.requireNonNull(
                        ConsoleLauncher.class.getResourceAsStream("/com/dispatchconsole/ui/icon.png"))));
                Scene scene = new Scene(new ConsoleView(model).root(), 1600, 940);
                ConsoleView.style(scene);
                stage.setScene(scene);
                stage.setOnHidden(e -> closed.countDown());
                stage.show();
                session.start();
            });
            closed.await();
            session.close();
            Platform.exit();
            return 0;
        }
    }

    private static <T> T onFxThread(java.util.function.Supplier<T> work) {
        java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
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

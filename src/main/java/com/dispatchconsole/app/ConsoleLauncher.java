package com.dispatchconsole.app;

import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.realtime.ChangeFeed;
import com.dispatchconsole.realtime.FeedSettings;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.ui.console.LiveUpdater;
import com.dispatchconsole.ui.common.FxUiExecutor;
import com.dispatchconsole.ui.console.ConsoleView;
import com.dispatchconsole.ui.console.ConsoleViewModel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** Opens the database, then the console window, and waits until the dispatcher closes it. */
final class ConsoleLauncher {

    private ConsoleLauncher() {
    }

    static int run(DbOptions options, Path dataDir, DatabaseLauncher.DemoSize demo, String operator,
                   java.util.List<String> outletNames) throws Exception {
        try (DatabaseLauncher launcher = DatabaseLauncher.open(options, dataDir, demo, System.out);
             FxUiExecutor executor = new FxUiExecutor(4)) {
            DispatchServices services = new DispatchServices(launcher.database());
            java.util.Set<java.util.UUID> scope = OutletScope.resolve(services, outletNames);
            ConsoleViewModel model = new ConsoleViewModel(services, executor, operator,
                    launcher.jdbcUrl() + (launcher.embedded() ? " (embedded)" : ""), scope);
            DatabaseConfig config = launcher.database().config();
            LiveUpdater live = new LiveUpdater(services.queries(), model, executor);
            ChangeFeed feed = new ChangeFeed(FeedSettings.of(config.url(), config.user(), config.password())
                    .withOutlets(scope));
            CountDownLatch closed = new CountDownLatch(1);
            Platform.setImplicitExit(false);
            Platform.startup(() -> {
                Stage stage = new Stage();
                stage.setTitle("Dispatch Console — " + operator);
                stage.getIcons().add(new javafx.scene.image.Image(Objects.requireNonNull(
                        ConsoleLauncher.class.getResourceAsStream("/com/dispatchconsole/ui/icon.png"))));
                Scene scene = new Scene(new ConsoleView(model).root(), 1600, 940);
                ConsoleView.style(scene);
                stage.setScene(scene);
                stage.setOnHidden(e -> closed.countDown());
                stage.show();
                // Listen first, then load: a change committed in between is then seen twice, never missed.
                feed.subscribe(live);
                feed.start();
                model.load();
            });
            closed.await();
            feed.close();
            live.close();
            Platform.exit();
            return 0;
        }
    }
}

package com.dispatchconsole.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.demo.DemoSize;
import com.dispatchconsole.embedded.EmbeddedServer;
import com.dispatchconsole.testing.TestDatabases;
import com.dispatchconsole.testing.UiTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The first thing a console shows is the start window, saying what is happening while the database is prepared;
 * the console window follows. Starting fails with one line in that window and a Quit button. The real launcher, on
 * a real (shared) database.
 */
@UiTest
class StartWindowTest {

    private static final AtomicCounter DATABASES = new AtomicCounter();

    @TempDir
    Path config;

    @Test
    void theStartWindowSaysEachStepBeforeTheConsoleOpens(FxRobot robot) throws Exception {
        // A new, empty database: the console migrates it, and says so, migration by migration.
        EmbeddedServer server = TestDatabases.server();
        String name = "start_window_" + DATABASES.next();
        server.createDatabase(name, null);
        DatabaseTarget target = new DatabaseTarget(server.jdbcUrl(name), EmbeddedServer.SUPERUSER,
                server.superuserPassword());
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Stage> console = new CompletableFuture<>();
        ConsoleLauncher.StartObserver observer = new ConsoleLauncher.StartObserver() {
            @Override
            public void step(String text) {
                // What the window really shows at this moment, not what the launcher meant to say.
                seen.add(robot.lookup("#start-step").tryQueryAs(javafx.scene.text.Text.class).map(javafx.scene.text.Text::getText).orElse("(no window)"));
            }

            @Override
            public void consoleShown(Stage stage) {
                seen.add("(console)");
                console.complete(stage);
            }
        };
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
            try {
                return ConsoleLauncher.run(target, null, DemoSize.STANDARD, "olga", List.of(), quiet(),
                        new ConsoleLauncher.StartOptions(config, null, observer));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Stage stage = console.get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(seen).first().isEqualTo("Connecting to the database…");
        List<String> migrating = seen.stream().filter(text -> text.startsWith("Preparing the database (migrations ")).toList();
        assertThat(migrating).as("migration by migration").hasSizeGreaterThan(10);
        assertThat(migrating.get(0)).matches("Preparing the database \\(migrations 0/\\d+\\)…");
        String pending = migrating.get(0).replaceAll("\\D+(\\d+)\\D+(\\d+)\\D+", "$2");
        assertThat(migrating).last().isEqualTo("Preparing the database (migrations " + pending + "/" + pending + ")…");
        assertThat(seen.subList(0, seen.indexOf("(console)")))
                .as("every step was shown in the start window before the console window opened")
                .contains("Loading riders and batches…")
                .doesNotContain("(no window)");
        assertThat(stage.isShowing()).isTrue();
        assertThat(robot.lookup("#start-step").tryQuery()).as("the start window is gone").isEmpty();

        robot.interact(stage::hide);
        assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void onASharedDatabaseWithoutAPasswordTheSignInDialogStillAsksForIt(FxRobot robot) throws Exception {
        EmbeddedServer server = TestDatabases.server();
        String name = "start_window_" + DATABASES.next();
        server.createDatabase(name, null);
        DatabaseTarget noPassword = new DatabaseTarget(server.jdbcUrl(name), EmbeddedServer.SUPERUSER, null);
        CompletableFuture<Stage> console = new CompletableFuture<>();
        ConsoleLauncher.StartObserver observer = new ConsoleLauncher.StartObserver() {
            @Override
            public void consoleShown(Stage stage) {
                console.complete(stage);
            }
        };
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
            try {
                return ConsoleLauncher.run(noPassword, null, DemoSize.STANDARD, "olga", List.of(), quiet(),
                        new ConsoleLauncher.StartOptions(config, null, observer));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#login-password")
                .match(org.testfx.util.NodeQueryUtils.isVisible()).tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#start-step").queryAs(javafx.scene.text.Text.class).getText()).startsWith("Signing in to ");
        robot.clickOn("#login-password").write(server.superuserPassword());
        robot.clickOn(robot.lookup(n -> n instanceof javafx.scene.control.Button b && "Sign in".equals(b.getText()))
                .queryAs(javafx.scene.control.Button.class));
        Stage stage = console.get(60, TimeUnit.SECONDS);
        assertThat(stage.isShowing()).isTrue();
        robot.interact(stage::hide);
        assertThat(run.get(30, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aStartThatFailsSaysWhyInOneLineAndQuits(FxRobot robot) throws Exception {
        // Nothing listens on port 1.
        DatabaseTarget nowhere = new DatabaseTarget("jdbc:postgresql://127.0.0.1:1/dispatch", "olga", "secret");
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
            try {
                return ConsoleLauncher.run(nowhere, null, DemoSize.STANDARD, "olga", List.of(), quiet(),
                        new ConsoleLauncher.StartOptions(config, null, null));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#start-failure")
                .tryQueryAs(Label.class).map(Label::isVisible).orElse(false));
        // The failure line and the Quit button come in one FX event: let it end before reading the window.
        WaitForAsyncUtils.waitForFxEvents();
        String line = robot.lookup("#start-failure").queryAs(Label.class).getText();
        assertThat(line).startsWith("DATABASE_UNAVAILABLE: ").doesNotContain("\n").doesNotContain("at org.")
                .doesNotContain("secret");
        robot.clickOn("#start-quit");
        assertThatThrownBy(() -> run.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#start-failure").tryQuery()).isEmpty();
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    /** Names of this class's databases. */
    private static final class AtomicCounter {
        private final java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();

        int next() {
            return count.incrementAndGet();
        }
    }
}

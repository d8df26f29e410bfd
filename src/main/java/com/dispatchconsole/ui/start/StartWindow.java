package com.dispatchconsole.ui.start;

import com.dispatchconsole.ui.common.Theme;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.image.Image;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The small window a console shows first, before the database: what is happening now ("Starting the database…",
 * "Preparing the database (migrations 3/18)…"), and if starting fails, one line saying why with a Quit button.
 * It goes away when the console window opens. Every method may be called from any thread.
 */
public final class StartWindow {

    private final Stage stage = new Stage();
    private final Label step = new Label("Starting…");
    private final Label failure = new Label();
    private final ProgressBar progress = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
    private final Button quit = new Button("Quit");
    private final CompletableFuture<Void> quitted = new CompletableFuture<>();

    private StartWindow() {
        Label title = new Label("Dispatch Console");
        title.getStyleClass().add("title");
        step.setId("start-step");
        step.setWrapText(true);
        failure.setId("start-failure");
        failure.getStyleClass().add("banner");
        failure.setWrapText(true);
        failure.setMaxWidth(Double.MAX_VALUE);
        failure.setVisible(false);
        failure.setManaged(false);
        progress.setMaxWidth(Double.MAX_VALUE);
        quit.setId("start-quit");
        quit.setCancelButton(true);
        quit.setOnAction(e -> stage.hide());
        HBox buttons = new HBox(quit);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setVisible(false);
        buttons.managedProperty().bind(buttons.visibleProperty());
        buttons.visibleProperty().bind(failure.visibleProperty());
        VBox box = new VBox(12, title, step, progress, failure, buttons);
        box.getStyleClass().add("console");
        box.setPadding(new Insets(20, 24, 20, 24));
        box.setPrefWidth(520);
        Scene scene = new Scene(box);
        Theme.apply(scene);
        stage.setScene(scene);
        stage.setTitle("Dispatch Console — starting");
        stage.setResizable(false);
        stage.getIcons().add(new Image(Objects.requireNonNull(
                StartWindow.class.getResourceAsStream("/com/dispatchconsole/ui/icon.png"))));
        stage.setOnHidden(e -> quitted.complete(null));
    }

    /** Builds and shows the window; call on the FX thread, as the first thing after the toolkit started. */
    public static StartWindow show() {
        StartWindow window = new StartWindow();
        window.stage.show();
        return window;
    }

    /** What is happening now, a sentence ending in "…". */
    public void say(String text) {
        onFx(() -> step.setText(text));
    }

    /**
     * Starting failed: one line saying why (no stack trace) and a Quit button. The future completes when the
     * operator quits (the button, Esc or closing the window).
     */
    public CompletableFuture<Void> fail(String line) {
        onFx(() -> {
            progress.setVisible(false);
            progress.setManaged(false);
            step.setText("The console could not start.");
            failure.setText(line);
            failure.setVisible(true);
            failure.setManaged(true);
            stage.sizeToScene();
            quit.requestFocus();
        });
        return quitted;
    }

    /** The console window is up: this one goes. */
    public void close() {
        onFx(() -> {
            stage.setOnHidden(null);
            stage.hide();
        });
    }

    /** The window itself, for the sign-in dialog to sit above it. */
    public Stage stage() {
        return stage;
    }

    private static void onFx(Runnable update) {
        if (Platform.isFxApplicationThread()) {
            update.run();
        } else {
            Platform.runLater(update);
        }
    }
}

package com.dispatchconsole.ui.start;

import com.dispatchconsole.ui.common.Theme;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javafx.animation.Animation;
import javafx.animation.Interpolator;
import javafx.animation.TranslateTransition;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The small window a console shows first, before the database: what is happening now ("Starting the database…",
 * "Preparing the database (migrations 3/18)…"), and if starting fails, one line saying why with a Quit button.
 * It goes away when the console window opens. Every method may be called from any thread.
 *
 * <p>It is drawn from text and shapes, no controls: the first control a JVM creates loads the controls' default
 * stylesheet and skins (about half a second on a cold JVM), which the start window would otherwise wait for. The
 * failure's label and Quit button are controls, made only when starting failed.
 */
public final class StartWindow {

    /** The window's width; the launcher's splash (a picture of this window) has the same, so this one covers it. */
    public static final double WIDTH = 520;

    private final Stage stage = new Stage();
    private final Text step = new Text("Starting…");
    private final VBox box;
    private final Region progress;
    private final TranslateTransition sweep;
    private final CompletableFuture<Void> quitted = new CompletableFuture<>();
    private final CompletableFuture<Void> firstFrame = new CompletableFuture<>();

    private StartWindow() {
        Text title = new Text("Dispatch Console");
        title.getStyleClass().add("start-title");
        step.setId("start-step");
        step.getStyleClass().add("start-text");
        step.setWrappingWidth(WIDTH - 48);
        progress = indeterminateBar();
        sweep = sweep((Region) ((Pane) progress).getChildren().get(0));
        box = new VBox(12, title, step, progress);
        box.getStyleClass().add("console");
        box.setPadding(new Insets(20, 24, 20, 24));
        box.setPrefWidth(WIDTH);
        Scene scene = new Scene(box);
        Theme.apply(scene);
        Runnable framed = new Runnable() {
            private int pulses;

            @Override
            public void run() {
                // A pulse lays a frame out and hands it to the render thread; the FX thread starts the pulse after
                // next only once that frame is rendered. So at the third pulse the first frame is on the screen.
                if (++pulses == 3) {
                    scene.removePostLayoutPulseListener(this);
                    firstFrame.complete(null);
                }
            }
        };
        scene.addPostLayoutPulseListener(framed);
        stage.setScene(scene);
        stage.setTitle("Dispatch Console — starting");
        stage.setResizable(false);
        stage.getIcons().add(new Image(Objects.requireNonNull(
                StartWindow.class.getResourceAsStream("/com/dispatchconsole/ui/icon.png"))));
        stage.setOnHidden(e -> quitted.complete(null));
    }

    /** A thin track with a block sweeping along it: working, no telling how long. */
    private static Region indeterminateBar() {
        Region block = new Region();
        block.getStyleClass().add("start-progress-block");
        block.setPrefSize(WIDTH / 4, 6);
        block.setMinSize(WIDTH / 4, 6);
        Pane track = new Pane(block);
        track.getStyleClass().add("start-progress");
        track.setPrefHeight(6);
        track.setClip(new Rectangle(WIDTH - 48, 6));
        return track;
    }

    private static TranslateTransition sweep(Region block) {
        TranslateTransition sweep = new TranslateTransition(Duration.seconds(1.2), block);
        sweep.setFromX(-WIDTH / 4);
        sweep.setToX(WIDTH - 48);
        sweep.setInterpolator(Interpolator.EASE_BOTH);
        sweep.setCycleCount(Animation.INDEFINITE);
        return sweep;
    }

    /** Builds and shows the window; call on the FX thread, as the first thing after the toolkit started. */
    public static StartWindow show() {
        return show(null);
    }

    /**
     * As {@link #show()}, with the window's top-left corner at {@code at} (where the launcher's splash is, so the
     * window takes its place), or centred when null.
     */
    public static StartWindow show(Point2D at) {
        StartWindow window = new StartWindow();
        // The first frame a JVM renders sets up the renderer and rasterises the glyphs (a second or more on a busy
        // machine); drawn off screen first, the window shows its content at once instead of a blank rectangle.
        window.stage.getScene().snapshot(null);
        if (at != null) {
            window.stage.setX(at.getX());
            window.stage.setY(at.getY());
        }
        window.stage.show();
        window.sweep.play();
        return window;
    }

    /**
     * Completes (on the FX thread) once the window's first frame is laid out and on its way to the screen: work
     * queued on the FX thread before then would keep the window blank.
     */
    public CompletableFuture<Void> firstFrame() {
        return firstFrame;
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
            sweep.stop();
            progress.setVisible(false);
            progress.setManaged(false);
            step.setText("The console could not start.");
            Label failure = new Label(line);
            failure.setId("start-failure");
            failure.getStyleClass().add("banner");
            failure.setWrapText(true);
            failure.setMaxWidth(Double.MAX_VALUE);
            Button quit = new Button("Quit");
            quit.setId("start-quit");
            quit.setCancelButton(true);
            quit.setOnAction(e -> stage.hide());
            HBox buttons = new HBox(quit);
            buttons.setAlignment(Pos.CENTER_RIGHT);
            box.getChildren().addAll(failure, buttons);
            stage.sizeToScene();
            quit.requestFocus();
        });
        return quitted;
    }

    /** The console window is up: this one goes. */
    public void close() {
        onFx(() -> {
            sweep.stop();
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

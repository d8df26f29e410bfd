package com.dispatchconsole.ui.common;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The one timer of a console window: every second, while the window shows, it runs one action (the console's
 * {@link ServerClock#tick()}), and the cells that show a time redraw themselves from the clock's new value. Nothing
 * is re-read, rebuilt or re-sorted on a tick: a cell that shows "12m" only changes its text.
 */
public final class Ticker {

    public static final Duration PERIOD = Duration.seconds(1);

    private final Timeline timeline;

    private Ticker(Runnable onTick) {
        timeline = new Timeline(new KeyFrame(PERIOD, e -> onTick.run()));
        timeline.setCycleCount(Animation.INDEFINITE);
    }

    /** Runs {@code onTick} every second while the window showing {@code node} is showing, and not otherwise. */
    public static Ticker whileShowing(Node node, Runnable onTick) {
        Ticker ticker = new Ticker(onTick);
        ObservableValue<Boolean> showing = node.sceneProperty().flatMap(Scene::windowProperty)
                .flatMap(Window::showingProperty).orElse(false);
        showing.subscribe(shown -> {
            if (shown) {
                onTick.run();
                ticker.timeline.play();
            } else {
                ticker.timeline.stop();
            }
        });
        return ticker;
    }

    /** Whether the timer runs now. */
    public boolean running() {
        return timeline.getStatus() == Animation.Status.RUNNING;
    }
}

package com.dispatchconsole.app;

import com.dispatchconsole.ui.start.StartWindow;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;

/**
 * The steps of a start, said by the database's thread before the start window may be up: each waits for the window
 * and is shown there in the order it was said (a chain, so none overtakes another), then told to the observer once
 * the window shows it.
 */
final class ShownSteps {

    private final ConsoleLauncher.StartObserver observer;
    private CompletableFuture<StartWindow> last;

    ShownSteps(CompletableFuture<StartWindow> window, ConsoleLauncher.StartObserver observer) {
        this.last = window;
        this.observer = observer;
    }

    synchronized void say(String text) {
        last = last.thenApply(window -> {
            window.say(text);
            Platform.runLater(() -> observer.step(text));
            return window;
        });
    }

    /** Completes once every step said so far is in the window (or the window never came). */
    synchronized CompletableFuture<StartWindow> flushed() {
        return last.exceptionally(noWindow -> null);
    }
}

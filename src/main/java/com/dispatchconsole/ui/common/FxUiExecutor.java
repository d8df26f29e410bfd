package com.dispatchconsole.ui.common;

import com.dispatchconsole.domain.DispatchException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;

/** Background threads for database calls; results return through {@link Platform#runLater}. */
public final class FxUiExecutor implements UiExecutor, AutoCloseable {

    private final ExecutorService workers;
    private final java.util.concurrent.ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Workers.daemon("console-timer"));

    public FxUiExecutor(int threads) {
        this.workers = Executors.newFixedThreadPool(threads, Workers.daemon("console-worker"));
    }

    @Override
    public <T> void submit(Callable<T> work, Consumer<T> onSuccess, Consumer<DispatchException> onFailure) {
        Workers.runAndHandBack(workers, Platform::runLater, work, onSuccess, onFailure);
    }

    @Override
    public void onUiThread(Runnable update) {
        if (Platform.isFxApplicationThread()) {
            update.run();
        } else {
            Platform.runLater(update);
        }
    }

    @Override
    public void schedule(java.time.Duration delay, Runnable update) {
        timer.schedule(() -> Platform.runLater(update), delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }
}

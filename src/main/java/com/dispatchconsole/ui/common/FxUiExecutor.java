package com.dispatchconsole.ui.common;

import com.dispatchconsole.domain.DispatchException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;

/** Background threads for database calls; results return through {@link Platform#runLater}. */
public final class FxUiExecutor implements UiExecutor, AutoCloseable {

    private final ExecutorService workers;
    private final java.util.concurrent.ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "console-timer");
                thread.setDaemon(true);
                return thread;
            });

    public FxUiExecutor(int threads) {
        AtomicInteger counter = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "console-worker-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public <T> void submit(Callable<T> work, Consumer<T> onSuccess, Consumer<DispatchException> onFailure) {
        workers.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (Exception e) {
                DispatchException typed = Failures.typed(e);
                Platform.runLater(() -> onFailure.accept(typed));
            }
        });
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

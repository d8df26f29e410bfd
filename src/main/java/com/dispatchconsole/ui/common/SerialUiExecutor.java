package com.dispatchconsole.ui.common;

import com.dispatchconsole.domain.DispatchException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A stand-in for the JavaFX thread without a window (benchmarks, tests): one "UI" thread that owns the view
 * model's state, and background workers. Callers read the model through {@link #read}, as the UI thread sees it.
 */
public final class SerialUiExecutor implements UiExecutor, AutoCloseable {

    private final ScheduledExecutorService uiThread =
            Executors.newSingleThreadScheduledExecutor(Workers.daemon("serial-ui-thread"));
    private final ExecutorService workers = Executors.newFixedThreadPool(2, Workers.daemon("serial-ui-worker"));

    @Override
    public <T> void submit(Callable<T> work, Consumer<T> onSuccess, Consumer<DispatchException> onFailure) {
        Workers.runAndHandBack(workers, uiThread, work, onSuccess, onFailure);
    }

    @Override
    public void onUiThread(Runnable update) {
        uiThread.execute(update);
    }

    @Override
    public void schedule(Duration delay, Runnable update) {
        uiThread.schedule(update, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    public <T> T read(Supplier<T> query) {
        try {
            return uiThread.submit(query::get).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        uiThread.shutdownNow();
        workers.shutdownNow();
    }
}

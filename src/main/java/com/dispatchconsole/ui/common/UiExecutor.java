package com.dispatchconsole.ui.common;

import com.dispatchconsole.domain.DispatchException;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * How view models run service calls: the work off the UI thread, the result (or the typed refusal) back on it.
 * The JavaFX implementation uses background threads; the synchronous twin lets view-model tests run inline.
 */
public interface UiExecutor {

    <T> void submit(Callable<T> work, Consumer<T> onSuccess, Consumer<DispatchException> onFailure);

    /** Runs a UI update on the UI thread (immediately in the synchronous twin). */
    void onUiThread(Runnable update);

    /** Runs {@code update} on the UI thread after {@code delay}; used for retries while the database is down. */
    void schedule(java.time.Duration delay, Runnable update);
}

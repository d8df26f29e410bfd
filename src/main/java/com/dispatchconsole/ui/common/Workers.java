package com.dispatchconsole.ui.common;

import com.dispatchconsole.domain.DispatchException;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** What every {@link UiExecutor} does the same way: daemon worker threads, and the hand-back to the UI thread. */
final class Workers {

    private Workers() {
    }

    /** Daemon threads named {@code prefix-1, prefix-2, …}: a console closing never waits for a stuck call. */
    static ThreadFactory daemon(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Runs {@code work} on a worker; its result, or its failure as a typed refusal, goes to the UI thread. */
    static <T> void runAndHandBack(Executor workers, Executor uiThread, Callable<T> work, Consumer<T> onSuccess,
                                   Consumer<DispatchException> onFailure) {
        workers.execute(() -> {
            try {
                T result = work.call();
                uiThread.execute(() -> onSuccess.accept(result));
            } catch (Exception e) {
                DispatchException typed = Failures.typed(e);
                uiThread.execute(() -> onFailure.accept(typed));
            }
        });
    }
}

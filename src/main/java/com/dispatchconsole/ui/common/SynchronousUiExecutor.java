package com.dispatchconsole.ui.common;

import com.dispatchconsole.domain.DispatchException;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs work and callbacks inline: the twin of {@link FxUiExecutor} for view-model tests. */
public final class SynchronousUiExecutor implements UiExecutor {

    @Override
    public <T> void submit(Callable<T> work, Consumer<T> onSuccess, Consumer<DispatchException> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailure.accept(Failures.typed(e));
            return;
        }
        onSuccess.accept(result);
    }

    private final java.util.List<Runnable> scheduled = new java.util.ArrayList<>();

    @Override
    public void onUiThread(Runnable update) {
        update.run();
    }

    /** Keeps scheduled updates until the test runs them with {@link #runScheduled()}, so time never passes by itself. */
    @Override
    public void schedule(java.time.Duration delay, Runnable update) {
        scheduled.add(update);
    }

    public void runScheduled() {
        java.util.List<Runnable> due = new java.util.ArrayList<>(scheduled);
        scheduled.clear();
        due.forEach(Runnable::run);
    }
}

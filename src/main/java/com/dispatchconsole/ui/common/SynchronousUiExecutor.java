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

    @Override
    public void onUiThread(Runnable update) {
        update.run();
    }
}

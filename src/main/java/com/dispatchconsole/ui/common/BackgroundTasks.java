package com.dispatchconsole.ui.common;

import com.dispatchconsole.domain.DispatchException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * A view model's background calls, counted: the work runs through {@link UiExecutor} (off the UI thread), the
 * callbacks (running, success, failure, finished) on it, and one count of the calls under way drives a screen's
 * busy indicator, so no view model keeps a counter of its own. A request made under a key supersedes every earlier
 * one under that key: their answers still arrive, but are dropped (the detail of a batch the dispatcher has
 * already left must not overwrite the one they look at). Modelled on JabRef's BackgroundTask; with
 * {@link SynchronousUiExecutor} a task runs inline, which is how view-model tests use it.
 */
public final class BackgroundTasks {

    private final UiExecutor ui;
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final Map<Object, Long> latest = new HashMap<>();
    private long requests;

    public BackgroundTasks(UiExecutor ui) {
        this.ui = ui;
        running.addListener((o, was, count) -> busy.set(count.intValue() > 0));
    }

    /** A task for {@code work}; nothing runs until {@link Task#start()}. */
    public <T> Task<T> task(Callable<T> work) {
        return new Task<>(work);
    }

    /** Drops the answers of the requests still under way under {@code key}: what they asked for is gone. */
    public void forget(Object key) {
        latest.put(key, ++requests);
    }

    /** How many calls are under way. */
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** True while any call is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** One background call and what to do on the UI thread around it. Started on the UI thread. */
    public final class Task<T> {

        private final Callable<T> work;
        private Runnable onRunning = () -> { };
        private Consumer<T> onSuccess = result -> { };
        // A call nobody answers still leaves its failure in the log (once: an answered one is logged by Notices).
        private Consumer<DispatchException> onFailure = Failures::log;
        private Runnable onFinished = () -> { };
        private Object key;

        private Task(Callable<T> work) {
            this.work = Objects.requireNonNull(work);
        }

        /** Runs as the task starts, before the work is handed off. */
        public Task<T> onRunning(Runnable action) {
            this.onRunning = action;
            return this;
        }

        public Task<T> onSuccess(Consumer<T> action) {
            this.onSuccess = action;
            return this;
        }

        /** Receives the typed refusal (see {@link Failures}). */
        public Task<T> onFailure(Consumer<DispatchException> action) {
            this.onFailure = action;
            return this;
        }

        /** Runs after success or failure, also when the answer was dropped as superseded. */
        public Task<T> onFinished(Runnable action) {
            this.onFinished = action;
            return this;
        }

        /** Only the latest request under {@code requestKey} is answered; earlier ones' answers are dropped. */
        public Task<T> latestFor(Object requestKey) {
            this.key = Objects.requireNonNull(requestKey);
            return this;
        }

        public void start() {
            long request = ++requests;
            if (key != null) {
                latest.put(key, request);
            }
            running.set(running.get() + 1);
            onRunning.run();
            ui.submit(work, result -> finish(request, () -> onSuccess.accept(result)),
                    error -> finish(request, () -> onFailure.accept(error)));
        }

        private void finish(long request, Runnable answer) {
            running.set(running.get() - 1);
            try {
                if (key == null) {
                    answer.run();
                } else if (Objects.equals(latest.get(key), request)) {
                    latest.remove(key);
                    answer.run();
                }
            } finally {
                onFinished.run();
            }
        }
    }
}

package com.dispatchconsole.ui.common;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What nothing else caught: a bug in an event handler on the FX thread, or on any other thread. It is logged once
 * with its stack trace and shown as one line through the console's {@link Notices} ("UNEXPECTED: Something went
 * wrong in the console (…); the details are in the log."), never as a stack trace on screen. JavaFX goes on
 * dispatching events after its thread's handler returns, so the window keeps working.
 */
public final class UncaughtErrors implements Thread.UncaughtExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(UncaughtErrors.class);

    private final Notices notices;
    private final Consumer<Runnable> onUiThread;
    private final Deque<Throwable> reported = new ArrayDeque<>();
    // True on the UI thread while a notice is being shown: what fails then (a toast's listener, say) comes back here
    // through the same thread's handler, and showing it too would loop.
    private final ThreadLocal<Boolean> showing = ThreadLocal.withInitial(() -> false);

    /** @param onUiThread how a notice reaches the UI thread, where {@code notices} lives */
    UncaughtErrors(Notices notices, Consumer<Runnable> onUiThread) {
        this.notices = notices;
        this.onUiThread = onUiThread;
    }

    /**
     * Makes this the handler of the FX thread and the default of every other thread. Call once the toolkit runs.
     */
    public static UncaughtErrors install(Notices notices) {
        UncaughtErrors handler = new UncaughtErrors(notices, UncaughtErrors::onFxThread);
        Thread.setDefaultUncaughtExceptionHandler(handler);
        onFxThread(() -> Thread.currentThread().setUncaughtExceptionHandler(handler));
        return handler;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        if (alreadyReported(error)) {
            return;
        }
        Failures.Unexpected unexpected = Failures.unexpected(error, "Something went wrong in the console ("
                + error.getClass().getSimpleName() + "); the details are in the log.");
        // Logged here and now, on the thread that failed: the UI thread may be the one in trouble.
        Failures.log(unexpected);
        if (showing.get()) {
            return;
        }
        try {
            onUiThread.accept(() -> {
                showing.set(true);
                try {
                    notices.show(unexpected);
                } catch (RuntimeException notShown) {
                    // Rethrown, it would come back here on the FX thread, and again.
                    log.error("Could not show an unexpected failure", notShown);
                } finally {
                    showing.set(false);
                }
            });
        } catch (IllegalStateException toolkitGone) {
            // The console is closing; the log has it.
        }
    }

    private synchronized boolean alreadyReported(Throwable error) {
        for (Throwable seen : reported) {
            if (seen == error) {
                return true;
            }
        }
        reported.addLast(error);
        if (reported.size() > Notices.HISTORY) {
            reported.removeFirst();
        }
        return false;
    }

    private static void onFxThread(Runnable work) {
        if (Platform.isFxApplicationThread()) {
            work.run();
        } else {
            Platform.runLater(work);
        }
    }
}

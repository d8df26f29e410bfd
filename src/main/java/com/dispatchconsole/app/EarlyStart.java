package com.dispatchconsole.app;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.ui.start.StartWindow;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;

/**
 * The FX toolkit and the start window, started on a thread of their own as the very first thing a console start
 * does, so that the window is up while the command line is still being read and the database starts beside it.
 * Only {@code main} begins it early (when the arguments open the console); a console started any other way (a
 * test) starts it when it runs, or finds the toolkit already running.
 */
public final class EarlyStart {

    /** The toolkit and the start window, once both are up. */
    record Ui(boolean ownToolkit, StartWindow window) {
    }

    /** A start begun: its timings (from {@code main}) and the window to come. */
    record Begun(StartTimings timings, CompletableFuture<Ui> ui) {
    }

    private static Begun begun;

    private EarlyStart() {
    }

    /** Starts the toolkit and the start window now, on a thread of their own. */
    public static synchronized void begin() {
        if (begun == null) {
            begun = startNow(new StartTimings());
        }
    }

    /** The start {@link #begin()} began, handed over once; or one begun now. */
    static synchronized Begun take() {
        Begun taken = begun != null ? begun : startNow(new StartTimings());
        begun = null;
        return taken;
    }

    private static Begun startNow(StartTimings timings) {
        timings.mark("main");
        // The launcher drew the splash before main ran: the operator has had a window since then.
        java.util.Optional<javafx.geometry.Point2D> splash = Splash.place();
        splash.ifPresent(at -> timings.mark("splash"));
        CompletableFuture<Ui> ui = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                Platform.setImplicitExit(false);
                boolean own = startToolkit();
                timings.mark("toolkit");
                CompletableFuture<StartWindow> window = new CompletableFuture<>();
                Platform.runLater(() -> {
                    try {
                        window.complete(StartWindow.show(splash.orElse(null)));
                    } catch (RuntimeException | LinkageError e) {
                        window.completeExceptionally(e);
                    }
                });
                StartWindow shown = window.join();
                // Shown means drawn: until its first frame, anything else on the FX thread keeps the window blank.
                shown.firstFrame().join();
                timings.mark("start-window");
                Splash.close();
                ui.complete(new Ui(own, shown));
            } catch (Throwable e) {
                Splash.close();
                ui.completeExceptionally(e);
            }
        }, "start-window");
        thread.setDaemon(true);
        thread.start();
        return new Begun(timings, ui);
    }

    /**
     * Starts the FX toolkit; false when it already runs (a test's), which this console then must not stop. Without a
     * display it fails at once with {@code NO_DISPLAY}.
     */
    private static boolean startToolkit() {
        CompletableFuture<Void> toolkit = new CompletableFuture<>();
        try {
            Platform.startup(() -> toolkit.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            return false;
        } catch (UnsupportedOperationException noDisplay) {
            throw new DispatchException(ErrorCode.NO_DISPLAY, "The console window needs a graphical display ("
                    + noDisplay.getMessage() + "); the subcommands (db, gateway, sim, bench, token…) run without one.");
        }
        toolkit.join();
        return true;
    }
}

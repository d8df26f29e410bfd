package com.dispatchconsole.app;

import java.awt.SplashScreen;
import java.util.Optional;
import javafx.geometry.Point2D;

/**
 * The splash the {@code java} launcher draws before any class of ours loads (the jar's manifest names it as
 * {@code SplashScreen-Image}; the packaged launcher passes {@code -splash:}): a picture of the start window saying
 * "Starting…", on screen within a tenth of a second of the command, while the JVM and the FX toolkit start. The
 * start window opens on the same spot and takes over with the real steps; the splash goes once that window is drawn.
 * A subcommand (no window) closes it at once. Without a display, or with a runtime that has no splash support,
 * there is none and every method here does nothing.
 */
public final class Splash {

    private Splash() {
    }

    /** Where the splash is on screen (its top-left corner), if one is showing. */
    public static Optional<Point2D> place() {
        try {
            SplashScreen splash = SplashScreen.getSplashScreen();
            if (splash == null || !splash.isVisible()) {
                return Optional.empty();
            }
            java.awt.Rectangle bounds = splash.getBounds();
            return Optional.of(new Point2D(bounds.getX(), bounds.getY()));
        } catch (RuntimeException | LinkageError none) {
            // Headless, closed meanwhile, or no splash support in this runtime: there is no splash to follow.
            return Optional.empty();
        }
    }

    /** Takes the splash away, if one is showing. */
    public static void close() {
        try {
            SplashScreen splash = SplashScreen.getSplashScreen();
            if (splash != null && splash.isVisible()) {
                splash.close();
            }
        } catch (RuntimeException | LinkageError none) {
            // As above: nothing is showing.
        }
    }
}

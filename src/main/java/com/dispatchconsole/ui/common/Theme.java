package com.dispatchconsole.ui.common;

import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;

/**
 * The console's stylesheets: dark by default, light on top of it. Every window and dialog takes its colours from
 * here, so none is left in the default look or with colours a theme cannot change.
 */
public final class Theme {

    public static final String DARK = "/com/dispatchconsole/ui/console.css";
    public static final String LIGHT = "/com/dispatchconsole/ui/console-light.css";

    private Theme() {
    }

    /** Gives a scene the dark theme (a window that follows another uses {@link #follow}). */
    public static void apply(Scene scene) {
        scene.getStylesheets().setAll(url(DARK));
    }

    /** Gives a dialog the dark theme, for dialogs shown before any window (the sign-in dialog). */
    public static void apply(DialogPane pane) {
        pane.getStylesheets().setAll(url(DARK));
    }

    /** Puts the light theme on top of the dark one, or takes it away. */
    public static void light(Scene scene, boolean light) {
        String extra = url(LIGHT);
        if (!light) {
            scene.getStylesheets().remove(extra);
        } else if (!scene.getStylesheets().contains(extra)) {
            scene.getStylesheets().add(extra);
        }
    }

    /** Gives a new dialog, or a scene drawn once (a drag image), the theme its owner shows now. */
    public static void copy(Scene from, Scene to) {
        to.getStylesheets().setAll(from.getStylesheets());
    }

    public static void copy(Scene from, DialogPane to) {
        to.getStylesheets().setAll(from.getStylesheets());
    }

    /**
     * A window opened from another (the PoD viewer, the review queue) shows its owner's theme, also after the
     * dispatcher switches it while the window is open. The binding holds the owner's list weakly.
     */
    public static void follow(Scene owner, Scene window) {
        Bindings.bindContent(window.getStylesheets(), owner.getStylesheets());
    }

    public static String url(String theme) {
        return Objects.requireNonNull(Theme.class.getResource(theme), theme).toExternalForm();
    }
}

package com.dispatchconsole.ui.common;

import java.util.Objects;
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

    /** Gives a scene the dark theme (a window that follows another uses {@link #copy}). */
    public static void apply(Scene scene) {
        scene.getStylesheets().setAll(url(DARK));
    }

    /** Gives a dialog the dark theme, for dialogs shown before any window (the sign-in dialog). */
    public static void apply(DialogPane pane) {
        pane.getStylesheets().setAll(url(DARK));
    }

    /** Gives a new window or dialog the theme its owner shows now (dark or light). */
    public static void copy(Scene from, Scene to) {
        to.getStylesheets().setAll(from.getStylesheets());
    }

    public static void copy(Scene from, DialogPane to) {
        to.getStylesheets().setAll(from.getStylesheets());
    }

    public static String url(String theme) {
        return Objects.requireNonNull(Theme.class.getResource(theme), theme).toExternalForm();
    }
}

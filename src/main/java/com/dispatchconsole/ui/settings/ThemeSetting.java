package com.dispatchconsole.ui.settings;

import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;

/** The theme the operator chose (the header's "Light theme" toggle). */
public final class ThemeSetting {

    /** Light on top of dark, or dark alone. */
    public record State(boolean light) {
    }

    /** The console's toggle, found by its id. */
    static final String TOGGLE = "#theme-toggle";

    private ThemeSetting() {
    }

    /** Sets the toggle as saved and saves every switch. Call with the console's root in {@code scene}. */
    public static void bind(Scene scene, OperatorSettings settings) {
        if (!(Nodes.byId(scene.getRoot(), TOGGLE) instanceof ToggleButton toggle)) {
            return;
        }
        settings.get(OperatorSettings.THEME).ifPresent(state -> toggle.setSelected(state.light()));
        toggle.selectedProperty().addListener((o, was, light) -> settings.put(OperatorSettings.THEME, new State(light)));
    }
}

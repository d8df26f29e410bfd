package com.dispatchconsole.ui.palette;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One thing the dispatcher can do from the command palette: its title, its keyboard shortcut ("" when it has none),
 * why it cannot be done now (null or "" when it can), and the action itself, which is the same action object the
 * menu, button or shortcut runs, never a copy of it.
 */
public record Command(String title, String shortcut, Supplier<String> whyDisabled, Runnable action) {

    private static final Supplier<String> ALWAYS = () -> null;

    public Command {
        Objects.requireNonNull(title);
        shortcut = shortcut == null ? "" : shortcut;
        whyDisabled = whyDisabled == null ? ALWAYS : whyDisabled;
        Objects.requireNonNull(action);
    }

    /** A command that can always run. */
    public static Command of(String title, String shortcut, Runnable action) {
        return new Command(title, shortcut, ALWAYS, action);
    }

    /** Whether it can run now. */
    public boolean enabled() {
        String why = whyDisabled.get();
        return why == null || why.isBlank();
    }

    /** Why it cannot run now, "" when it can. */
    public String disabledReason() {
        String why = whyDisabled.get();
        return why == null ? "" : why.strip();
    }

    /** Runs the action when the command is enabled; a disabled command does nothing. True when it ran. */
    public boolean run() {
        if (!enabled()) {
            return false;
        }
        action.run();
        return true;
    }
}

package com.dispatchconsole.ui.common;

import javafx.beans.value.ObservableValue;

/**
 * One message for the dispatcher: a success, or a refusal with its sentence; a notice may offer an {@link Action}
 * for a while (Undo), which its toast shows as a button.
 */
public record Notice(Level level, String text, Action action) {

    public enum Level { INFO, SUCCESS, WARNING, ERROR }

    /** A notice that offers nothing. */
    public Notice(Level level, String text) {
        this(level, text, null);
    }

    /**
     * Something a notice offers to do while it is {@link #open()}: the toast shows a button labelled
     * {@link #label()} (which may count down) and keeps the toast up until the offer closes.
     */
    public interface Action {

        /** The button's words, e.g. "Undo (9 s)". */
        ObservableValue<String> label();

        /** True while the offer stands; false once it is taken or has expired. */
        ObservableValue<Boolean> open();

        /** The dispatcher takes the offer (clicks the button). */
        void run();
    }
}

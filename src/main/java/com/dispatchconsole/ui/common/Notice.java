package com.dispatchconsole.ui.common;

/** One message for the dispatcher: a success, or a refusal with its sentence. */
public record Notice(Level level, String text) {

    public enum Level { INFO, SUCCESS, WARNING, ERROR }
}

package com.dispatchconsole.domain;

/** A typed refusal: a code to branch on and a sentence a dispatcher can read. A failed call changes nothing. */
public class DispatchException extends RuntimeException {

    private final ErrorCode code;

    public DispatchException(ErrorCode code, String sentence) {
        super(sentence);
        this.code = code;
    }

    public DispatchException(ErrorCode code, String sentence, Throwable cause) {
        super(sentence, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** The sentence alone, for notifications; never a stack trace. */
    public String sentence() {
        return getMessage();
    }

    @Override
    public String toString() {
        return code + ": " + getMessage();
    }
}

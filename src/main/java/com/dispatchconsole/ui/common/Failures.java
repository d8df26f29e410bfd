package com.dispatchconsole.ui.common;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever a call threw into the one typed refusal the UI shows, and is the one place that says how a
 * failure goes to the log: a refusal as its code and sentence only (a database's own words can quote a PoD
 * document or a login), a bug of ours ({@link Unexpected}) with its stack trace, which is what fixing it needs.
 */
public final class Failures {

    private static final Logger log = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    /** Something that is not a refusal reached the UI: a bug, whose stack trace only the log gets. */
    public static final class Unexpected extends DispatchException {

        private Unexpected(String sentence, Throwable cause) {
            super(ErrorCode.UNEXPECTED, sentence, cause);
        }
    }

    public static DispatchException typed(Throwable error) {
        if (error instanceof DispatchException dispatch) {
            return dispatch;
        }
        return unexpected(error, "Something unexpected went wrong (" + error.getClass().getSimpleName()
                + "); see the log.");
    }

    /** A bug of ours, {@code error}, with the sentence the dispatcher reads instead of it. */
    public static Unexpected unexpected(Throwable error, String sentence) {
        return new Unexpected(sentence, error);
    }

    /** Writes one entry for {@code error}; callers make sure each failure reaches here once. */
    public static void log(DispatchException error) {
        if (error instanceof Unexpected) {
            log.error("{}: {}", error.code(), error.sentence(), error.getCause());
        } else {
            log.warn("{}: {}", error.code(), error.sentence());
        }
    }

    /**
     * The one line a dispatcher reads: a refusal's sentence says all they need; a bug also shows its code, so the
     * line can be found in the log.
     */
    public static String shown(DispatchException error) {
        return error instanceof Unexpected ? error.code() + ": " + error.sentence() : error.sentence();
    }
}

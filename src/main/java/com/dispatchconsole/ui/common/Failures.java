package com.dispatchconsole.ui.common;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns whatever a background call threw into the one typed refusal the UI shows; logs the unexpected once. */
public final class Failures {

    private static final Logger log = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    public static DispatchException typed(Throwable error) {
        if (error instanceof DispatchException dispatch) {
            return dispatch;
        }
        log.error("Unexpected failure in a background call", error);
        return new DispatchException(ErrorCode.UNEXPECTED,
                "Something unexpected went wrong (" + error.getClass().getSimpleName() + "); see the log.", error);
    }
}

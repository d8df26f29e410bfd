package com.dispatchconsole.ui.common;

import com.dispatchconsole.testing.UnitTest;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.junit.jupiter.api.Test;

/** A bug nothing caught: one line for the dispatcher, one stack trace in the log, and the thread's owner goes on. */
@UnitTest
class UncaughtErrorsTest {

    @Test
    void anExceptionThrownByARunnableIsOneNoticeAndOneLogEntryWithItsStackTrace() throws Exception {
        Notices notices = new Notices();
        UncaughtErrors handler = new UncaughtErrors(notices, Runnable::run);
        Runnable buggy = () -> {
            throw new IllegalStateException("row 7 has no rider (a bug)");
        };
        try (LogCapture log = new LogCapture()) {
            Thread thread = new Thread(buggy, "a-handler");
            thread.setUncaughtExceptionHandler(handler);
            thread.start();
            thread.join();

            assertThat(notices.all()).extracting(Notice::level, Notice::text).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(Notice.Level.ERROR, "UNEXPECTED: Something went wrong in the "
                            + "console (IllegalStateException); the details are in the log."));
            assertThat(log.entries()).hasSize(1);
            ILoggingEvent entry = log.entries().get(0);
            assertThat(entry.getLevel()).isEqualTo(Level.ERROR);
            assertThat(entry.getThrowableProxy()).as("the stack trace goes to the log").isNotNull();
            assertThat(entry.getThrowableProxy().getMessage()).isEqualTo("row 7 has no rider (a bug)");
            assertThat(entry.getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
        }
        assertThat(notices.all().get(0).text()).as("never the stack trace or the bug's own words on screen")
                .doesNotContain("row 7").doesNotContain("at com.");
    }

    @Test
    void theSameExceptionReachingTheHandlerTwiceIsReportedOnce() {
        Notices notices = new Notices();
        UncaughtErrors handler = new UncaughtErrors(notices, Runnable::run);
        RuntimeException bug = new NullPointerException();
        try (LogCapture log = new LogCapture()) {
            handler.uncaughtException(Thread.currentThread(), bug);
            handler.uncaughtException(Thread.currentThread(), bug);

            assertThat(notices.all()).hasSize(1);
            assertThat(log.entries()).hasSize(1);
        }
    }

    @Test
    void aFailureWhileShowingAFailureIsLoggedNotShownAgainAndAgain() {
        Notices notices = new Notices();
        // A toast that breaks: JavaFX hands a listener's exception to the thread's handler, which is this one.
        notices.all().addListener((javafx.collections.ListChangeListener<Notice>) change -> {
            throw new IllegalStateException("the toast broke");
        });
        UncaughtErrors handler = new UncaughtErrors(notices, Runnable::run);
        Thread.UncaughtExceptionHandler before = Thread.currentThread().getUncaughtExceptionHandler();
        Thread.currentThread().setUncaughtExceptionHandler(handler);
        try (LogCapture log = new LogCapture()) {
            handler.uncaughtException(Thread.currentThread(), new ArithmeticException());

            assertThat(notices.all()).hasSize(1);
            assertThat(log.entries()).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                    "UNEXPECTED: Something went wrong in the console (ArithmeticException); the details are in the log.",
                    "UNEXPECTED: Something went wrong in the console (IllegalStateException); the details are in the log.");
        } finally {
            Thread.currentThread().setUncaughtExceptionHandler(before);
        }
    }
}

package com.dispatchconsole.ui.common;

import com.dispatchconsole.testing.UnitTest;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The background-task helper with the synchronous executor: no window, no database. */
@UnitTest
class BackgroundTasksTest {

    private final BackgroundTasks tasks = new BackgroundTasks(new SynchronousUiExecutor());
    private final List<String> seen = new ArrayList<>();

    @Test
    void theBusyCountReturnsToZeroAfterASuccess() {
        tasks.task(() -> {
                    seen.add("working while running=" + tasks.runningProperty().get());
                    return "rows";
                })
                .onRunning(() -> seen.add("running"))
                .onSuccess(result -> seen.add("got " + result))
                .onFinished(() -> seen.add("finished"))
                .start();

        assertThat(seen).containsExactly("running", "working while running=1", "got rows", "finished");
        assertThat(tasks.runningProperty().get()).isZero();
        assertThat(tasks.busyProperty().get()).isFalse();
    }

    @Test
    void theBusyCountReturnsToZeroAfterAFailureWhichArrivesTyped() {
        tasks.task(() -> {
                    seen.add("busy=" + tasks.busyProperty().get());
                    throw new DispatchException(ErrorCode.DATABASE_UNAVAILABLE, "gone");
                })
                .onSuccess(result -> seen.add("got " + result))
                .onFailure(error -> seen.add(error.code() + ": " + error.sentence()))
                .onFinished(() -> seen.add("finished"))
                .start();
        tasks.task(() -> {
                    throw new IllegalStateException("a bug");
                })
                .onFailure(error -> seen.add(error.code().name()))
                .start();

        assertThat(seen).containsExactly("busy=true", "DATABASE_UNAVAILABLE: gone", "finished", "UNEXPECTED");
        assertThat(tasks.runningProperty().get()).isZero();
        assertThat(tasks.busyProperty().get()).isFalse();
    }

    @Test
    void theAnswerOfAnOlderRequestUnderTheSameKeyIsDropped() {
        // The older request's work is still under way when the newer one is made and answered.
        tasks.task(() -> {
                    tasks.task(() -> "batch B").latestFor("detail").onSuccess(seen::add)
                            .onFinished(() -> seen.add("B finished")).start();
                    return "batch A";
                })
                .latestFor("detail")
                .onSuccess(seen::add)
                .onFinished(() -> seen.add("A finished"))
                .start();

        assertThat(seen).as("only the latest answer is shown").containsExactly("batch B", "B finished", "A finished");
        assertThat(tasks.runningProperty().get()).isZero();
    }

    @Test
    void requestsUnderOtherKeysOrNoneAreAllAnswered() {
        tasks.task(() -> {
                    tasks.task(() -> "queue").latestFor("queue").onSuccess(seen::add).start();
                    tasks.task(() -> "change").onSuccess(seen::add).start();
                    return "detail";
                })
                .latestFor("detail")
                .onSuccess(seen::add)
                .start();

        assertThat(seen).containsExactly("queue", "change", "detail");
    }

    @Test
    void aForgottenRequestIsNotAnswered() {
        tasks.task(() -> {
                    // The dispatcher cleared the selection while the detail was loading.
                    tasks.forget("detail");
                    return "batch A";
                })
                .latestFor("detail")
                .onSuccess(seen::add)
                .onFailure(error -> seen.add("failed"))
                .start();

        assertThat(seen).isEmpty();
        assertThat(tasks.runningProperty().get()).isZero();
    }
}

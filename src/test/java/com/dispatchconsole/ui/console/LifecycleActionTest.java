package com.dispatchconsole.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.UnitTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The console asks for a reason exactly where the service will refuse a move without one. */
@UnitTest
class LifecycleActionTest {

    @Test
    void cancelAndFailAskForAReasonAndNothingElseDoes() {
        assertThat(Stream.of(LifecycleAction.values()).filter(LifecycleAction::needsReason))
                .containsExactly(LifecycleAction.FAIL, LifecycleAction.CANCEL);
    }
}

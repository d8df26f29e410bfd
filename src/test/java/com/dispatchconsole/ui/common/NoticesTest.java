package com.dispatchconsole.ui.common;

import com.dispatchconsole.testing.UnitTest;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one channel every view model reports through: each failure worded, logged and shown once. */
@UnitTest
class NoticesTest {

    @Test
    void aRefusalIsShownAsItsSentenceAndLoggedAsCodeAndSentenceOnce() {
        Notices notices = new Notices();
        DispatchException refusal = new DispatchException(ErrorCode.ALREADY_CHANGED,
                "Batch 3ed134bd changed since your screen showed it; nothing was changed.",
                new RuntimeException("Failing row contains ({\"recipientName\": \"K. Mensah\"})"));
        try (LogCapture log = new LogCapture()) {
            notices.failed(refusal);
            notices.failed(refusal);

            assertThat(notices.all()).containsExactly(new Notice(Notice.Level.ERROR,
                    "Batch 3ed134bd changed since your screen showed it; nothing was changed."));
            assertThat(log.entries()).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                    "ALREADY_CHANGED: Batch 3ed134bd changed since your screen showed it; nothing was changed.");
            assertThat(log.entries().get(0).getThrowableProxy())
                    .as("a database's own words can quote a document; they stay out of the log").isNull();
        }
    }

    @Test
    void anUnreachableDatabaseGoesToTheBannerWhereThereIsOneAndIsANoticeElsewhere() {
        List<DispatchException> banner = new ArrayList<>();
        Notices console = new Notices(banner::add);
        Notices viewer = new Notices();
        DispatchException away = new DispatchException(ErrorCode.DATABASE_UNAVAILABLE,
                "The database at localhost:5432/dispatch cannot be reached; nothing was changed.");

        console.failed(away);
        viewer.failed(away);

        assertThat(banner).containsExactly(away);
        assertThat(console.all()).isEmpty();
        assertThat(viewer.all()).extracting(Notice::text)
                .containsExactly("The database at localhost:5432/dispatch cannot be reached; nothing was changed.");
    }

    @Test
    void aBugIsShownWithItsCodeAndNeverItsOwnWords() {
        Notices notices = new Notices();

        notices.failed(Failures.typed(new NullPointerException("Cannot invoke \"String.length()\" because s is null")));

        assertThat(notices.all()).extracting(Notice::text)
                .containsExactly("UNEXPECTED: Something unexpected went wrong (NullPointerException); see the log.");
    }

    @Test
    void theHistoryKeepsTheLatestNotices() {
        Notices notices = new Notices();
        for (int i = 1; i <= Notices.HISTORY + 5; i++) {
            notices.notify(Notice.Level.INFO, "notice " + i);
        }

        assertThat(notices.all()).hasSize(Notices.HISTORY);
        assertThat(notices.all().get(0).text()).isEqualTo("notice 6");
        assertThat(notices.all().get(Notices.HISTORY - 1).text()).isEqualTo("notice " + (Notices.HISTORY + 5));
    }
}

package com.dispatchconsole.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.testing.UnitTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The console's clock is the server's: the local clock plus the measured offset, moved by ticks only. */
@UnitTest
class ServerClockTest {

    static final Instant LOCAL = Instant.parse("2026-11-28T06:00:00Z");

    @Test
    void theOffsetToTheServerIsMeasuredAtStartAndAgainEveryMinute() {
        AtomicReference<Instant> server = new AtomicReference<>(LOCAL.plus(Duration.ofMinutes(5)));
        SynchronousUiExecutor ui = new SynchronousUiExecutor();
        ServerClock clock = new ServerClock(Clock.fixed(LOCAL, ZoneOffset.UTC), server::get, ui);
        assertThat(clock.syncedProperty().get()).isFalse();
        assertThat(clock.instant()).as("the local clock until measured").isEqualTo(LOCAL);

        clock.start();
        assertThat(clock.syncedProperty().get()).isTrue();
        assertThat(clock.offset()).isEqualTo(Duration.ofMinutes(5));
        assertThat(clock.nowProperty().get()).as("a measurement ticks").isEqualTo(LOCAL.plus(Duration.ofMinutes(5)));

        server.set(LOCAL.minusSeconds(30));
        clock.tick();
        assertThat(clock.nowProperty().get()).as("ticks use the last offset").isEqualTo(LOCAL.plus(Duration.ofMinutes(5)));
        ui.runScheduled();
        assertThat(clock.offset()).isEqualTo(Duration.ofSeconds(-30));
        assertThat(clock.nowProperty().get()).isEqualTo(LOCAL.minusSeconds(30));
    }

    @Test
    void aFailedMeasurementKeepsTheLastOffsetAndTriesAgain() {
        AtomicReference<Instant> server = new AtomicReference<>(LOCAL.plusSeconds(90));
        SynchronousUiExecutor ui = new SynchronousUiExecutor();
        ServerClock clock = new ServerClock(Clock.fixed(LOCAL, ZoneOffset.UTC), () -> {
            Instant at = server.get();
            if (at == null) {
                throw new DispatchException(ErrorCode.DATABASE_UNAVAILABLE, "The database cannot be reached.");
            }
            return at;
        }, ui);
        clock.start();
        server.set(null);
        ui.runScheduled();
        assertThat(clock.offset()).isEqualTo(Duration.ofSeconds(90));
        server.set(LOCAL.plusSeconds(10));
        ui.runScheduled();
        assertThat(clock.offset()).as("measured again a minute later").isEqualTo(Duration.ofSeconds(10));
    }
}

package com.dispatchconsole.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.pod.ReviewSettings;
import com.dispatchconsole.testing.UnitTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durations as an admin types them ({@code settings late-after 45m}) and as the flags word them. */
@UnitTest
class ShortDurationTest {

    @Test
    void minutesHoursSecondsAndTheirCombinations() {
        assertThat(ShortDuration.parse("45m")).isEqualTo(Duration.ofMinutes(45));
        assertThat(ShortDuration.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(ShortDuration.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ShortDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(ShortDuration.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(ShortDuration.parse(" 1H5M10S ")).isEqualTo(Duration.ofSeconds(3910));
    }

    @Test
    void anythingElseIsInvalidArgumentSayingHowToWriteIt() {
        for (String bad : new String[] {"", " ", "45", "m", "45 min", "1m1h", "-5m", "1.5h", "45mm", "1h 30m",
            "9999999999m", null}) {
            assertThatThrownBy(() -> ShortDuration.parse(bad)).as("%s", bad)
                    .isInstanceOfSatisfying(DispatchException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                    .hasMessageStartingWith("A duration is written like 45m, 2h, 90s or 1h30m (got \"");
        }
    }

    @Test
    void wordsUseTheLargestUnitThatSaysItExactly() {
        assertThat(ShortDuration.words(Duration.ofMinutes(45))).isEqualTo("45 min");
        assertThat(ShortDuration.words(Duration.ofMinutes(90))).isEqualTo("90 min");
        assertThat(ShortDuration.words(Duration.ofMinutes(60))).isEqualTo("60 min");
        assertThat(ShortDuration.words(Duration.ofHours(2))).isEqualTo("2 h");
        assertThat(ShortDuration.words(Duration.ofSeconds(90))).isEqualTo("1 min 30 s");
        assertThat(ShortDuration.words(Duration.ofSeconds(30))).isEqualTo("30 s");
        assertThat(ShortDuration.words(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(ShortDuration.words(Duration.ofDays(7))).isEqualTo("7 days");
    }

    @Test
    void aLateAfterThresholdIsMoreThanZeroAndAtMostSevenDays() {
        assertThat(ReviewSettings.requireLateAfter(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThat(ReviewSettings.requireLateAfter(Duration.ofDays(7))).isEqualTo(Duration.ofDays(7));
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMinutes(-5), Duration.ofDays(7).plusSeconds(1), null}) {
            assertThatThrownBy(() -> ReviewSettings.requireLateAfter(bad)).as("%s", bad)
                    .isInstanceOfSatisfying(DispatchException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
        assertThatThrownBy(() -> ReviewSettings.requireLateAfter(Duration.ZERO))
                .hasMessage("A PoD is late after more than 0 and at most 7 days (got 0 min); nothing was changed.");
    }
}

package com.dispatchconsole.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.UnitTest;
import org.junit.jupiter.api.Test;

/** A change made from a screen names the version it saw; automation that acts on whatever is current names none. */
@UnitTest
class ExpectedTest {

    @Test
    void theVersionOnScreenMatchesOnlyThatVersion() {
        Expected seen = Expected.version(3);

        assertThat(seen.matches(3)).isTrue();
        assertThat(seen.matches(4)).as("someone changed the row since").isFalse();
        assertThat(seen.matches(2)).isFalse();
    }

    @Test
    void noExpectationMatchesAnyVersion() {
        assertThat(Expected.ANY.matches(0)).isTrue();
        assertThat(Expected.ANY.matches(Long.MAX_VALUE)).isTrue();
        assertThat(Expected.ANY.version()).isNull();
    }
}

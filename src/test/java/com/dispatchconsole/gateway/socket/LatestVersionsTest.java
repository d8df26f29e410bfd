package com.dispatchconsole.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.UnitTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A row read for a connecting client is sent only if no newer version of it went out meanwhile. */
@UnitTest
class LatestVersionsTest {

    @Test
    void aRowOlderThanTheLastAnnouncedVersionIsNotCurrent() {
        LatestVersions versions = new LatestVersions(10);
        UUID batch = UUID.randomUUID();

        assertThat(versions.current(batch, 3)).as("nothing announced").isTrue();
        versions.announced(batch, 5);
        versions.announced(batch, 4);

        assertThat(versions.current(batch, 4)).isFalse();
        assertThat(versions.current(batch, 5)).isTrue();
        assertThat(versions.current(batch, 6)).isTrue();
    }

    @Test
    void onlyTheMostRecentlyAnnouncedBatchesAreKept() {
        LatestVersions versions = new LatestVersions(2);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        versions.announced(first, 9);
        versions.announced(second, 9);
        versions.announced(third, 9);

        assertThat(versions.current(first, 1)).as("forgotten").isTrue();
        assertThat(versions.current(second, 1)).isFalse();
        assertThat(versions.current(third, 1)).isFalse();
    }
}

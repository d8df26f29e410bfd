package com.dispatchconsole.ui.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.pod.PodFlags;
import com.dispatchconsole.testing.UnitTest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The review queue's flag filter reads in words and offers every flag, "Far away" included. */
@UnitTest
class FlagFilterWordsTest {

    @Test
    void everyFlagCanBeFilteredByItsOwnWords() {
        assertThat(Arrays.stream(ReviewQueueViewModel.FlagFilter.values()).map(ReviewQueueViewModel.FlagFilter::label))
                .containsExactly("Any", "Any flag", "Far away", "No photo", "Late", "Unreadable")
                .noneMatch(label -> label.matches(".*[A-Z]{2,}.*|.*_.*"));
        assertThat(Arrays.stream(PodFlags.Flag.values()).map(PodFlags.Flag::shortLabel))
                .as("each flag has a filter").allMatch(label -> Arrays.stream(ReviewQueueViewModel.FlagFilter.values())
                        .anyMatch(f -> f.label().equals(label)));
    }
}

package com.dispatchconsole.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.UnitTest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refused move on the state map reads in words, and its advice is right: following the next step it names is a
 * legal move that leads on to the wanted status; "it can only go to …" names exactly the map's moves; "final" only
 * for a final status.
 */
@UnitTest
class PlainRefusalsTest {

    private static final UUID BATCH = UUID.fromString("1a2b3c4d-0000-0000-0000-000000000000");
    private static final Pattern SENTENCE = Pattern.compile(
            "Batch 1a2b3c4d can't go from (.+) to (.+); (.+)\\.");
    /** A status as code would print it: CREATED, OUT_FOR_DELIVERY. */
    private static final Pattern RAW = Pattern.compile("\\b[A-Z]{2,}(_[A-Z]+)*\\b");

    static Stream<Arguments> refusedMoves() {
        return Stream.of(BatchStatus.values()).flatMap(from -> Stream.of(BatchStatus.values())
                .filter(to -> !BatchTransitions.isAllowed(from, to)).map(to -> Arguments.of(from, to)));
    }

    @Test
    void theExampleReadsAsTheDispatcherAskedForIt() {
        assertThat(BatchTransitions.refusal(BATCH, BatchStatus.CREATED, BatchStatus.PICKED))
                .isEqualTo("Batch 1a2b3c4d can't go from Created to Picked up; assign it first.");
        assertThat(BatchTransitions.refusal(BATCH, BatchStatus.ASSIGNED, BatchStatus.COMPLETED))
                .isEqualTo("Batch 1a2b3c4d can't go from Assigned to Completed; mark it picked up first.");
        assertThat(BatchTransitions.refusal(BATCH, BatchStatus.PICKED, BatchStatus.CREATED))
                .isEqualTo("Batch 1a2b3c4d can't go from Picked up to Created; from Picked up it can only go to "
                        + "Out for delivery or Failed.");
        assertThat(BatchTransitions.refusal(BATCH, BatchStatus.COMPLETED, BatchStatus.CREATED))
                .isEqualTo("Batch 1a2b3c4d can't go from Completed to Created; it is completed, which is final.");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("refusedMoves")
    void everyRefusalIsInWordsWithAdviceThatHolds(BatchStatus from, BatchStatus to) {
        String sentence = BatchTransitions.refusal(BATCH, from, to);

        assertThat(RAW.matcher(sentence).results().map(m -> m.group())).as(sentence).isEmpty();
        Matcher m = SENTENCE.matcher(sentence);
        assertThat(m.matches()).as(sentence).isTrue();
        assertThat(m.group(1)).isEqualTo(from.label());
        assertThat(m.group(2)).isEqualTo(to.label());
        String advice = m.group(3);
        if (from == to) {
            assertThat(advice).isEqualTo("it is " + from.label().toLowerCase() + " already");
        } else if (advice.endsWith(" first")) {
            String step = advice.substring(0, advice.length() - " first".length());
            Optional<BatchStatus> next = Arrays.stream(BatchStatus.values()).filter(s -> s.step().equals(step)).findFirst();
            assertThat(next).as("'%s' is the step into some status", step).isPresent();
            assertThat(BatchTransitions.isAllowed(from, next.get())).as("%s is a legal move now", step).isTrue();
            assertThat(BatchTransitions.shortestPath(next.get(), to)).as("and leads on to %s", to).isNotEmpty();
        } else if (advice.endsWith(", which is final")) {
            assertThat(from.isTerminal()).isTrue();
            assertThat(advice).isEqualTo("it is " + from.label().toLowerCase() + ", which is final");
        } else {
            assertThat(BatchTransitions.shortestPath(from, to)).as("no way there: %s", sentence).isEmpty();
            String prefix = "from " + from.label() + " it can only go to ";
            assertThat(advice).startsWith(prefix);
            Set<String> named = Set.of(advice.substring(prefix.length()).split(" or "));
            assertThat(named).isEqualTo(BatchTransitions.allowedFrom(from).stream().map(BatchStatus::label)
                    .collect(Collectors.toSet()));
        }
    }

    @Test
    void theRefusalIsTheSentenceOfTheTypedError() {
        try {
            BatchTransitions.require(BATCH, BatchStatus.CREATED, BatchStatus.COMPLETED);
            throw new AssertionError("not refused");
        } catch (DispatchException refused) {
            assertThat(refused.code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION);
            assertThat(refused.sentence()).isEqualTo("Batch 1a2b3c4d can't go from Created to Completed; assign it first.");
        }
    }

    @Test
    void everyStatusHasWordsOfItsOwnAndFinishedIsTheMapsFinalStatuses() {
        assertThat(Arrays.stream(BatchStatus.values()).map(BatchStatus::label).distinct()).hasSize(BatchStatus.values().length);
        assertThat(Arrays.stream(BatchStatus.values()).map(BatchStatus::step).distinct()).hasSize(BatchStatus.values().length);
        assertThat(BatchStatus.finished()).isEqualTo(EnumSet.of(BatchStatus.COMPLETED, BatchStatus.FAILED,
                BatchStatus.CANCELLED));
    }
}

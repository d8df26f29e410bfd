package com.dispatchconsole.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.testing.UnitTest;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every one of the 49 status pairs, against the map as the product brief writes it. */
@UnitTest
class BatchTransitionsTest {

    private static final Set<String> LEGAL = Set.of(
            "CREATED>ASSIGNED", "CREATED>CANCELLED",
            "ASSIGNED>PICKED", "ASSIGNED>CREATED", "ASSIGNED>CANCELLED",
            "PICKED>OUT_FOR_DELIVERY", "PICKED>FAILED",
            "OUT_FOR_DELIVERY>COMPLETED", "OUT_FOR_DELIVERY>FAILED");

    static Stream<Arguments> everyPair() {
        return Stream.of(BatchStatus.values())
                .flatMap(from -> Stream.of(BatchStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void onlyTheMapsMovesAreAllowed(BatchStatus from, BatchStatus to) {
        boolean expected = LEGAL.contains(from + ">" + to);

        assertThat(BatchTransitions.isAllowed(from, to)).isEqualTo(expected);
        assertThat(BatchTransitions.allowedFrom(from).contains(to)).isEqualTo(expected);
        if (expected) {
            BatchTransitions.require("b", from, to);
        } else {
            assertThatThrownBy(() -> BatchTransitions.require("b", from, to))
                    .isInstanceOfSatisfying(DispatchException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION))
                    .hasMessageContaining(from + " to " + to);
        }
    }

    @ParameterizedTest
    @MethodSource("everyPair")
    void terminalStatusesGoNowhere(BatchStatus from, BatchStatus to) {
        if (from.isTerminal()) {
            assertThat(BatchTransitions.isAllowed(from, to)).isFalse();
        }
    }
}

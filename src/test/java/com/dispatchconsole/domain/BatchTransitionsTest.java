package com.dispatchconsole.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.testing.UnitTest;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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
                    .hasMessageContaining(from.label() + " to " + to.label());
        }
    }

    @ParameterizedTest
    @MethodSource("everyPair")
    void terminalStatusesGoNowhere(BatchStatus from, BatchStatus to) {
        if (from.isTerminal()) {
            assertThat(BatchTransitions.isAllowed(from, to)).isFalse();
        }
    }

    @Test
    void theFinalStatusesAreTheOnesTheMapLeadsNowhereFrom() {
        assertThat(Stream.of(BatchStatus.values()).filter(BatchStatus::isTerminal))
                .containsExactly(BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.CANCELLED);
    }

    @Test
    void cancelAndFailNeedAReasonAndNoOtherMoveDoes() {
        assertThat(Stream.of(BatchStatus.values()).filter(BatchTransitions::needsReason))
                .containsExactly(BatchStatus.FAILED, BatchStatus.CANCELLED);
        assertThat(BatchTransitions.needsReason(null)).isFalse();
    }

    @Test
    void aBatchIsOpenBeforePickUpAndOnlyOpenBatchesGoToRiders() {
        assertThat(BatchStatus.OPEN).containsExactly(BatchStatus.CREATED, BatchStatus.ASSIGNED);
        for (BatchStatus status : BatchStatus.values()) {
            assertThat(HandOver.way(status) != null).as("%s goes to a rider", status).isEqualTo(status.isOpen());
        }
    }

    @Test
    void outcomesAreRecordedOnlyOutForDelivery() {
        assertThat(Stream.of(BatchStatus.values()).filter(BatchStatus::takesOutcomes))
                .containsExactly(BatchStatus.OUT_FOR_DELIVERY);
    }

    @Test
    void theShortestPathTakesTheFewestLegalMoves() {
        assertThat(BatchTransitions.shortestPath(BatchStatus.CREATED, BatchStatus.COMPLETED)).containsExactly(
                BatchStatus.CREATED, BatchStatus.ASSIGNED, BatchStatus.PICKED, BatchStatus.OUT_FOR_DELIVERY,
                BatchStatus.COMPLETED);
        assertThat(BatchTransitions.shortestPath(BatchStatus.CREATED, BatchStatus.FAILED))
                .containsExactly(BatchStatus.CREATED, BatchStatus.ASSIGNED, BatchStatus.PICKED, BatchStatus.FAILED);
        assertThat(BatchTransitions.shortestPath(BatchStatus.CREATED, BatchStatus.CANCELLED))
                .containsExactly(BatchStatus.CREATED, BatchStatus.CANCELLED);
        assertThat(BatchTransitions.shortestPath(BatchStatus.CREATED, BatchStatus.CREATED))
                .containsExactly(BatchStatus.CREATED);
        assertThat(BatchTransitions.shortestPath(BatchStatus.COMPLETED, BatchStatus.CREATED)).as("no way back").isEmpty();
        for (BatchStatus to : BatchStatus.values()) {
            List<BatchStatus> path = BatchTransitions.shortestPath(BatchStatus.CREATED, to);
            assertThat(path).as("every status is reachable from CREATED").isNotEmpty();
            for (int i = 1; i < path.size(); i++) {
                assertThat(BatchTransitions.isAllowed(path.get(i - 1), path.get(i))).isTrue();
            }
        }
    }
}

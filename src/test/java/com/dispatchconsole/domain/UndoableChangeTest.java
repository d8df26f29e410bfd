package com.dispatchconsole.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.testing.UnitTest;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which changes Undo may take back, for every move on the state map: assign, unassign and reassign only; every
 * other move has no reverse on the map and is never undone.
 */
@UnitTest
class UndoableChangeTest {

    private static final UUID ANA = UUID.randomUUID();
    private static final UUID BEN = UUID.randomUUID();

    /** The expected way back of every legal move, by "FROM>TO"; missing: none. */
    private static final Map<String, UndoableChange.Reverse> UNDOABLE = Map.of(
            "CREATED>ASSIGNED", UndoableChange.Reverse.MOVE_BACK,
            "ASSIGNED>CREATED", UndoableChange.Reverse.ASSIGN_BACK);

    static Stream<Arguments> everyLegalMove() {
        return Stream.of(BatchStatus.values()).flatMap(from -> BatchTransitions.allowedFrom(from).stream()
                .map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyLegalMove")
    void onlyAssignAndUnassignHaveAWayBack(BatchStatus from, BatchStatus to) {
        UUID riderBefore = from.isActive() || from.isTerminal() && from != BatchStatus.CANCELLED ? ANA : null;
        UUID riderAfter = to == BatchStatus.ASSIGNED ? ANA : to == BatchStatus.CREATED || to == BatchStatus.CANCELLED
                ? null : riderBefore;
        Optional<UndoableChange.Reverse> reverse = UndoableChange.reverse(from, riderBefore, to, riderAfter);

        assertThat(reverse).isEqualTo(Optional.ofNullable(UNDOABLE.get(from + ">" + to)));
    }

    @Test
    void aReassignGoesBackToTheFirstRider() {
        assertThat(UndoableChange.reverse(BatchStatus.ASSIGNED, ANA, BatchStatus.ASSIGNED, BEN))
                .contains(UndoableChange.Reverse.REASSIGN_BACK);
        assertThat(UndoableChange.reverse(BatchStatus.ASSIGNED, ANA, BatchStatus.ASSIGNED, ANA)).isEmpty();
        assertThat(UndoableChange.reverse(BatchStatus.PICKED, ANA, BatchStatus.PICKED, ANA)).isEmpty();
    }

    @Test
    void anUnassignWithoutTheRiderItLeftCannotGoBack() {
        assertThat(UndoableChange.reverse(BatchStatus.ASSIGNED, null, BatchStatus.CREATED, null)).isEmpty();
    }

    @Test
    void aMoveWithoutAWayBackIsRefusedInTheStateMapsWords() {
        UndoableChange picked = new UndoableChange(UUID.fromString("1a2b3c4d-0000-0000-0000-000000000000"),
                BatchStatus.ASSIGNED, ANA, BatchStatus.PICKED, ANA, 3, null);

        assertThatThrownBy(picked::requireReverse).isInstanceOfSatisfying(DispatchException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION))
                .hasMessage("Batch 1a2b3c4d can't go from Picked up to Assigned; from Picked up it can only go to "
                        + "Out for delivery or Failed.");
        assertThat(picked.action()).isEqualTo("Assigned → Picked up");
    }

    @Test
    void theActionsReadAsTheDispatcherDidThem() {
        assertThat(new UndoableChange(ANA, BatchStatus.CREATED, null, BatchStatus.ASSIGNED, BEN, 1, null).action())
                .isEqualTo("assign");
        assertThat(new UndoableChange(ANA, BatchStatus.ASSIGNED, BEN, BatchStatus.CREATED, null, 1, null).action())
                .isEqualTo("unassign");
        assertThat(new UndoableChange(ANA, BatchStatus.ASSIGNED, BEN, BatchStatus.ASSIGNED, ANA, 1, null).action())
                .isEqualTo("reassign");
    }
}

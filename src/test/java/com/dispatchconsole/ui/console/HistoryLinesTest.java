package com.dispatchconsole.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.HistoryEntry;
import com.dispatchconsole.domain.rows.HistoryEntry.Kind;
import com.dispatchconsole.testing.UnitTest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The detail pane's history: one line per move, a reassign through Created included; other rows as they are. */
@UnitTest
class HistoryLinesTest {

    private static final Instant T1 = Instant.parse("2026-11-28T09:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-28T09:05:00Z");
    private static final Instant T3 = Instant.parse("2026-11-28T09:07:00Z");

    private static HistoryEntry status(Instant at, BatchStatus from, BatchStatus to, String reason) {
        return new HistoryEntry(Kind.STATUS, at, "olga", reason, from, to, null, null, "demo_dispatcher", null);
    }

    private static HistoryEntry rider(Instant at, String from, String to, String reason) {
        return new HistoryEntry(Kind.ASSIGNMENT, at, "olga", reason, null, null, from, to, "demo_dispatcher", null);
    }

    @Test
    void aReassignThroughCreatedIsOneLineWithItsReason() {
        List<HistoryEntry> rows = List.of(status(T1, null, BatchStatus.CREATED, null),
                status(T2, BatchStatus.CREATED, BatchStatus.ASSIGNED, null), rider(T2, null, "Ana", null),
                status(T3, BatchStatus.ASSIGNED, BatchStatus.CREATED, "flat tyre"), rider(T3, "Ana", null, "flat tyre"),
                status(T3, BatchStatus.CREATED, BatchStatus.ASSIGNED, "flat tyre"), rider(T3, null, "Ben", "flat tyre"));

        List<HistoryEntry> lines = HistoryLines.of(rows);

        assertThat(lines).extracting(HistoryEntry::describe)
                .containsExactly("Created", "Assigned to Ana", "Reassigned from Ana to Ben");
        assertThat(lines.get(2).reason()).isEqualTo("flat tyre");
        assertThat(lines.get(2).actor()).isEqualTo("olga");
        assertThat(lines.get(2).at()).isEqualTo(T3);
    }

    @Test
    void aReassignTheDatabaseWroteAsOneRiderChangeStaysOneLine() {
        assertThat(HistoryLines.of(List.of(rider(T3, "Ana", "Ben", "flat tyre")))).extracting(HistoryEntry::describe)
                .containsExactly("Reassigned from Ana to Ben");
    }

    @Test
    void anUnassignThenAnAssignLaterAreTwoMoves() {
        List<HistoryEntry> rows = List.of(status(T2, BatchStatus.ASSIGNED, BatchStatus.CREATED, "wrong rider"),
                rider(T2, "Ana", null, "wrong rider"),
                status(T3, BatchStatus.CREATED, BatchStatus.ASSIGNED, null), rider(T3, null, "Ben", null));

        assertThat(HistoryLines.of(rows)).extracting(HistoryEntry::describe)
                .containsExactly("Unassigned from Ana", "Assigned to Ben");
    }

    @Test
    void otherMovesAndOtherOperatorsAtTheSameMomentAreNotFolded() {
        List<HistoryEntry> rows = List.of(status(T2, BatchStatus.ASSIGNED, BatchStatus.PICKED, null),
                status(T3, BatchStatus.PICKED, BatchStatus.OUT_FOR_DELIVERY, null),
                new HistoryEntry(Kind.ASSIGNMENT, T3, "someone else", null, null, null, null, "Ben", "x", null));

        assertThat(HistoryLines.of(rows)).extracting(HistoryEntry::describe)
                .containsExactly("Assigned → Picked up", "Picked up → Out for delivery", "Assigned to Ben");
    }
}

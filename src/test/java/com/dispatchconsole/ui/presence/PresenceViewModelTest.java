package com.dispatchconsole.ui.presence;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.realtime.Presence;
import com.dispatchconsole.realtime.PresenceHub;
import com.dispatchconsole.realtime.PresenceKind;
import com.dispatchconsole.realtime.PresenceMessage;
import com.dispatchconsole.realtime.PresenceSettings;
import com.dispatchconsole.testing.UnitTest;
import com.dispatchconsole.ui.common.SynchronousUiExecutor;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the console shows of its colleagues and says of itself, driven through a hub as the feed drives it. */
@UnitTest
class PresenceViewModelTest {

    private static final long SECOND = 1_000_000_000L;
    private final UUID batch = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();
    private final PresenceHub hub = new PresenceHub("olga", PresenceSettings.DEFAULT);
    private final PresenceViewModel model = new PresenceViewModel(new SynchronousUiExecutor());
    private long now = SECOND;

    private void hear(int pid, String name, PresenceKind kind, UUID... batches) {
        hub.received(new PresenceMessage(UUID.nameUUIDFromBytes(name.getBytes()), name, kind, List.of(batches)).toJson(),
                pid, now);
        now += SECOND;
        hub.outgoing(now);
    }

    private PresenceMessage said() {
        now += SECOND;
        String payload = hub.outgoing(now);
        return payload == null ? null : PresenceMessage.parse(payload).orElseThrow();
    }

    @Test
    void rowsAndTheDetailPaneReadWhoIsOnTheBatch() {
        model.connect(hub);
        hear(1, "ben", PresenceKind.DRAGGING, batch);
        hear(2, "sam", PresenceKind.VIEWING, batch);
        hear(3, "ida", PresenceKind.VIEWING, batch);
        assertThat(model.label(batch)).isEqualTo("ben is dragging · ida and sam are viewing");
        assertThat(model.label(other)).isEmpty();
        assertThat(model.dragWarning(List.of(batch))).isEqualTo("ben is dragging this batch too");
        assertThat(model.dragWarning(List.of(other, batch))).isEqualTo("ben is dragging one of these batches too");
        assertThat(model.dragWarning(List.of(other))).isNull();
        hear(1, "ben", PresenceKind.NONE);
        assertThat(model.dragWarning(List.of(batch))).isNull();
        assertThat(model.label(batch)).isEqualTo("ida and sam are viewing");
    }

    @Test
    void theConsoleSaysWhatItsDetailPaneShowsAndWhatItDrags() {
        model.connect(hub);
        assertThat(said()).isNull();
        model.viewing(batch);
        assertThat(said()).extracting(PresenceMessage::kind, PresenceMessage::batches)
                .containsExactly(PresenceKind.VIEWING, List.of(batch));
        model.dragging(List.of(batch, other));
        assertThat(said()).extracting(PresenceMessage::kind, PresenceMessage::batches)
                .containsExactly(PresenceKind.DRAGGING, List.of(batch, other));
        model.dragEnded();
        assertThat(said()).extracting(PresenceMessage::kind, PresenceMessage::batches)
                .containsExactly(PresenceKind.VIEWING, List.of(batch));
        model.viewing(null);
        assertThat(said().kind()).isEqualTo(PresenceKind.NONE);
    }

    @Test
    void wordsForManyColleagues() {
        assertThat(PresenceText.of(List.of())).isEmpty();
        assertThat(PresenceText.of(List.of(new Presence("a", PresenceKind.VIEWING), new Presence("b", PresenceKind.VIEWING),
                new Presence("c", PresenceKind.VIEWING), new Presence("d", PresenceKind.VIEWING),
                new Presence("e", PresenceKind.VIEWING)))).isEqualTo("a, b, c and 2 others are viewing");
        assertThat(PresenceText.of(List.of(new Presence("a", PresenceKind.VIEWING), new Presence("b", PresenceKind.VIEWING),
                new Presence("c", PresenceKind.VIEWING)))).isEqualTo("a, b and c are viewing");
    }
}

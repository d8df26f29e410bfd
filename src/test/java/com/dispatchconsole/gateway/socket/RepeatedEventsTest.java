package com.dispatchconsole.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.realtime.ChangeEvent;
import com.dispatchconsole.realtime.ChangeEvent.Entity;
import com.dispatchconsole.testing.UnitTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A new batch is announced twice by its transaction (inserted, then filled); clients hear it once. */
@UnitTest
class RepeatedEventsTest {

    private static final UUID OUTLET = UUID.randomUUID();

    private static ChangeEvent batch(UUID id, String status, UUID rider, long version) {
        return new ChangeEvent(Entity.BATCH, id, 'U', OUTLET, rider, null, null, status, version, null, null, null,
                null, null, 0);
    }

    @Test
    void aBatchInsertedThenFilledIsSentOnceAsItsLastVersion() {
        UUID id = UUID.randomUUID();
        List<ChangeEvent> kept = SocketRooms.withoutRepeats(List.of(batch(id, "CREATED", null, 0),
                batch(id, "CREATED", null, 1)));
        assertThat(kept).extracting(ChangeEvent::version).containsExactly(1L);
    }

    @Test
    void everyVisibleChangeIsKeptInOrder() {
        UUID id = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID ravi = UUID.randomUUID();
        UUID mia = UUID.randomUUID();
        List<ChangeEvent> events = List.of(batch(id, "ASSIGNED", ravi, 1), batch(id, "ASSIGNED", mia, 2),
                batch(other, "CREATED", null, 0), batch(id, "PICKED", mia, 3), batch(id, "ASSIGNED", mia, 4));
        assertThat(SocketRooms.withoutRepeats(events)).isEqualTo(events);
    }
}

package com.dispatchconsole.gateway.socket;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.testing.UnitTest;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Room names as clients send them, and the room each kind of token is put in. */
@UnitTest
class RoomTest {

    private static final UUID ID = UUID.fromString("1a2b3c4d-0000-4000-8000-00000000000a");

    @Test
    void eachTokenButASystemsHasItsOneRoom() {
        assertThat(Room.of(ApiTokenScope.rider(ID)).map(Room::name)).contains("rider:" + ID);
        assertThat(Room.of(ApiTokenScope.outlet(ID)).map(Room::name)).contains("outlet:" + ID);
        assertThat(Room.of(ApiTokenScope.tracking(ID)).map(Room::name)).contains("batch:" + ID);
        assertThat(Room.of(ApiTokenScope.system("billing"))).isEmpty();
    }

    @Test
    void aRoomNameParsesToTheSameRoomWhateverTheCaseOfItsId() {
        assertThat(Room.parse("rider:" + ID)).contains(new Room(Room.Kind.RIDER, ID));
        assertThat(Room.parse("batch:" + ID.toString().toUpperCase()).map(Room::name)).contains("batch:" + ID);
        assertThat(Room.parse("outlet:" + ID)).contains(new Room(Room.Kind.OUTLET, ID));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "rider", "rider:", "rider:42", "pizza:1a2b3c4d-0000-4000-8000-00000000000a",
            "Rider:1a2b3c4d-0000-4000-8000-00000000000a", "rider:1a2b3c4d-0000-4000-8000-00000000000a ",
            "rider:1a2b3c4d-0000-4000-8000-0000000000zz", "rider:rider:1a2b3c4d-0000-4000-8000-00000000000a"})
    void anythingElseIsNoRoom(String name) {
        assertThat(Room.parse(name)).isEqualTo(Optional.empty());
    }

    @Test
    void somethingThatIsNotTextIsNoRoom() {
        assertThat(Room.parse(42)).isEmpty();
        assertThat(Room.parse(java.util.Map.of("room", "rider:" + ID))).isEmpty();
    }
}

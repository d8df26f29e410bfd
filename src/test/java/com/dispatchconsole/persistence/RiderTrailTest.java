package com.dispatchconsole.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.rows.RiderPosition;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.service.QueryService;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.FreshDatabase;
import com.dispatchconsole.testing.Logins;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * V23's trail: every stored fix is kept, newest 50 per rider, read back oldest first for the map; a late fix that
 * the last position refuses is not in the trail either; nobody but the database's own trigger writes it.
 */
@DatabaseTest
class RiderTrailTest {

    @RegisterExtension
    static final FreshDatabase fresh = new FreshDatabase();

    @Test
    void theTrailKeepsTheNewestFiftyFixesAndReadsThemOldestFirst() {
        RiderRow ana = fresh.given().rider("Ana Trail", 10, "20", 1);
        Instant start = Instant.parse("2026-11-28T08:00:00Z");
        for (int i = 0; i < 60; i++) {
            fresh.services().fleet().reportPosition(ana.id(), 51.5 + i * 0.0001, -0.12, 5f, start.plusSeconds(i));
        }
        // An older fix than the last one changes neither the position nor the trail.
        fresh.services().fleet().reportPosition(ana.id(), 10, 10, 5f, start.minusSeconds(60));

        assertThat(fresh.sql().count("SELECT count(*) FROM rider_trail WHERE rider_id = ?", ana.id())).isEqualTo(50);
        List<RiderPosition> trail = fresh.services().queries().trail(ana.id(), QueryService.MAX_TRAIL);
        assertThat(trail).hasSize(50);
        assertThat(trail.get(0).fixAt()).isEqualTo(start.plusSeconds(10));
        assertThat(trail.get(49).fixAt()).isEqualTo(start.plusSeconds(59));
        assertThat(trail.get(49).lat()).isEqualTo(51.5 + 59 * 0.0001);
        assertThat(fresh.services().queries().trail(ana.id(), 3)).extracting(RiderPosition::fixAt)
                .containsExactly(start.plusSeconds(57), start.plusSeconds(58), start.plusSeconds(59));
        assertThat(fresh.services().queries().trail(UUID.randomUUID(), 5)).isEmpty();
        assertThatThrownBy(() -> fresh.services().queries().trail(ana.id(), 51)).isInstanceOf(DispatchException.class)
                .hasMessageContaining("1 to 50");
    }

    @Test
    void noLoginWritesTheTrailButTheTrigger() {
        RiderRow ben = fresh.given().rider("Ben Trail", 10, "20", 1);
        fresh.services().fleet().reportPosition(ben.id(), 51.5, -0.12, 5f, Instant.now());
        String dispatcher = Logins.create(fresh.db().config(), "dispatch_dispatcher").user();
        String riderSystem = Logins.create(fresh.db().config(), "dispatch_rider_system").user();
        for (String login : List.of(dispatcher, riderSystem)) {
            assertThatThrownBy(() -> Logins.run(fresh.db().config(), login, "INSERT INTO rider_trail (rider_id, lat, lon, fix_at) "
                    + "VALUES ('" + ben.id() + "', 1, 1, now())")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> Logins.run(fresh.db().config(), login, "DELETE FROM rider_trail"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
        // The rider system reports a position the usual way: the trigger writes the trail for it.
        long before = fresh.sql().count("SELECT count(*) FROM rider_trail WHERE rider_id = ?", ben.id());
        try {
            Logins.run(fresh.db().config(), riderSystem, "UPDATE rider_locations SET lat = 51.6, fix_at = now() WHERE rider_id = '"
                    + ben.id() + "'");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        assertThat(fresh.sql().count("SELECT count(*) FROM rider_trail WHERE rider_id = ?", ben.id())).isEqualTo(before + 1);
    }

    @Test
    void aFixStoredAgainDoesNotPushTheRealTrailOut() {
        RiderRow cai = fresh.given().rider("Cai Trail", 10, "20", 1);
        Instant start = Instant.now().minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (int i = 0; i < 5; i++) {
            fresh.services().fleet().reportPosition(cai.id(), 51.5 + i * 0.001, -0.12, 5f, start.plusSeconds(i));
        }
        // A device retrying its last report, 60 times over (the position accepts an equal fix time).
        for (int i = 0; i < 60; i++) {
            fresh.services().fleet().reportPosition(cai.id(), 51.5 + 4 * 0.001, -0.12, 5f, start.plusSeconds(4));
        }
        assertThat(fresh.services().queries().trail(cai.id(), QueryService.MAX_TRAIL)).extracting(RiderPosition::fixAt)
                .as("the five real fixes, each once").containsExactly(start, start.plusSeconds(1), start.plusSeconds(2),
                        start.plusSeconds(3), start.plusSeconds(4));
    }

    @Test
    void aFixTimeFarAheadOfTheServerIsRefusedForEveryWriter() throws SQLException {
        RiderRow dee = fresh.given().rider("Dee Trail", 10, "20", 1);
        Instant now = Instant.now();
        fresh.services().fleet().reportPosition(dee.id(), 51.5, -0.12, 5f, now);
        assertThatThrownBy(() -> fresh.services().fleet().reportPosition(dee.id(), 51.6, -0.12, 5f, now.plusSeconds(30 * 86400)))
                .isInstanceOf(DispatchException.class).hasMessageContaining("ahead of the server");
        String riderSystem = Logins.create(fresh.db().config(), "dispatch_rider_system").user();
        for (String fixAt : List.of("now() + interval '30 days'", "now() + interval '61 minutes'", "'infinity'")) {
            assertThatThrownBy(() -> Logins.run(fresh.db().config(), riderSystem, "UPDATE rider_locations SET lat = 51.7, fix_at = "
                    + fixAt + " WHERE rider_id = '" + dee.id() + "'")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("INVALID_ARGUMENT");
        }
        assertThat(fresh.sql().value("SELECT lat FROM rider_locations WHERE rider_id = ?", dee.id())).isEqualTo(51.5);
        // A real report afterwards is still taken (the rider is not stuck behind a fix from the future).
        fresh.services().fleet().reportPosition(dee.id(), 51.8, -0.12, 5f, Instant.now());
        assertThat(fresh.sql().value("SELECT lat FROM rider_locations WHERE rider_id = ?", dee.id())).isEqualTo(51.8);
    }
}

package com.dispatchconsole.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.gateway.GatewayHarness;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Logins;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A dispatcher's console shows what outlet systems and rider apps do through the gateway, as it happens. */
@DatabaseTest
class ApiChangesLiveTest {

    @Test
    void aBatchCreatedAssignedAndPickedUpThroughTheApiMovesInAnOpenConsole() {
        try (GatewayHarness gw = new GatewayHarness(0, 1)) {
            RiderRow rider = gw.given.rider("Ravi", 10, "50", 2);
            String outlet = gw.token(ApiTokenScope.outlet(gw.given.outletId()));
            String riderToken = gw.token(ApiTokenScope.rider(rider.id()));
            DatabaseConfig dispatcher = Logins.create(gw.owner, "dispatch_dispatcher");
            try (Database db = Database.open(dispatcher);
                 LiveConsole console = new LiveConsole(db, FeedSettings.of(dispatcher.url(), dispatcher.user(),
                         dispatcher.password()), Set.of())) {
                LiveConsole.waitUntil(() -> console.riderIds().contains(rider.id()), Duration.ofSeconds(20));

                GatewayHarness.Answer created = gw.post("/api/batches", outlet, "{\"orders\": [{\"customerName\": "
                        + "\"Ana\", \"deliveryAddress\": \"1 Rua\", \"weightKg\": 2}]}");
                UUID batch = UUID.fromString(created.body().get("batchId").asText());
                LiveConsole.waitUntil(() -> console.batch(batch) != null, Duration.ofSeconds(20));
                assertThat(console.batch(batch).status()).isEqualTo(BatchStatus.CREATED);

                gw.post("/api/batches/" + batch + "/assign", outlet, "{\"riderId\": \"" + rider.id() + "\"}");
                gw.post("/api/batches/" + batch + "/pickup", riderToken, "{}");
                LiveConsole.waitUntil(() -> console.batch(batch).status() == BatchStatus.PICKED,
                        Duration.ofSeconds(20));
                BatchRow shown = console.batch(batch);
                assertThat(shown.riderId()).isEqualTo(rider.id());
                assertThat(shown.riderName()).isEqualTo("Ravi");
                // The rider's load in the riders table follows too.
                LiveConsole.waitUntil(() -> console.read(m -> m.rows().riders().stream()
                        .filter(r -> r.id().equals(rider.id())).findFirst().orElseThrow().load().activeBatches()) == 1,
                        Duration.ofSeconds(20));
            }
        }
    }
}

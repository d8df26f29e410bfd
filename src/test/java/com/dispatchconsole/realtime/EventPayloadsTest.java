package com.dispatchconsole.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The notifications as V11 sends them: a batch's says when the row changed, a position's where and when the rider
 * was, every key sent before is still there, and the functions keep the search path V8 pinned (CREATE OR REPLACE
 * would have dropped it).
 */
@DatabaseTest
class EventPayloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static DatabaseConfig config;
    private static Database db;
    private static DispatchServices services;

    @BeforeAll
    static void open() {
        config = TestDatabases.fresh();
        db = Database.open(config);
        services = new DispatchServices(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void aBatchNotificationSaysWhenTheRowChangedAndKeepsEveryEarlierKey() throws Exception {
        Fixtures given = new Fixtures(services);
        RiderRow ana = given.rider("Ana", 10, "20", 2);
        BatchRow batch = given.batch(1, "1");
        try (Listener listener = new Listener()) {
            BatchRow assigned = services.assignments().assign(batch.id(), ana.id(), Fixtures.ACTOR);

            String payload = listener.first("\"" + assigned.id() + "\"");
            assertThat(keys(payload)).containsExactlyInAnyOrder("e", "id", "op", "outlet", "rider", "oldRider",
                    "status", "v", "at");
            assertThat(payload.length()).as("far under PostgreSQL's 8000 bytes").isLessThan(400);
            ChangeEvent event = ChangeEvent.parse(payload, 0);
            assertThat(event.updatedAt()).isEqualTo(assigned.updatedAt());
            assertThat(event.version()).isEqualTo(assigned.version());
            assertThat(event.status()).isEqualTo("ASSIGNED");
            assertThat(event.riderId()).isEqualTo(ana.id());
            assertThat(event.outletId()).isEqualTo(given.outletId());
        }
    }

    @Test
    void aPositionNotificationSaysWhereAndWhenTheRiderWas() throws Exception {
        Fixtures given = new Fixtures(services);
        RiderRow cy = given.rider("Cy", 10, "20", 2);
        Instant fix = Instant.parse("2025-05-01T10:41:59.123456Z");
        Instant later = Instant.parse("2025-05-01T10:42:09Z");
        try (Listener listener = new Listener()) {
            services.fleet().reportPosition(cy.id(), 52.520008, -13.404954, 4.5f, fix);
            services.fleet().reportPosition(cy.id(), -33.9, 151.2, null, later);

            List<String> payloads = listener.all("\"" + cy.id() + "\"", 2);
            assertThat(keys(payloads.get(0))).containsExactlyInAnyOrder("e", "id", "op", "outlet", "lat", "lon",
                    "acc", "fix");
            ChangeEvent first = ChangeEvent.parse(payloads.get(0), 0);
            ChangeEvent second = ChangeEvent.parse(payloads.get(1), 0);
            assertThat(first.entity()).isEqualTo(ChangeEvent.Entity.LOCATION);
            assertThat(first.outletId()).isEqualTo(given.outletId());
            assertThat(first.lat()).isEqualTo(52.520008);
            assertThat(first.lon()).isEqualTo(-13.404954);
            assertThat(first.accuracyM()).isEqualTo(4.5);
            assertThat(first.fixAt()).isEqualTo(fix);
            assertThat(second.accuracyM()).as("unknown accuracy").isNull();
            assertThat(second.fixAt()).isEqualTo(later);
            assertThat(second.lat()).isEqualTo(-33.9);
        }
    }

    @Test
    void theReplacedFunctionsKeepTheirPinnedSearchPath() {
        Sql sql = new Sql(db.dataSource());
        for (String function : List.of("notify_batch_change", "notify_location_change")) {
            assertThat(sql.value("SELECT array_to_string(proconfig, '|') FROM pg_proc WHERE proname = ?", function))
                    .as(function).isEqualTo("search_path=pg_catalog, public, pg_temp");
        }
    }

    private static Set<String> keys(String payload) throws Exception {
        Set<String> keys = new HashSet<>();
        JsonNode node = JSON.readTree(payload);
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** A LISTEN connection of the test's own, to see the payloads exactly as the triggers wrote them. */
    private static final class Listener implements AutoCloseable {

        private final Connection connection;
        private final List<String> payloads = new ArrayList<>();

        Listener() throws Exception {
            connection = DriverManager.getConnection(config.url(), config.user(), config.password());
            try (Statement st = connection.createStatement()) {
                st.execute("LISTEN " + FeedSettings.CHANNEL);
            }
        }

        String first(String containing) throws Exception {
            return all(containing, 1).get(0);
        }

        /** The first {@code count} payloads that contain the text, in commit order. */
        List<String> all(String containing, int count) throws Exception {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline) {
                PGNotification[] received = connection.unwrap(PGConnection.class).getNotifications(100);
                if (received != null) {
                    for (PGNotification notification : received) {
                        payloads.add(notification.getParameter());
                    }
                }
                List<String> matching = payloads.stream().filter(p -> p.contains(containing)).toList();
                if (matching.size() >= count) {
                    return matching.subList(0, count);
                }
            }
            throw new AssertionError("no " + count + " notifications containing " + containing + " within 10 s: " + payloads);
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }
}

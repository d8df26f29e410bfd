package com.dispatchconsole.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.testing.UnitTest;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Notification payloads as the triggers write them, and as anyone else might: a payload is only a hint of which
 * row to read again, and anything that is not one of ours is refused with one exception type, which the feed logs
 * and skips (it never reaches a subscriber, and never stops the listener).
 */
@UnitTest
class ChangeEventTest {

    private static final UUID BATCH = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID OUTLET = UUID.fromString("22222222-2222-2222-2222-222222222222");
    private static final UUID RIDER = UUID.fromString("33333333-3333-3333-3333-333333333333");
    private static final UUID OLD_RIDER = UUID.fromString("44444444-4444-4444-4444-444444444444");

    @Test
    void aBatchPayloadCarriesItsRowOutletRidersStatusVersionAndWhenItChanged() {
        ChangeEvent event = ChangeEvent.parse("{\"e\": \"batch\", \"id\": \"" + BATCH + "\", \"op\": \"U\", "
                + "\"outlet\": \"" + OUTLET + "\", \"rider\": \"" + RIDER + "\", \"oldRider\": \"" + OLD_RIDER + "\", "
                + "\"status\": \"ASSIGNED\", \"v\": 7, \"at\": \"2025-05-01T12:42:07.123456+02:00\"}", 42L);

        assertThat(event).isEqualTo(new ChangeEvent(ChangeEvent.Entity.BATCH, BATCH, 'U', OUTLET, RIDER, OLD_RIDER,
                null, "ASSIGNED", 7, Instant.parse("2025-05-01T10:42:07.123456Z"), null, null, null, null, 42L));
    }

    @Test
    void aPositionPayloadCarriesWhereAndWhenTheRiderWas() {
        ChangeEvent event = ChangeEvent.parse("{\"e\" : \"location\", \"id\" : \"" + RIDER + "\", \"op\" : \"U\", "
                + "\"outlet\" : \"" + OUTLET + "\", \"lat\" : 52.5201, \"lon\" : -13.4049, \"acc\" : 4.5, "
                + "\"fix\" : \"2025-05-01T10:41:59+00:00\"}", 9L);

        assertThat(event).isEqualTo(new ChangeEvent(ChangeEvent.Entity.LOCATION, RIDER, 'U', OUTLET, null, null, null,
                null, -1, null, 52.5201, -13.4049, 4.5, Instant.parse("2025-05-01T10:41:59Z"), 9L));
    }

    @Test
    void payloadsWrittenBeforeV11AndUnknownAccuraciesStillParse() {
        ChangeEvent batch = ChangeEvent.parse("{\"e\": \"batch\", \"id\": \"" + BATCH + "\", \"status\": \"CREATED\", "
                + "\"v\": 1}", 1L);
        ChangeEvent position = ChangeEvent.parse("{\"e\": \"location\", \"id\": \"" + RIDER + "\", \"lat\": 1.5, "
                + "\"lon\": 2.5, \"acc\": null, \"fix\": \"2025-05-01T10:41:59.5+00:00\"}", 2L);

        assertThat(batch.updatedAt()).isNull();
        assertThat(batch.status()).isEqualTo("CREATED");
        assertThat(position.accuracyM()).as("accuracy unknown").isNull();
        assertThat(position.lat()).isEqualTo(1.5);
        assertThat(position.fixAt()).isEqualTo(Instant.parse("2025-05-01T10:41:59.500Z"));
    }

    @Test
    void otherEntitiesAndMissingFieldsParseWithNullsAndDefaults() {
        ChangeEvent rider = ChangeEvent.parse("{\"e\": \"rider\", \"id\": \"" + RIDER + "\", \"op\": \"I\"}", 1L);
        ChangeEvent order = ChangeEvent.parse("{\"e\": \"ORDER\", \"id\": \"" + UUID.randomUUID() + "\", "
                + "\"batch\": \"" + BATCH + "\", \"rider\": null}", 2L);
        ChangeEvent location = ChangeEvent.parse("{\"e\": \"location\", \"id\": \"" + RIDER + "\"}", 3L);

        assertThat(rider.entity()).isEqualTo(ChangeEvent.Entity.RIDER);
        assertThat(rider.operation()).isEqualTo('I');
        assertThat(rider.version()).as("no version given").isEqualTo(-1);
        assertThat(order.entity()).isEqualTo(ChangeEvent.Entity.ORDER);
        assertThat(order.batchId()).isEqualTo(BATCH);
        assertThat(order.riderId()).isNull();
        assertThat(order.operation()).as("no operation given reads as an update").isEqualTo('U');
        assertThat(location.entity()).isEqualTo(ChangeEvent.Entity.LOCATION);
        assertThat(location.id()).isEqualTo(RIDER);
        assertThat(location.status()).isNull();
        assertThat(location.outletId()).isNull();
    }

    @Test
    void aForgedButWellFormedPayloadIsOnlyAHintOfWhichRowToRead() {
        // NOTIFY has no privilege check: this parses, and the live updater re-reads the batch instead of trusting it.
        ChangeEvent forged = ChangeEvent.parse("{\"e\": \"batch\", \"id\": \"" + BATCH + "\", \"status\": "
                + "\"COMPLETED\", \"v\": 99, \"sql\": \"DROP TABLE delivery_batches\"}", 5L);

        assertThat(forged.id()).isEqualTo(BATCH);
        assertThat(forged.status()).isEqualTo("COMPLETED");
        assertThat(forged.version()).isEqualTo(99);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
            "",
            "not json at all",
            "[]",
            "42",
            "{}",
            "{\"e\": \"pizza\", \"id\": \"11111111-1111-1111-1111-111111111111\"}",
            "{\"e\": \"batch\", \"id\": \"not-a-uuid\"}",
            "{\"e\": \"batch\", \"id\": \"11111111-1111-1111-1111-111111111111\", \"op\": \"\"}",
            "{\"e\": \"batch\", \"id\": \"11111111-1111-1111-1111-111111111111\", \"rider\": 12}",
            "{\"e\": \"batch\", \"id\": \"11111111-1111-1111-1111-111111111111\"",
            "{\"e\": [\"batch\"], \"id\": \"11111111-1111-1111-1111-111111111111\"}",
            "{\"e\": \"batch\", \"id\": \"11111111-1111-1111-1111-111111111111\", \"at\": \"yesterday\"}",
            "{\"e\": \"batch\", \"id\": \"11111111-1111-1111-1111-111111111111\", \"at\": 1714556527}",
            "{\"e\": \"location\", \"id\": \"11111111-1111-1111-1111-111111111111\", \"lat\": \"north\"}"})
    void anythingElseIsRefusedWithOneExceptionTypeThatTheFeedSkips(String payload) {
        assertThatThrownBy(() -> ChangeEvent.parse(payload, 0L))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a dispatch change notification");
    }
}

package com.dispatchconsole.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.pod.PodFlags;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PodFlagsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant OUT = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void aSafePlaceDeliveryWithoutAPhotoIsFlagged() throws Exception {
        assertThat(PodFlags.of(JSON.readTree("{\"deliveryType\": \"SAFE_PLACE\"}"), OUT.plusSeconds(600), OUT))
                .containsExactly(PodFlags.Flag.NO_PHOTO);
        assertThat(PodFlags.of(JSON.readTree("{\"deliveryType\": \"HANDED_TO_RECIPIENT\"}"), OUT.plusSeconds(600), OUT))
                .isEmpty();
    }

    @Test
    void aDeliveryMoreThanNinetyMinutesAfterTheBatchWentOutIsLate() throws Exception {
        assertThat(PodFlags.of(JSON.readTree("{\"deliveredAt\": \"2026-11-27T13:31:00Z\"}"), null, OUT))
                .containsExactly(PodFlags.Flag.LATE);
        assertThat(PodFlags.of(JSON.readTree("{\"deliveredAt\": \"2026-11-27T13:29:00Z\"}"), null, OUT)).isEmpty();
    }
}

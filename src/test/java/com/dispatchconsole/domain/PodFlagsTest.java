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

    @Test
    void aPodRecordedFarFromTheAddressIsFlaggedAndTheDistanceIsMeasured() throws Exception {
        var pod = JSON.readTree("{\"coordinates\": {\"lat\": 51.5007, \"lon\": -0.1246}}");
        // Westminster Bridge to Trafalgar Square: about 1 km.
        double metres = PodFlags.distanceToAddress(pod, 51.5080, -0.1281);
        assertThat(metres).isBetween(800.0, 900.0);
        assertThat(PodFlags.of(pod, null, null, 51.5080, -0.1281)).containsExactly(PodFlags.Flag.FAR_FROM_ADDRESS);
        assertThat(PodFlags.of(pod, null, null, 51.5008, -0.1247)).isEmpty();
        assertThat(PodFlags.distanceToAddress(pod, null, null)).as("no address position, no distance").isNull();
    }
}

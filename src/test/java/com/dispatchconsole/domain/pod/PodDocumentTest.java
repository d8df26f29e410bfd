package com.dispatchconsole.domain.pod;

import com.dispatchconsole.testing.UnitTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The typed document: read once, every known field typed, every other field kept through the round trip. */
@UnitTest
class PodDocumentTest {

    private static final String DEVICE_DOCUMENT = """
            {"deliveryType": "LEFT_AT_DOOR", "recipientName": "K. Mensah", "notes": "Behind the blue bin",
             "photos": [{"url": "https://pod.example/p/1.jpg", "takenAt": "2026-11-27T14:02:00+01:00",
                         "lens": "wide"}],
             "coordinates": {"lat": 51.5007, "lon": -0.1246, "accuracyM": 8, "altitudeM": 12.5},
             "signature": {"strokes": [[[0, 0], [10, 4.5]]]},
             "arrivedAt": "2026-11-27T14:01:00Z", "deliveredAt": "2026-11-27T14:02:11Z",
             "scannerFirmware": "4.2.1", "battery": {"percent": 41}}""";

    @Test
    void theValidatorReadsEveryKnownFieldAsATypedValue() {
        PodDocument pod = PodValidator.validate(DEVICE_DOCUMENT);

        assertThat(pod.readable()).isTrue();
        assertThat(pod.deliveryType()).isEqualTo("LEFT_AT_DOOR");
        assertThat(pod.recipientName()).isEqualTo("K. Mensah");
        assertThat(pod.notes()).isEqualTo("Behind the blue bin");
        assertThat(pod.photos()).containsExactly(new PodDocument.Photo("https://pod.example/p/1.jpg",
                OffsetDateTime.parse("2026-11-27T14:02:00+01:00")));
        assertThat(pod.coordinates()).isEqualTo(new PodDocument.Coordinates(51.5007, -0.1246, 8.0));
        assertThat(pod.signature()).isEqualTo(new PodDocument.Signature(null,
                List.of(List.of(new PodDocument.Point(0, 0), new PodDocument.Point(10, 4.5)))));
        assertThat(pod.arrivedAt()).isEqualTo(OffsetDateTime.parse("2026-11-27T14:01:00Z"));
        assertThat(pod.deliveredAt()).isEqualTo(OffsetDateTime.parse("2026-11-27T14:02:11Z"));
        assertThat(pod.capturedAt()).isNull();
        assertThat(pod.unknownFields()).containsOnlyKeys("scannerFirmware", "battery");
    }

    @Test
    void storingTheDocumentKeepsTheDevicesOwnFieldsAndEveryValueAsWritten() {
        PodDocument sent = PodValidator.validate(DEVICE_DOCUMENT);

        PodDocument stored = PodValidator.validate(sent.toJson());

        assertThat(stored.unknownFields()).isEqualTo(sent.unknownFields());
        assertThat(stored.unknownFields().get("scannerFirmware").textValue()).isEqualTo("4.2.1");
        assertThat(stored.unknownFields().get("battery").path("percent").intValue()).isEqualTo(41);
        assertThat(stored.json().at("/coordinates/altitudeM").doubleValue()).as("unknown inside a known field")
                .isEqualTo(12.5);
        assertThat(stored.json().at("/photos/0/lens").textValue()).isEqualTo("wide");
        assertThat(stored.json().at("/photos/0/takenAt").textValue()).as("the timestamp as written, offset and all")
                .isEqualTo("2026-11-27T14:02:00+01:00");
        assertThat(stored.toJson()).contains("\"accuracyM\":8,").doesNotContain("8.0");
        assertThat(stored.json()).isEqualTo(sent.json());
        assertThat(List.of(stored.deliveryType(), stored.recipientName(), stored.notes(), stored.photos(),
                stored.coordinates(), stored.signature(), stored.arrivedAt(), stored.deliveredAt()))
                .isEqualTo(List.of(sent.deliveryType(), sent.recipientName(), sent.notes(), sent.photos(),
                        sent.coordinates(), sent.signature(), sent.arrivedAt(), sent.deliveredAt()));
    }

    @Test
    void aDocumentWrittenFieldByFieldReadsBackAsWritten() {
        Instant delivered = Instant.parse("2026-11-27T14:02:11Z");
        PodDocument.Signature signature = new PodDocument.Signature(null,
                List.of(List.of(new PodDocument.Point(0, 20), new PodDocument.Point(8.5, 4))));

        PodDocument built = PodDocument.builder().deliveryType("HANDED_TO_RECIPIENT").recipientName("J. Nguyen")
                .notes("All good").photos(List.of())
                .coordinates(new PodDocument.Coordinates(51.50123, -0.12345, 5.0)).signature(signature)
                .deliveredAt(delivered).extra("deviceId", "rider-phone-07").build();
        PodDocument read = PodDocument.read(built.toJson());

        assertThat(read.readable()).isTrue();
        assertThat(read.deliveryType()).isEqualTo("HANDED_TO_RECIPIENT");
        assertThat(read.recipientName()).isEqualTo("J. Nguyen");
        assertThat(read.photos()).isEmpty();
        assertThat(read.coordinates()).isEqualTo(new PodDocument.Coordinates(51.50123, -0.12345, 5.0));
        assertThat(read.signature()).isEqualTo(signature);
        assertThat(read.deliveredAt().toInstant()).isEqualTo(delivered);
        assertThat(read.unknownFields()).containsOnlyKeys("deviceId");
        assertThat(read.toJson()).as("whole numbers as a device writes them").contains("\"accuracyM\":5}")
                .contains("[0,20]");
        assertThatThrownBy(() -> PodDocument.builder().extra(PodFields.NOTES, "x"))
                .as("a known field is not an extra").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBuiltDocumentIsCheckedLikeAnyOther() {
        assertThatThrownBy(() -> PodDocument.builder()
                .photos(List.of(new PodDocument.Photo("file:///etc/passwd", null))).build())
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_POD))
                .hasMessageStartingWith("photos[0].url ");
    }

    @Test
    void anUnreadableDocumentHasNoTypedFieldsAndKeepsItsText() {
        String broken = "{\"deliveryType\": \"LEFT_AT_DOOR\", \"coordinates\": {\"lat\": \"north\", \"lon\": 0}}";

        PodDocument pod = PodDocument.read(broken);

        assertThat(pod.readable()).isFalse();
        assertThat(pod.problem()).startsWith("coordinates.lat must be a number between -90 and 90");
        assertThat(pod.deliveryType()).isNull();
        assertThat(pod.coordinates()).isNull();
        assertThat(pod.photos()).isEmpty();
        assertThat(pod.unknownFields()).isEmpty();
        assertThat(pod.rawForDisplay()).contains("\"north\"");
    }

    @Test
    void theDocumentCannotBeChangedThroughWhatItHandsOut() {
        PodDocument pod = PodValidator.validate(DEVICE_DOCUMENT);

        pod.json().put(PodFields.NOTES, "changed");
        ((com.fasterxml.jackson.databind.node.ObjectNode) pod.unknownFields().get("battery")).put("percent", 0);

        assertThat(pod.toJson()).contains("Behind the blue bin").contains("\"percent\":41");
    }
}

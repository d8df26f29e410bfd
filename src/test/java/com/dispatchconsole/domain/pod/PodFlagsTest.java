package com.dispatchconsole.domain.pod;

import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.DispatchException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.pod.PodDocument;
import com.dispatchconsole.domain.pod.PodFlags;
import com.dispatchconsole.domain.pod.PodValidator;
import com.dispatchconsole.testing.UnitTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@UnitTest
class PodFlagsTest {

    private static final Instant OUT = Instant.parse("2026-11-27T12:00:00Z");
    private static final Duration NINETY = Duration.ofMinutes(90);

    @Test
    void aSafePlaceDeliveryWithoutAPhotoIsFlagged() {
        assertThat(PodFlags.of(PodValidator.validate("{\"deliveryType\": \"SAFE_PLACE\"}"), OUT.plusSeconds(600), OUT, NINETY))
                .containsExactly(PodFlags.Flag.NO_PHOTO);
        assertThat(PodFlags.of(PodValidator.validate("{\"deliveryType\": \"HANDED_TO_RECIPIENT\"}"), OUT.plusSeconds(600), OUT, NINETY))
                .isEmpty();
    }

    @Test
    void aDeliveryMoreThanTheThresholdAfterTheBatchWentOutIsLate() {
        assertThat(PodFlags.of(PodValidator.validate("{\"deliveredAt\": \"2026-11-27T13:31:00Z\"}"), null, OUT, NINETY))
                .containsExactly(PodFlags.Flag.LATE);
        assertThat(PodFlags.of(PodValidator.validate("{\"deliveredAt\": \"2026-11-27T13:29:00Z\"}"), null, OUT, NINETY)).isEmpty();
    }

    @Test
    void theThresholdIsTheOneGivenAndTheLateSentenceSaysIt() {
        // 30 minutes after the batch went out: on time at 90 minutes, late for a dark store promising 20.
        PodDocument thirty = PodValidator.validate("{\"deliveredAt\": \"2026-11-27T12:30:00Z\"}");
        assertThat(PodFlags.of(thirty, null, OUT, NINETY)).isEmpty();
        assertThat(PodFlags.of(thirty, null, OUT, Duration.ofMinutes(20))).containsExactly(PodFlags.Flag.LATE);
        assertThat(PodFlags.of(thirty, null, OUT, Duration.ofMinutes(30))).as("exactly the threshold is on time").isEmpty();
        assertThat(PodFlags.of(PodDocument.read(null), OUT.plusSeconds(1801), OUT, Duration.ofMinutes(30)))
                .as("without deliveredAt, the time the outcome was recorded").containsExactly(PodFlags.Flag.LATE);

        assertThat(PodFlags.Flag.LATE.sentence(Duration.ofMinutes(45)))
                .isEqualTo("Delivered more than 45 min after the batch went out");
        assertThat(PodFlags.Flag.LATE.sentence(NINETY)).isEqualTo("Delivered more than 90 min after the batch went out");
        assertThat(PodFlags.Flag.NO_PHOTO.sentence(NINETY)).isEqualTo("No photo, but the delivery type needs one");
    }

    @Test
    void aPodRecordedFarFromTheAddressIsFlaggedAndTheDistanceIsMeasured() {
        var pod = PodValidator.validate("{\"coordinates\": {\"lat\": 51.5007, \"lon\": -0.1246}}");
        // Westminster Bridge to Trafalgar Square: about 1 km.
        double metres = PodFlags.distanceToAddress(pod, 51.5080, -0.1281);
        assertThat(metres).isBetween(800.0, 900.0);
        assertThat(PodFlags.of(pod, null, null, 51.5080, -0.1281, NINETY)).containsExactly(PodFlags.Flag.FAR_FROM_ADDRESS);
        assertThat(PodFlags.of(pod, null, null, 51.5008, -0.1247, NINETY)).isEmpty();
        assertThat(PodFlags.distanceToAddress(pod, null, null)).as("no address position, no distance").isNull();
    }

    @Test
    void aDocumentThatCannotBeReadIsFlaggedUnreadableAndNothingElse() {
        // A LEFT_AT_DOOR delivery without photos would be NO_PHOTO; an unreadable one is only UNREADABLE.
        PodDocument pod = PodDocument.read("{\"deliveryType\": \"LEFT_AT_DOOR\", \"deliveredAt\": \"yesterday\"}");

        assertThat(pod.readable()).isFalse();
        assertThat(pod.problem()).startsWith("deliveredAt is not an ISO-8601 timestamp").doesNotContain("Nothing was saved");
        assertThat(pod.json()).as("nothing to guess from").isEmpty();
        assertThat(PodFlags.of(pod, OUT.plusSeconds(600), OUT, 51.5, -0.12, NINETY)).containsExactly(PodFlags.Flag.UNREADABLE);
    }

    @Test
    void aReadableDocumentKeepsItsFlagsAndNoDocumentIsReadable() {
        PodDocument pod = PodDocument.read("{\"deliveryType\": \"SAFE_PLACE\"}");
        assertThat(pod.readable()).isTrue();
        assertThat(pod.problem()).isNull();
        assertThat(PodFlags.of(pod, OUT.plusSeconds(600), OUT, null, null, NINETY)).containsExactly(PodFlags.Flag.NO_PHOTO);

        PodDocument none = PodDocument.read(null);
        assertThat(none.readable()).as("no PoD recorded: nothing in it can be wrong").isTrue();
        assertThat(none.rawForDisplay()).isEmpty();
    }

    @Test
    void theRawTextIsPrettyPrintedWhenItParsesAndVerbatimOtherwise() {
        assertThat(PodDocument.read("[1,{\"a\":1.10}]").rawForDisplay()).as("exact numbers, not doubles")
                .isEqualToNormalizingNewlines("[ 1, {\n  \"a\" : 1.10\n} ]");
        String broken = "{\"notes\": \"unterminated }";
        PodDocument pod = PodDocument.read(broken);
        assertThat(pod.problem()).startsWith("The proof of delivery is not valid JSON");
        assertThat(pod.rawForDisplay()).isEqualTo(broken);
    }

    @Test
    void writingStillRefusesWithTheSameSentenceAndSaysNothingWasSaved() {
        assertThatThrownBy(() -> PodValidator.validate("{\"deliveredAt\": \"yesterday\"}"))
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_POD))
                .hasMessage(PodDocument.read("{\"deliveredAt\": \"yesterday\"}").problem() + " Nothing was saved.");
    }
}

package com.dispatchconsole.service;

import static com.dispatchconsole.testing.Fixtures.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.pod.PodDocument;
import com.dispatchconsole.domain.pod.PodValidator;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.HistoryEntry;
import com.dispatchconsole.domain.rows.PodReview;
import com.dispatchconsole.domain.rows.PodRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.FreshDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Proof-of-delivery documents on real PostgreSQL: validation, JSONB round trip, searches, reviews. */
@DatabaseTest
class PodTest {

    private static final String FULL = """
            {"deliveryType": "LEFT_AT_DOOR",
             "photos": [{"url": "https://pod.example/p/1.jpg", "takenAt": "2026-11-27T14:02:11Z"}],
             "coordinates": {"lat": 51.5007, "lon": -0.1246, "accuracyM": 8},
             "signature": {"strokes": [[[0, 0], [10, 4]], [[3, 3], [5, 9]]]},
             "recipientName": "K. Mensah", "notes": "Left with the concierge at the front desk",
             "arrivedAt": "2026-11-27T14:01:00+01:00", "deliveredAt": "2026-11-27T14:02:30Z",
             "deviceId": "rider-phone-17", "battery": {"percent": 41, "charging": false}}
            """;

    @RegisterExtension
    static final FreshDatabase fresh = new FreshDatabase();

    /** A batch out for delivery with {@code orders} orders; returns its order lines. */
    private static List<BatchOrderRow> outForDelivery(BatchRow[] holder, int orders) {
        RiderRow rider = fresh.given().rider("Rider " + UUID.randomUUID().toString().substring(0, 4), 20, "50", 1);
        BatchRow batch = fresh.given().batch(orders, "1");
        fresh.services().assignments().assign(batch.id(), rider.id(), ACTOR);
        fresh.services().assignments().transition(batch.id(), BatchStatus.PICKED, ACTOR, null);
        fresh.services().assignments().transition(batch.id(), BatchStatus.OUT_FOR_DELIVERY, ACTOR, null);
        holder[0] = batch;
        return fresh.services().queries().orders(batch.id());
    }

    @Test
    void everyFieldAndEveryUnknownFieldSurvivesTheRoundTrip() throws Exception {
        BatchRow[] batch = new BatchRow[1];
        BatchOrderRow line = outForDelivery(batch, 1).get(0);

        fresh.services().batches().recordOutcome(batch[0].id(), line.orderId(), OrderOutcome.DELIVERED, null, FULL, ACTOR);

        PodRow stored = fresh.services().pods().get(line.id());
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(stored.document())).isEqualTo(json.readTree(FULL));
        assertThat(stored.outcome()).isEqualTo(OrderOutcome.DELIVERED);
        assertThat(stored.completedAt()).isNotNull();
        assertThat(fresh.sql().value("SELECT jsonb_typeof(proof_of_delivery) FROM delivery_batch_orders WHERE id = ?", line.id()))
                .isEqualTo("object");
        JsonNode battery = json.readTree(stored.document()).get("battery");
        assertThat(battery.get("percent").asInt()).isEqualTo(41);
    }

    @Test
    void aDocumentValidatedOnceIsStoredAsSentAndTheBatchComesBackFromTheSameUnitOfWork() throws Exception {
        BatchRow[] batch = new BatchRow[1];
        BatchOrderRow line = outForDelivery(batch, 1).get(0);
        PodDocument validated = PodValidator.validate(FULL);

        BatchRow returned = fresh.services().batches().recordOutcome(batch[0].id(), line.orderId(), OrderOutcome.DELIVERED,
                null, validated, ACTOR);

        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(fresh.services().pods().get(line.id()).document())).isEqualTo(json.readTree(FULL));
        assertThat(returned).as("the batch as the database holds it").isEqualTo(fresh.services().queries().batch(batch[0].id()));
    }

    @Test
    void aDocumentThatDoesNotReadIsRefusedAndNothingIsWritten() {
        BatchRow[] batch = new BatchRow[1];
        BatchOrderRow line = outForDelivery(batch, 1).get(0);
        PodDocument unreadable = PodDocument.read("[1, 2, 3]");
        String before = fresh.sql().fingerprint();

        assertThatThrownBy(() -> fresh.services().batches().recordOutcome(batch[0].id(), line.orderId(), OrderOutcome.DELIVERED,
                null, unreadable, ACTOR))
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_POD))
                .hasMessageContaining("must be a JSON object")
                .hasMessageContaining("Nothing was saved");
        assertThat(fresh.sql().fingerprint()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not an object          | [1, 2, 3]                                                   | must be a JSON object",
        "malformed JSON         | {\"notes\": \"unterminated }                                | not valid JSON",
        "lat out of range       | {\"coordinates\": {\"lat\": 91, \"lon\": 0}}                | coordinates.lat must be a number between -90 and 90",
        "lon not a number       | {\"coordinates\": {\"lat\": 1, \"lon\": \"east\"}}          | coordinates.lon must be a number",
        "lat missing            | {\"coordinates\": {\"lon\": 0}}                             | coordinates.lat is missing",
        "photo url malformed    | {\"photos\": [{\"url\": \"not a url\"}]}                    | photos[0].url is not a well-formed",
        "photo time not ISO     | {\"photos\": [{\"url\": \"https://x.io/a.jpg\", \"takenAt\": \"yesterday\"}]} | photos[0].takenAt is not an ISO-8601 timestamp",
        "deliveredAt not ISO    | {\"deliveredAt\": \"27/11/2026 14:00\"}                     | deliveredAt is not an ISO-8601 timestamp",
        "signature empty        | {\"signature\": {}}                                         | signature needs imageUrl or strokes",
        "stroke point wrong     | {\"signature\": {\"strokes\": [[[1]]]}}                     | signature.strokes[0][0] must be a point",
        "recipient not text     | {\"recipientName\": 42}                                     | recipientName must be text",
    })
    void aBadDocumentIsRefusedNamingTheFieldAndNothingIsWritten(String what, String document, String message) {
        BatchRow[] batch = new BatchRow[1];
        BatchOrderRow line = outForDelivery(batch, 1).get(0);
        String before = fresh.sql().fingerprint();

        assertThatThrownBy(() -> fresh.services().batches().recordOutcome(batch[0].id(), line.orderId(), OrderOutcome.DELIVERED,
                null, document, ACTOR))
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_POD))
                .hasMessageContaining(message)
                .hasMessageContaining("Nothing was saved");
        assertThat(fresh.sql().fingerprint()).isEqualTo(before);
    }

    @Test
    void aDocumentOverSixtyFourKibibytesIsRefused() {
        BatchRow[] batch = new BatchRow[1];
        BatchOrderRow line = outForDelivery(batch, 1).get(0);
        String huge = "{\"notes\": \"" + "x".repeat(70_000) + "\"}";

        assertThatThrownBy(() -> fresh.services().batches().recordOutcome(batch[0].id(), line.orderId(), OrderOutcome.DELIVERED,
                null, huge, ACTOR))
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_POD))
                .hasMessageContaining("at most 65536 (64 KiB)");
    }

    @Test
    void boundingBoxAndNotesSearchesFindRecordedPods() {
        BatchRow[] batch = new BatchRow[1];
        List<BatchOrderRow> lines = outForDelivery(batch, 3);
        String[] docs = {
            "{\"coordinates\": {\"lat\": 10.50, \"lon\": 20.12}, \"notes\": \"handed to the doorman\"}",
            "{\"coordinates\": {\"lat\": 10.60, \"lon\": 20.30}, \"notes\": \"left in the porch\"}",
            "{\"coordinates\": {\"lat\": -33.85, \"lon\": 151.2}, \"notes\": \"doorman signed\"}"};
        for (int i = 0; i < 3; i++) {
            fresh.services().batches().recordOutcome(batch[0].id(), lines.get(i).orderId(), OrderOutcome.DELIVERED, null, docs[i], ACTOR);
        }

        assertThat(fresh.services().pods().withinBox(10.45, 20.05, 10.55, 20.20)).extracting(PodRow::batchOrderId)
                .containsExactly(lines.get(0).id());
        assertThat(fresh.services().pods().withinBox(-34.0, 20.0, 11.0, 152.0)).hasSize(3);
        assertThat(fresh.services().pods().notesMatching("doorman")).extracting(PodRow::batchOrderId)
                .containsExactlyInAnyOrder(lines.get(0).id(), lines.get(2).id());
        assertThatThrownBy(() -> fresh.services().pods().withinBox(60, 0, 50, 1))
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void reviewsAreKeptInOrderAndShownInTheBatchHistory() {
        BatchRow[] batch = new BatchRow[1];
        BatchOrderRow line = outForDelivery(batch, 1).get(0);
        fresh.services().batches().recordOutcome(batch[0].id(), line.orderId(), OrderOutcome.DELIVERED, null,
                "{\"notes\": \"ok\"}", ACTOR);

        com.dispatchconsole.persistence.DatabaseConfig supervisor =
                com.dispatchconsole.testing.Logins.create(fresh.db().config(), "dispatch_supervisor");
        try (Database asSupervisor = Database.open(supervisor)) {
            DispatchServices sam = new DispatchServices(asSupervisor);
            sam.pods().review(line.id(), 1, PodReview.Verdict.DISPUTED, "Photo shows the wrong door");
            sam.pods().review(line.id(), 1, PodReview.Verdict.ACCEPTED, "Customer confirmed by phone");
            assertThatThrownBy(() -> sam.pods().review(line.id(), 1, PodReview.Verdict.DISPUTED, " "))
                    .hasMessageContaining("reason is required");
        }

        List<PodReview> reviews = fresh.services().pods().reviews(line.id());
        assertThat(reviews).extracting(PodReview::verdict)
                .containsExactly(PodReview.Verdict.DISPUTED, PodReview.Verdict.ACCEPTED);
        assertThat(reviews.get(0).reviewer()).as("the database user, not a claimed name").isEqualTo(supervisor.user());
        assertThat(reviews).extracting(PodReview::podVersion).containsOnly(1);
        assertThat(fresh.services().pods().get(line.id()).latestVerdict()).isEqualTo("ACCEPTED");
        assertThat(fresh.services().queries().history(batch[0].id())).extracting(HistoryEntry::describe)
                .contains("Proof of delivery disputed (order 1)", "Proof of delivery accepted (order 1)");
    }
}

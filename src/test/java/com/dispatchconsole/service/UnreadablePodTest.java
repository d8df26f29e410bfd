package com.dispatchconsole.service;

import static com.dispatchconsole.testing.Fixtures.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.pod.PodFlags;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.PodReview;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.Fixtures;
import com.dispatchconsole.testing.Sql;
import com.dispatchconsole.testing.TestDatabases;
import com.dispatchconsole.ui.common.SynchronousUiExecutor;
import com.dispatchconsole.ui.pod.PodViewModel;
import com.dispatchconsole.ui.review.ReviewQueueViewModel;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A PoD document written around the validator on real PostgreSQL: by plain SQL as a dispatcher login where the
 * database's own checks let it through (wrong field types inside an object), or stored before those checks
 * existed (arrays, out-of-range coordinates). The review queue still lists every row and flags that one
 * unreadable; the viewer says why and shows the document as stored.
 */
@DatabaseTest
class UnreadablePodTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MALFORM = "UPDATE delivery_batch_orders SET proof_of_delivery = ?::jsonb WHERE id = ?";

    /**
     * A fresh database with one batch out for delivery and every order delivered with a well-formed PoD, recorded
     * by a dispatcher login (the owner, who reviews here, may not judge a PoD it recorded).
     */
    private record Seeded(Database db, DispatchServices services, Sql sql, List<BatchOrderRow> lines,
                          com.dispatchconsole.persistence.DatabaseConfig dispatcher) implements AutoCloseable {

        static Seeded delivered(int orders) {
            Database db = Database.open(TestDatabases.fresh());
            com.dispatchconsole.persistence.DatabaseConfig dispatcher =
                    com.dispatchconsole.testing.Logins.create(db.config(), "dispatch_dispatcher");
            DispatchServices services = new DispatchServices(db);
            Fixtures given = new Fixtures(services);
            RiderRow rider = given.rider("Ana Silva", orders, "100", 1);
            BatchRow batch = given.batch(orders, "1");
            services.assignments().assign(batch.id(), rider.id(), ACTOR);
            services.assignments().transition(batch.id(), BatchStatus.PICKED, ACTOR, null);
            services.assignments().transition(batch.id(), BatchStatus.OUT_FOR_DELIVERY, ACTOR, null);
            List<BatchOrderRow> lines = services.queries().orders(batch.id());
            for (int i = 0; i < lines.size(); i++) {
                // Every other one a doorstep delivery without a photo, so the queue has a flag to keep.
                String document = i % 2 == 0 ? "{\"deliveryType\": \"HANDED_TO_RECIPIENT\", \"notes\": \"fine\"}"
                        : "{\"deliveryType\": \"LEFT_AT_DOOR\"}";
                try (Database asDispatcher = Database.open(dispatcher)) {
                    new DispatchServices(asDispatcher).batches().recordOutcome(batch.id(), lines.get(i).orderId(),
                            OrderOutcome.DELIVERED, null, document, ACTOR);
                }
            }
            return new Seeded(db, services, new Sql(db.dataSource()), lines, dispatcher);
        }

        /**
         * Writes a malformed document as plain SQL by the dispatcher login. Shapes the database itself refuses
         * (not an object, coordinates out of range or not numbers) can only come from before its checks: those
         * are stored as such old rows are, with the check and the guard off on this throwaway database.
         */
        void malform(String document, UUID line) throws Exception {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.config().url(), dispatcher.user(),
                    dispatcher.password()); java.sql.PreparedStatement ps = c.prepareStatement(MALFORM)) {
                ps.setString(1, document);
                ps.setObject(2, line);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            } catch (java.sql.SQLException refusedByTheDatabase) {
                sql.transaction("ALTER TABLE delivery_batch_orders DROP CONSTRAINT delivery_batch_orders_pod_document",
                        "ALTER TABLE delivery_batch_orders DISABLE TRIGGER delivery_batch_orders_guard",
                        "UPDATE delivery_batch_orders SET proof_of_delivery = '" + document.replace("'", "''")
                                + "'::jsonb WHERE id = '" + line + "'",
                        "ALTER TABLE delivery_batch_orders ENABLE TRIGGER delivery_batch_orders_guard",
                        "ALTER TABLE delivery_batch_orders ADD CONSTRAINT delivery_batch_orders_pod_document "
                                + "CHECK (pod_document_ok(proof_of_delivery)) NOT VALID");
            }
        }

        ReviewQueueViewModel queue() {
            ReviewQueueViewModel queue = new ReviewQueueViewModel(services.pods(), services.queries(), new SynchronousUiExecutor());
            queue.load();
            return queue;
        }

        PodViewModel viewer(UUID batchOrderId) {
            PodViewModel viewer = new PodViewModel(services.pods(), services.photos(), services.queries(),
                    new SynchronousUiExecutor(), batchOrderId);
            viewer.load();
            return viewer;
        }

        @Override
        public void close() {
            db.close();
        }
    }

    private static ReviewQueueViewModel.Entry entryOf(ReviewQueueViewModel queue, UUID batchOrderId) {
        return queue.visible().stream().filter(e -> e.pod().batchOrderId().equals(batchOrderId)).findFirst()
                .orElseThrow(() -> new AssertionError("no queue entry for " + batchOrderId));
    }

    @Test
    void oneMalformedDocumentIsOneUnreadableEntryAndTheOtherTwentyEightStay() throws Exception {
        try (Seeded seeded = Seeded.delivered(29)) {
            UUID broken = seeded.lines().get(4).id();
            seeded.malform("{\"deliveryType\": \"HANDED_TO_RECIPIENT\", \"deliveredAt\": \"yesterday\"}", broken);

            ReviewQueueViewModel queue = seeded.queue();

            assertThat(queue.visible()).hasSize(29);
            assertThat(queue.messageProperty().get()).isEqualTo("29 awaiting review (1 unreadable)");
            ReviewQueueViewModel.Entry unreadable = entryOf(queue, broken);
            assertThat(unreadable.flags()).containsExactly(PodFlags.Flag.UNREADABLE);
            assertThat(unreadable.problem()).isEqualTo("deliveredAt is not an ISO-8601 timestamp with an offset "
                    + "(got \"yesterday\"); use e.g. 2026-11-27T14:02:11Z.");
            assertThat(unreadable.flagsText()).isEqualTo("⚑ Unreadable: " + unreadable.problem());
            assertThat(queue.visible()).filteredOn(e -> !e.pod().batchOrderId().equals(broken))
                    .as("every other entry keeps its own flags")
                    .allSatisfy(e -> assertThat(e.flags()).isEqualTo(
                            e.deliveryType().equals("LEFT_AT_DOOR") ? List.of(PodFlags.Flag.NO_PHOTO) : List.of()));

            queue.flagProperty().set(ReviewQueueViewModel.FlagFilter.UNREADABLE);
            assertThat(queue.visible()).extracting(e -> e.pod().batchOrderId()).containsExactly(broken);
            queue.flagProperty().set(ReviewQueueViewModel.FlagFilter.FLAGGED);
            assertThat(queue.visible()).as("14 without a photo and the unreadable one").hasSize(15);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "deliveredAt not a time  | {\"deliveredAt\": \"yesterday\"}                       | deliveredAt is not an ISO-8601 timestamp with an offset (got \"yesterday\")",
        "coordinates a string    | {\"coordinates\": \"51.5,-0.12\"}                      | coordinates must be an object with lat, lon and accuracyM.",
        "lat out of range        | {\"coordinates\": {\"lat\": 91, \"lon\": 0}}           | coordinates.lat must be a number between -90 and 90 (got 91).",
        "lat as text             | {\"coordinates\": {\"lat\": \"51.5\", \"lon\": -0.1}}   | coordinates.lat must be a number between -90 and 90 (got \"51.5\").",
        "photos not an array     | {\"photos\": \"door.jpg\"}                             | photos must be an array of {url, takenAt}.",
        "photo url not a url     | {\"photos\": [{\"url\": \"door.jpg\"}]}                | photos[0].url is not a well-formed http(s) URL (got \"door.jpg\").",
        "signature a number      | {\"signature\": 5}                                     | signature must be an object with imageUrl or strokes.",
        "stroke point not a pair | {\"signature\": {\"strokes\": [[1]]}}                  | signature.strokes[0][0] must be a point [x, y] of two numbers.",
        "recipient not text      | {\"recipientName\": 42}                                | recipientName must be text.",
        "an array                | [1, 2, 3]                                              | The proof of delivery must be a JSON object, not an array.",
        "a string                | \"delivered\"                                          | The proof of delivery must be a JSON object, not a string.",
        "a number                | 42                                                     | The proof of delivery must be a JSON object, not a number.",
        "JSON null               | null                                                   | The proof of delivery must be a JSON object, not null.",
    })
    void theQueueListsEveryRowAndTheViewerShowsWhyAndTheRawJson(String what, String document, String reason)
            throws Exception {
        try (Seeded seeded = Seeded.delivered(3)) {
            UUID broken = seeded.lines().get(1).id();
            seeded.malform(document, broken);

            ReviewQueueViewModel queue = seeded.queue();
            assertThat(queue.visible()).hasSize(3);
            assertThat(entryOf(queue, broken).flags()).containsExactly(PodFlags.Flag.UNREADABLE);
            assertThat(entryOf(queue, broken).problem()).contains(reason);
            assertThat(entryOf(queue, seeded.lines().get(0).id()).flags()).isEmpty();

            PodViewModel viewer = seeded.viewer(broken);
            assertThat(viewer.readableProperty().get()).isFalse();
            assertThat(viewer.unreadableProperty().get()).startsWith("Unreadable proof of delivery: ").contains(reason);
            assertThat(viewer.flags()).containsExactly(PodFlags.Flag.UNREADABLE);
            assertThat(viewer.photos()).isEmpty();
            assertThat(JSON.readTree(viewer.rawDocumentProperty().get())).as("the document as stored")
                    .isEqualTo(JSON.readTree(document));
            assertThat(viewer.messageProperty().get()).as("the load finished").isEmpty();
            assertThat(viewer.canReviewProperty().get()).isTrue();
        }
    }

    @Test
    void theViewerPrettyPrintsTheRawJsonAndTheUnreadablePodCanStillBeDisputed() throws Exception {
        try (Seeded seeded = Seeded.delivered(1)) {
            UUID broken = seeded.lines().get(0).id();
            seeded.malform("{\"notes\": \"left by the gate\", \"coordinates\": {\"lat\": 91, \"lon\": 0}}", broken);

            PodViewModel viewer = seeded.viewer(broken);

            assertThat(viewer.unreadableProperty().get()).isEqualTo("Unreadable proof of delivery: "
                    + "coordinates.lat must be a number between -90 and 90 (got 91).");
            // jsonb keeps keys shortest first, so this is the order PostgreSQL hands back.
            assertThat(viewer.rawDocumentProperty().get()).isEqualToNormalizingNewlines("""
                    {
                      "notes" : "left by the gate",
                      "coordinates" : {
                        "lat" : 91,
                        "lon" : 0
                      }
                    }""");
            viewer.review(PodReview.Verdict.DISPUTED, "Position is impossible");
            assertThat(viewer.reviews()).extracting(PodReview::verdict).containsExactly(PodReview.Verdict.DISPUTED);
            assertThat(seeded.sql().count("SELECT count(*) FROM pod_reviews WHERE batch_order_id = ?", broken))
                    .isEqualTo(1);
        }
    }

    @Test
    void aWellFormedDocumentIsReadableWithNoRawText() {
        try (Seeded seeded = Seeded.delivered(2)) {
            PodViewModel viewer = seeded.viewer(seeded.lines().get(1).id());

            assertThat(viewer.readableProperty().get()).isTrue();
            assertThat(viewer.unreadableProperty().get()).isEmpty();
            assertThat(viewer.rawDocumentProperty().get()).isEmpty();
            assertThat(viewer.flags()).containsExactly(PodFlags.Flag.NO_PHOTO);
        }
    }
}

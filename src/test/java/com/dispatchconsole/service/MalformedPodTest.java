package com.dispatchconsole.service;

import static com.dispatchconsole.testing.Fixtures.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.testing.DatabaseTest;
import com.dispatchconsole.testing.FreshDatabase;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Documents PostgreSQL cannot store or the viewer must not fetch from, recorded through the service on a real
 * database: each is refused with INVALID_POD naming the field or the position, nothing is written, and nothing
 * of the document reaches a log.
 */
@DatabaseTest
class MalformedPodTest {

    /** In every document below, so a log line quoting any of it is caught. */
    private static final String MARKER = "secret-marker";

    @RegisterExtension
    static final FreshDatabase fresh = new FreshDatabase();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Level rootLevel;

    /** Everything logged at the product's levels (INFO and above unless a logger says otherwise). */
    @BeforeEach
    void captureLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.INFO);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logs);
        root.setLevel(rootLevel);
    }

    /** An order line out for delivery, and its batch. */
    private record Line(java.util.UUID batchId, java.util.UUID orderId, java.util.UUID id) {
    }

    private static Line lineOutForDelivery() {
        RiderRow rider = fresh.given().rider("Rider " + java.util.UUID.randomUUID().toString().substring(0, 4), 20, "50", 1);
        BatchRow batch = fresh.given().batch(1, "1");
        fresh.services().assignments().assign(batch.id(), rider.id(), ACTOR);
        fresh.services().assignments().transition(batch.id(), BatchStatus.PICKED, ACTOR, null);
        fresh.services().assignments().transition(batch.id(), BatchStatus.OUT_FOR_DELIVERY, ACTOR, null);
        BatchOrderRow row = fresh.services().queries().orders(batch.id()).get(0);
        return new Line(batch.id(), row.orderId(), row.id());
    }

    private static String photo(String url) {
        return "{\"notes\": \"" + MARKER + "\", \"photos\": [{\"url\": \"https://pod.example/ok.jpg\"}, {\"url\": \""
                + url + "\"}]}";
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
            Arguments.of("10,000 levels deep", "{\"notes\": \"" + MARKER + "\", \"x\": " + "[".repeat(10_000)
                    + "]".repeat(10_000) + "}", "nests deeper than 32 levels inside x (line 1, column "),
            Arguments.of("a 5,000-digit number", "{\"notes\": \"" + MARKER + "\", \"coordinates\": {\"lat\": "
                    + "9".repeat(5_000) + ", \"lon\": 0}}", "coordinates.lat has a number longer than 64 characters"),
            Arguments.of("a number beyond a double", "{\"notes\": \"" + MARKER + "\", \"reading\": 1e400}",
                    "reading is a number too large to store"),
            Arguments.of("\\u0000 in a text", "{\"notes\": \"" + MARKER + " \\u0000 at the door\"}",
                    "notes contains \\u0000 (a NUL character), which PostgreSQL cannot store"),
            Arguments.of("\\u0000 in a field name", "{\"device\": {\"" + MARKER + "\\u0000\": 1}}",
                    "A field name in device contains \\u0000"),
            Arguments.of("an unpaired surrogate", "{\"recipientName\": \"" + MARKER + "\\ud800\"}",
                    "recipientName contains an unpaired surrogate \\uD800"),
            Arguments.of("garbage after the object", "{\"notes\": \"" + MARKER + "\"} garbage",
                    "has more content after its JSON value (line 1, column 28)"),
            Arguments.of("a second object", "{\"notes\": \"" + MARKER + "\"}\n{\"notes\": \"again\"}",
                    "has more content after its JSON value (line 2, column 1)"),
            Arguments.of("a local file", photo("file:///etc/passwd"), "photos[1].url is not an https address"),
            Arguments.of("a file share", photo("file://host/share/door.jpg"), "photos[1].url is not an https address"),
            Arguments.of("cloud metadata", photo("http://169.254.169.254/latest/meta-data/"),
                    "photos[1].url is not an https address"),
            Arguments.of("plain http to loopback", photo("http://127.0.0.1/door.jpg"),
                    "photos[1].url is not an https address"),
            Arguments.of("https to loopback", photo("https://127.0.0.1/door.jpg"),
                    "photos[1].url points at this computer"),
            Arguments.of("https to localhost", photo("https://localhost/door.jpg"),
                    "photos[1].url points at this computer"),
            Arguments.of("https to a private network", photo("https://192.168.1.20/door.jpg"),
                    "photos[1].url is a private network address"),
            Arguments.of("https to link-local", photo("https://169.254.169.254/latest/meta-data/"),
                    "photos[1].url is a link-local address"),
            Arguments.of("a signature image from a file", "{\"notes\": \"" + MARKER + "\", \"signature\": "
                    + "{\"imageUrl\": \"file:///home/olga/sig.png\"}}", "signature.imageUrl is not an https address"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusedWithInvalidPodNamingWhereNothingWrittenAndNothingLogged(String what, String document, String message) {
        Line line = lineOutForDelivery();
        String before = fresh.sql().fingerprint();

        assertThatThrownBy(() -> fresh.services().batches().recordOutcome(line.batchId(), line.orderId(),
                OrderOutcome.DELIVERED, null, document, ACTOR))
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_POD))
                .hasMessageContaining(message)
                .hasMessageEndingWith("Nothing was saved.");
        assertThat(fresh.sql().fingerprint()).isEqualTo(before);
        assertThat(logged()).as("nothing of the document in the logs").noneMatch(text -> text.contains(MARKER));
    }

    @Test
    void imagesFromHttpsOrInsideTheDocumentAreAccepted() {
        Line line = lineOutForDelivery();
        String document = "{\"photos\": [{\"url\": \"https://pod.example/p/1.jpg\"}, "
                + "{\"url\": \"data:image/png;base64,iVBORw0KGgo=\"}], "
                + "\"signature\": {\"imageUrl\": \"data:image/jpeg;base64,/9j/4AAQ\"}}";

        fresh.services().batches().recordOutcome(line.batchId(), line.orderId(), OrderOutcome.DELIVERED, null, document, ACTOR);

        assertThat(fresh.sql().value("SELECT proof_of_delivery->'photos'->1->>'url' FROM delivery_batch_orders WHERE id = ?",
                line.id())).isEqualTo("data:image/png;base64,iVBORw0KGgo=");
    }

    /** Every captured event as text: the message, and the messages of its exception chain. */
    private List<String> logged() {
        return logs.list.stream().map(event -> {
            StringBuilder text = new StringBuilder(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append('\n').append(t.getMessage());
            }
            return text.toString();
        }).toList();
    }
}

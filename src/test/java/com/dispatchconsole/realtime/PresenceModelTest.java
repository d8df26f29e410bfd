package com.dispatchconsole.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.UnitTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Presence without a database: what a payload must look like to be believed (anything else is ignored whole), how
 * long a console's presence lasts without a heartbeat, and how often a console speaks. Time is handed in, so
 * nothing here waits.
 */
@UnitTest
class PresenceModelTest {

    private static final UUID BATCH = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID OTHER_BATCH = UUID.fromString("22222222-2222-2222-2222-222222222222");
    private static final UUID CONSOLE = UUID.fromString("33333333-3333-3333-3333-333333333333");
    private static final PresenceSettings SETTINGS = PresenceSettings.DEFAULT;
    private static final long SECOND = 1_000_000_000L;

    private static String payload(String name, String kind, UUID... batches) {
        StringBuilder ids = new StringBuilder();
        for (UUID b : batches) {
            ids.append(ids.isEmpty() ? "" : ",").append('"').append(b).append('"');
        }
        return "{\"v\":1,\"c\":\"" + CONSOLE + "\",\"o\":\"" + name + "\",\"k\":\"" + kind + "\",\"b\":[" + ids + "]}";
    }

    // ---- the payload ------------------------------------------------------------------------------------------

    @Test
    void aMessageGoesOutAndComesBackTheSame() {
        PresenceMessage sent = new PresenceMessage(CONSOLE, "Olga", PresenceKind.DRAGGING, List.of(BATCH, OTHER_BATCH));
        assertThat(PresenceMessage.parse(sent.toJson())).contains(sent);
        assertThat(PresenceMessage.parse(payload("Ben", "viewing", BATCH)))
                .contains(new PresenceMessage(CONSOLE, "Ben", PresenceKind.VIEWING, List.of(BATCH)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "not json", "[]", "42", "null", "{}",
            // wrong version, unknown kind, wrong types, bad ids
            "{\"v\":2,\"c\":\"33333333-3333-3333-3333-333333333333\",\"o\":\"Ben\",\"k\":\"viewing\",\"b\":[]}",
            "{\"v\":1,\"c\":\"33333333-3333-3333-3333-333333333333\",\"o\":\"Ben\",\"k\":\"hacking\",\"b\":[]}",
            "{\"v\":1,\"c\":\"33333333-3333-3333-3333-333333333333\",\"o\":\"Ben\",\"k\":\"VIEWING\",\"b\":[]}",
            "{\"v\":1,\"c\":\"not-a-uuid\",\"o\":\"Ben\",\"k\":\"viewing\",\"b\":[]}",
            "{\"v\":1,\"c\":\"33333333-3333-3333-3333-333333333333\",\"o\":42,\"k\":\"viewing\",\"b\":[]}",
            "{\"v\":1,\"c\":\"33333333-3333-3333-3333-333333333333\",\"o\":\"Ben\",\"k\":\"viewing\",\"b\":[\"x\"]}",
            "{\"v\":1,\"c\":\"33333333-3333-3333-3333-333333333333\",\"o\":\"Ben\",\"k\":\"viewing\",\"b\":[7]}",
            "{\"v\":1,\"c\":\"33333333-3333-3333-3333-333333333333\",\"o\":\"Ben\",\"k\":\"viewing\",\"b\":\"x\"}",
            "{\"v\":1,\"c\":\"33333333-3333-3333-3333-333333333333\",\"o\":\"Ben\",\"k\":\"viewing\"}",
            // names: empty, blank, with control or invisible characters, longer than the cap
            "{\"v\":1,\"c\":\"33333333-3333-3333-3333-333333333333\",\"o\":\"\",\"k\":\"viewing\",\"b\":[]}",
            "{\"v\":1,\"c\":\"33333333-3333-3333-3333-333333333333\",\"o\":\"   \",\"k\":\"viewing\",\"b\":[]}",
            "{\"v\":1,\"c\":\"33333333-3333-3333-3333-333333333333\",\"o\":\"Ben\\n is dragging\",\"k\":\"viewing\",\"b\":[]}",
            "{\"v\":1,\"c\":\"33333333-3333-3333-3333-333333333333\",\"o\":\"Ben\\u202e\",\"k\":\"viewing\",\"b\":[]}",
            "{\"v\":1,\"c\":\"33333333-3333-3333-3333-333333333333\",\"o\":\"B\\u200ben\",\"k\":\"viewing\",\"b\":[]}",
            "{\"v\":1,\"c\":\"33333333-3333-3333-3333-333333333333\",\"o\":\"abcdefghijklmnopqrstuvwxyzabcdefg\",\"k\":\"viewing\",\"b\":[]}"})
    void anythingElseIsIgnoredWhole(String payload) {
        assertThat(PresenceMessage.parse(payload)).isEmpty();
    }

    @Test
    void oversizedPayloadsAndTooManyBatchesAreIgnored() {
        String padded = payload("Ben", "viewing", BATCH).replace("{\"v\":1", "{\"pad\":\""
                + "x".repeat(PresenceMessage.MAX_PAYLOAD) + "\",\"v\":1");
        assertThat(PresenceMessage.parse(padded)).isEmpty();
        assertThat(PresenceMessage.parse(null)).isEmpty();
        UUID[] many = new UUID[PresenceMessage.MAX_BATCHES + 1];
        java.util.Arrays.fill(many, BATCH);
        assertThat(payload("Ben", "dragging", many).length()).isLessThanOrEqualTo(PresenceMessage.MAX_PAYLOAD);
        assertThat(PresenceMessage.parse(payload("Ben", "dragging", many))).isEmpty();
        assertThat(PresenceMessage.parse(payload("Ben", "dragging",
                java.util.Arrays.copyOf(many, PresenceMessage.MAX_BATCHES)))).isPresent();
    }

    @Test
    void aSendersOwnNameIsCleanedToWhatReceiversAccept() {
        PresenceMessage sent = new PresenceMessage(CONSOLE, " Olga\u202e \t Petrova\u0007 " + "x".repeat(40),
                PresenceKind.VIEWING, List.of(BATCH));
        PresenceMessage heard = PresenceMessage.parse(sent.toJson()).orElseThrow();
        assertThat(heard.operator()).startsWith("Olga Petrova x").hasSize(PresenceMessage.MAX_NAME);
    }

    // ---- the board --------------------------------------------------------------------------------------------

    private static PresenceMessage message(UUID console, String name, PresenceKind kind, UUID... batches) {
        return new PresenceMessage(console, name, kind, List.of(batches));
    }

    @Test
    void presenceLastsWhileHeartBeatingAndExpiresWithout() {
        PresenceBoard board = new PresenceBoard(SETTINGS, UUID.randomUUID());
        assertThat(board.accept(7, message(CONSOLE, "Olga", PresenceKind.VIEWING, BATCH), 0)).isTrue();
        // A heartbeat refreshes without counting as a change.
        assertThat(board.accept(7, message(CONSOLE, "Olga", PresenceKind.VIEWING, BATCH), 10 * SECOND)).isFalse();
        assertThat(board.expire(24 * SECOND)).isFalse();
        assertThat(board.snapshot().on(BATCH)).containsExactly(new Presence("Olga", PresenceKind.VIEWING));
        assertThat(board.expire(26 * SECOND)).isTrue();
        assertThat(board.snapshot().on(BATCH)).isEmpty();
    }

    @Test
    void noneRemovesAConsoleAndOnlyItsOwnSessionCanSayIt() {
        PresenceBoard board = new PresenceBoard(SETTINGS, UUID.randomUUID());
        board.accept(7, message(CONSOLE, "Olga", PresenceKind.DRAGGING, BATCH), 0);
        // Another session claiming the same console instance cannot erase or rewrite it.
        board.accept(8, message(CONSOLE, "Olga", PresenceKind.NONE), SECOND);
        assertThat(board.snapshot().on(BATCH)).containsExactly(new Presence("Olga", PresenceKind.DRAGGING));
        assertThat(board.accept(7, message(CONSOLE, "Olga", PresenceKind.NONE), SECOND)).isTrue();
        assertThat(board.snapshot().on(BATCH)).isEmpty();
    }

    @Test
    void oneSessionFloodingMadeUpConsolesCannotCrowdOutARealColleague() {
        PresenceBoard board = new PresenceBoard(SETTINGS, UUID.randomUUID());
        // A plain-SQL login sends as many "consoles" as the board holds, all from its one server session.
        for (int i = 0; i < SETTINGS.maxConsoles() * 2; i++) {
            board.accept(666, message(UUID.randomUUID(), "filler" + i, PresenceKind.VIEWING, OTHER_BATCH), 0);
        }
        assertThat(board.size()).as("one session, one console").isEqualTo(1);
        assertThat(board.accept(7, message(CONSOLE, "Sam", PresenceKind.DRAGGING, BATCH), SECOND)).isTrue();
        assertThat(board.snapshot().on(BATCH)).containsExactly(new Presence("Sam", PresenceKind.DRAGGING));
    }

    @Test
    void aConsoleDoesNotSeeItselfAndTheBoardDoesNotGrowWithoutBound() {
        UUID self = UUID.randomUUID();
        PresenceBoard board = new PresenceBoard(SETTINGS, self);
        assertThat(board.accept(7, message(self, "Olga", PresenceKind.VIEWING, BATCH), 0)).isFalse();
        assertThat(board.snapshot().on(BATCH)).isEmpty();
        for (int i = 0; i < SETTINGS.maxConsoles() + 50; i++) {
            board.accept(1000 + i, message(UUID.randomUUID(), "Bot" + i, PresenceKind.VIEWING, BATCH), 0);
        }
        assertThat(board.size()).isEqualTo(SETTINGS.maxConsoles());
    }

    @Test
    void draggingComesBeforeViewingAndANameIsShownOncePerKind() {
        PresenceBoard board = new PresenceBoard(SETTINGS, UUID.randomUUID());
        board.accept(1, message(UUID.randomUUID(), "Olga", PresenceKind.VIEWING, BATCH), 0);
        board.accept(2, message(UUID.randomUUID(), "Olga", PresenceKind.VIEWING, BATCH), 0);
        board.accept(3, message(UUID.randomUUID(), "Ben", PresenceKind.DRAGGING, BATCH, OTHER_BATCH), 0);
        assertThat(board.snapshot().on(BATCH)).containsExactly(new Presence("Ben", PresenceKind.DRAGGING),
                new Presence("Olga", PresenceKind.VIEWING));
        assertThat(board.snapshot().on(OTHER_BATCH)).containsExactly(new Presence("Ben", PresenceKind.DRAGGING));
    }

    // ---- what a console says, and when ------------------------------------------------------------------------

    @Test
    void quickChangesAreMergedAndTheLatestGoesWhenTheIntervalIsUp() {
        PresenceAnnouncer announcer = new PresenceAnnouncer(SETTINGS);
        long interval = SETTINGS.minInterval().toNanos();
        announcer.set(PresenceKind.VIEWING, List.of(BATCH));
        assertThat(announcer.next(0)).isEqualTo(new PresenceAnnouncer.Due(PresenceKind.VIEWING, List.of(BATCH)));
        // A drag hovering, a dispatcher arrowing through rows: many changes inside one interval send nothing yet.
        List<PresenceAnnouncer.Due> sent = new ArrayList<>();
        for (int i = 1; i < 100; i++) {
            announcer.set(i % 2 == 0 ? PresenceKind.VIEWING : PresenceKind.DRAGGING, List.of(i % 3 == 0 ? BATCH : OTHER_BATCH));
            sent.add(announcer.next(i * interval / 100));
        }
        assertThat(sent).containsOnlyNulls();
        announcer.set(PresenceKind.DRAGGING, List.of(OTHER_BATCH));
        assertThat(announcer.next(interval)).isEqualTo(new PresenceAnnouncer.Due(PresenceKind.DRAGGING, List.of(OTHER_BATCH)));
        assertThat(announcer.next(interval + 1)).isNull();
    }

    @Test
    void atMostAFewMessagesASecondHoweverBusyTheOperator() {
        PresenceAnnouncer announcer = new PresenceAnnouncer(SETTINGS);
        int messages = 0;
        // Ten seconds of a change every millisecond, polled every millisecond.
        for (long ms = 0; ms < 10_000; ms++) {
            announcer.set(PresenceKind.DRAGGING, List.of(ms % 2 == 0 ? BATCH : OTHER_BATCH));
            if (announcer.next(ms * 1_000_000L) != null) {
                messages++;
            }
        }
        assertThat(messages).isBetween(10, (int) (10_000 / SETTINGS.minInterval().toMillis()) + 1);
    }

    @Test
    void whileShowingSomethingItIsRepeatedAndAfterAReconnectSaidAgain() {
        PresenceAnnouncer announcer = new PresenceAnnouncer(SETTINGS);
        long heartbeat = SETTINGS.heartbeat().toNanos();
        assertThat(announcer.next(0)).as("nothing shown, nothing said").isNull();
        announcer.set(PresenceKind.VIEWING, List.of(BATCH));
        assertThat(announcer.next(0)).isNotNull();
        assertThat(announcer.next(heartbeat - 1)).isNull();
        assertThat(announcer.next(heartbeat)).isNotNull();
        announcer.reannounce();
        assertThat(announcer.next(heartbeat + SETTINGS.minInterval().toNanos())).isNotNull();
        // Showing nothing: "none" once, then silence (no heartbeat for nothing).
        announcer.set(PresenceKind.NONE, List.of());
        assertThat(announcer.next(2 * heartbeat).kind()).isEqualTo(PresenceKind.NONE);
        assertThat(announcer.next(10 * heartbeat)).isNull();
    }

    // ---- the hub: both together, as the feed drives them -------------------------------------------------------

    @Test
    void theHubIgnoresGarbageHidesItselfAndPublishesExpiryAndLoss() {
        AtomicLong now = new AtomicLong();
        PresenceHub hub = new PresenceHub("Olga", SETTINGS, now::get);
        List<PresenceSnapshot> published = Collections.synchronizedList(new ArrayList<>());
        hub.listen(published::add);
        published.clear();

        hub.received("{\"v\":1,\"c\":\"" + hub.instance() + "\",\"o\":\"Olga\",\"k\":\"viewing\",\"b\":[\"" + BATCH + "\"]}", 1, 0);
        hub.received("x".repeat(5000), 2, 0);
        hub.received(payload("Mallory", "owning", BATCH), 2, 0);
        hub.outgoing(0);
        assertThat(published).as("its own echo and garbage change nothing").isEmpty();

        hub.received(payload("Ben", "dragging", BATCH), 2, 0);
        hub.outgoing(0);
        assertThat(published).last().extracting(s -> s.on(BATCH))
                .isEqualTo(List.of(new Presence("Ben", PresenceKind.DRAGGING)));

        long expired = SETTINGS.expireAfter().toNanos() + SECOND;
        hub.outgoing(expired);
        assertThat(published).last().extracting(s -> s.on(BATCH)).isEqualTo(List.of());

        hub.received(payload("Ben", "dragging", BATCH), 2, expired);
        hub.outgoing(expired + SECOND);
        assertThat(published).last().extracting(s -> s.on(BATCH)).asList().hasSize(1);
        hub.disconnected();
        assertThat(published).last().extracting(s -> s.on(BATCH)).isEqualTo(List.of());
    }

    @Test
    void theHubSaysWhatItsOperatorShowsAndLeavesWithNone() throws Exception {
        PresenceHub hub = new PresenceHub("Olga", SETTINGS, () -> 0);
        hub.show(PresenceKind.VIEWING, List.of(BATCH));
        PresenceMessage said = PresenceMessage.parse(hub.outgoing(0)).orElseThrow();
        assertThat(said).isEqualTo(new PresenceMessage(hub.instance(), "Olga", PresenceKind.VIEWING, List.of(BATCH)));

        Thread feed = new Thread(() -> {
            // The feed's loop: asks until the goodbye has gone out, then once more.
            for (long t = SECOND; t < 100 * SECOND; t += SECOND) {
                String out = hub.outgoing(t);
                if (out != null && out.contains("\"none\"")) {
                    hub.outgoing(t + SECOND);
                    return;
                }
                Thread.onSpinWait();
            }
        });
        long started = System.nanoTime();
        Thread leaving = new Thread(() -> hub.leave(Duration.ofSeconds(30)));
        leaving.start();
        Thread.sleep(50);
        feed.start();
        leaving.join(30_000);
        feed.join(30_000);
        assertThat(leaving.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("left once the goodbye was sent, not on the limit")
                .isLessThan(Duration.ofSeconds(29));
    }
}

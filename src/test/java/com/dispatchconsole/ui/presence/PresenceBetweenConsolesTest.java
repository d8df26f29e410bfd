package com.dispatchconsole.ui.presence;

import static com.dispatchconsole.ui.presence.TwoConsoles.onFx;
import static com.dispatchconsole.ui.presence.TwoConsoles.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.realtime.LiveState;
import com.dispatchconsole.realtime.PresenceSettings;
import com.dispatchconsole.testing.Logins;
import com.dispatchconsole.testing.UiTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.NodeQueryUtils;

/**
 * Two consoles on one real PostgreSQL: what Olga has open or drags shows in Ben's batch rows and detail pane
 * ("olga is viewing", "olga is dragging"), never in her own; a drop on a batch another console is dragging asks
 * once; a closed console's presence goes at once, a silent one's when it expires; and what any other login posts
 * on the channel is only believed when it is well formed. Presence writes no history.
 */
@UiTest
class PresenceBetweenConsolesTest {

    private final TwoConsoles consoles = new TwoConsoles();

    @AfterEach
    void close() {
        consoles.close();
    }

    @Test
    void whatOneConsoleHasOpenOrDragsShowsInTheOtherAndNotInItself(FxRobot robot) throws Exception {
        consoles.given.rider("Ana Silva", 10, "20", 1);
        BatchRow batch = consoles.given.batch(2, "1.5");
        BatchRow other = consoles.given.batch(1, "1");
        TwoConsoles.Console olga = consoles.open(robot, "olga", PresenceSettings.DEFAULT, 0, 1, 2);
        TwoConsoles.Console ben = consoles.open(robot, "ben", TwoConsoles.PATIENT, 1, 1, 2);
        long historyBefore = consoles.sql.count("SELECT count(*) FROM batch_status_history");

        robot.clickOn(olga.cell(robot, "#batches-table", ShortId.of(batch.id())));
        waitUntil(() -> "olga is viewing".equals(onFx(() -> ben.presenceOf(batch.id()))));
        assertThat(onFx(() -> ben.presenceOf(other.id()))).isEmpty();
        assertThat(onFx(() -> olga.presenceOf(batch.id()))).as("her own console does not show her").isEmpty();

        // Ben opens the same batch: his detail pane says Olga has it open, and Olga's row now shows Ben.
        robot.clickOn(ben.cell(robot, "#batches-table", ShortId.of(batch.id())));
        waitUntil(() -> "olga is viewing".equals(onFx(() -> ben.text("#detail-presence"))));
        waitUntil(() -> "ben is viewing".equals(onFx(() -> olga.presenceOf(batch.id()))));
        robot.clickOn(ben.cell(robot, "#batches-table", ShortId.of(other.id())));

        // Olga drags the batch and holds it over a rider: Ben sees her dragging it, until she lets go.
        robot.drag(olga.cell(robot, "#batches-table", ShortId.of(batch.id())))
                .moveTo(olga.cell(robot, "#riders-table", "Ana Silva"));
        waitUntil(() -> "olga is dragging".equals(onFx(() -> ben.presenceOf(batch.id()))));
        robot.release(MouseButton.PRIMARY);
        waitUntil(() -> "ASSIGNED".equals(consoles.sql.value("SELECT status FROM delivery_batches WHERE id = ?", batch.id())));
        waitUntil(() -> !onFx(() -> ben.presenceOf(batch.id())).contains("dragging"));

        // Presence is not audited: the only history row is the assignment's.
        assertThat(consoles.sql.count("SELECT count(*) FROM batch_status_history")).isEqualTo(historyBefore + 1);
    }

    @Test
    void droppingABatchAnotherConsoleIsDraggingAsksOnceFirst(FxRobot robot) throws Exception {
        RiderRow ana = consoles.given.rider("Ana Silva", 10, "20", 1);
        RiderRow sam = consoles.given.rider("Sam Reed", 10, "20", 1);
        BatchRow batch = consoles.given.batch(2, "1.5");
        TwoConsoles.Console olga = consoles.open(robot, "olga", TwoConsoles.PATIENT, 0, 2, 1);
        TwoConsoles.Console ben = consoles.open(robot, "ben", PresenceSettings.DEFAULT, 1, 2, 1);

        // Ben is dragging the batch in his console.
        robot.interact(() -> ben.model.presence().dragging(List.of(batch.id())));
        waitUntil(() -> "ben is dragging".equals(onFx(() -> olga.presenceOf(batch.id()))));

        robot.drag(olga.cell(robot, "#batches-table", ShortId.of(batch.id())))
                .dropTo(olga.cell(robot, "#riders-table", "Ana Silva"));
        waitUntilShown(robot, "#presence-leave-it");
        assertThat(robot.lookup("#presence-warning").queryAs(javafx.scene.control.DialogPane.class).getHeaderText())
                .isEqualTo("ben is dragging this batch too — assign anyway?");
        robot.clickOn("#presence-leave-it");
        waitUntil(() -> robot.lookup("#presence-warning").tryQuery().isEmpty());
        assertThat(consoles.sql.value("SELECT status FROM delivery_batches WHERE id = ?", batch.id())).isEqualTo("CREATED");

        robot.drag(olga.cell(robot, "#batches-table", ShortId.of(batch.id())))
                .dropTo(olga.cell(robot, "#riders-table", "Ana Silva"));
        waitUntilShown(robot, "#presence-go-ahead");
        robot.clickOn("#presence-go-ahead");
        waitUntil(() -> ana.id().equals(consoles.sql.value("SELECT rider_id FROM delivery_batches WHERE id = ?", batch.id())));

        // A reassignment asks for its reason anyway: the warning is in that one dialog, not a second one.
        waitUntil(() -> "Ana Silva".equals(olga.model.rows().allBatches().get(0).riderName()));
        robot.drag(olga.cell(robot, "#batches-table", ShortId.of(batch.id())))
                .dropTo(olga.cell(robot, "#riders-table", "Sam Reed"));
        waitUntilShown(robot, "#reason-field");
        assertThat(robot.lookup("#presence-warning").tryQuery()).isEmpty();
        assertThat(robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class).getHeaderText())
                .startsWith("ben is dragging this batch too. Reassign batch");
        robot.clickOn("#reason-dismiss");
        assertThat(sam.id()).isNotEqualTo(consoles.sql.value("SELECT rider_id FROM delivery_batches WHERE id = ?", batch.id()));
    }

    @Test
    void aClosedConsolesPresenceGoesAtOnce(FxRobot robot) throws Exception {
        BatchRow batch = consoles.given.batch(2, "1.5");
        consoles.given.rider("Ana Silva", 10, "20", 1);
        TwoConsoles.Console olga = consoles.open(robot, "olga", PresenceSettings.DEFAULT, 0, 1, 1);
        // Ben's console keeps a presence for 90 s without a heartbeat: only Olga's goodbye can clear it sooner.
        TwoConsoles.Console ben = consoles.open(robot, "ben", TwoConsoles.PATIENT, 1, 1, 1);

        robot.clickOn(olga.cell(robot, "#batches-table", ShortId.of(batch.id())));
        waitUntil(() -> "olga is viewing".equals(onFx(() -> ben.presenceOf(batch.id()))));

        olga.close(robot);
        waitUntil(() -> onFx(() -> ben.presenceOf(batch.id())).isEmpty());
    }

    @Test
    void aSilentConsoleExpiresAndWhatElseIsPostedOnTheChannelIsBelievedOnlyWhenWellFormed(FxRobot robot)
            throws Exception {
        BatchRow batch = consoles.given.batch(2, "1.5");
        consoles.given.rider("Ana Silva", 10, "20", 1);
        PresenceSettings quick = PresenceSettings.DEFAULT.withExpiry(Duration.ofSeconds(2), Duration.ofMillis(500));
        TwoConsoles.Console ben = consoles.open(robot, "ben", quick, 1, 1, 1);

        // Any login may post on the channel: here one that cannot even change a batch.
        var login = Logins.create(consoles.db.config(), "dispatch_rider_system");
        try (Connection c = java.sql.DriverManager.getConnection(login.url(), login.user(), login.password());
             PreparedStatement notify = c.prepareStatement("SELECT pg_notify('dispatch_presence', ?)")) {
            String c1 = "11111111-1111-1111-1111-111111111111";
            String c2 = "22222222-2222-2222-2222-222222222222";
            String id = batch.id().toString();
            for (String garbage : List.of("not json",
                    "{\"v\":1,\"c\":\"" + c2 + "\",\"o\":\"Mallory\",\"k\":\"owning\",\"b\":[\"" + id + "\"]}",
                    "{\"v\":1,\"c\":\"" + c2 + "\",\"o\":\"Mallory\\u202e\",\"k\":\"viewing\",\"b\":[\"" + id + "\"]}",
                    "{\"pad\":\"" + "x".repeat(4000) + "\",\"v\":1,\"c\":\"" + c2
                            + "\",\"o\":\"Mallory\",\"k\":\"viewing\",\"b\":[\"" + id + "\"]}")) {
                notify.setString(1, garbage);
                notify.execute();
            }
            // (each from another console than the one below: had any been believed, the row would name Mallory too)
            // Then a well-formed one, once, and never again: a console that crashed right after saying it.
            notify.setString(1, "{\"v\":1,\"c\":\"" + c1 + "\",\"o\":\"Sam\",\"k\":\"viewing\",\"b\":[\"" + id + "\"]}");
            notify.execute();
        }
        waitUntil(() -> "Sam is viewing".equals(onFx(() -> ben.presenceOf(batch.id()))));
        assertThat(ben.session.feed().state().status()).isEqualTo(LiveState.Status.LIVE);

        waitUntil(() -> onFx(() -> ben.presenceOf(batch.id())).isEmpty());
        assertThat(ben.session.feed().state().status()).isEqualTo(LiveState.Status.LIVE);
    }

    private static void waitUntilShown(FxRobot robot, String query) throws Exception {
        waitUntil(() -> robot.lookup(query).match(NodeQueryUtils.isVisible()).tryQuery().isPresent());
    }
}

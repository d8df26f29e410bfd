package com.dispatchconsole.ui.pod;

import static com.dispatchconsole.ui.console.ConsoleHarness.cell;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.domain.rows.StoredPhoto;
import com.dispatchconsole.testing.UiTest;
import com.dispatchconsole.ui.common.Failures;
import com.dispatchconsole.ui.common.UiExecutor;
import com.dispatchconsole.ui.console.ConsoleHarness;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * A photo a rider's app uploaded (stored in the database, named {@code photo:<uuid>} by the PoD) in the viewer:
 * read from the database in a background call of its own, drawn from its bytes (no address, nothing fetched), and
 * a photo that is not stored (deleted by the owner after its retention period) said in words.
 */
@UiTest
class StoredPhotoViewerTest {

    @RegisterExtension
    final ConsoleHarness console = new ConsoleHarness();

    @Test
    void aStoredPngIsShownFromTheDatabaseAndAPhotoNotStoredIsSaidInWords(FxRobot robot) throws Exception {
        StoredPhoto door = console.services.photos().store(doorPng(), "Rider app");
        UUID expired = console.services.photos().store(doorPng(), "Rider app").id();
        BatchOrderRow line = deliveredLine("{\"deliveryType\": \"LEFT_AT_DOOR\", \"photos\": [{\"url\": \""
                + door.reference() + "\"}, {\"url\": \"photo:" + expired + "\"}]}");
        // Retention: only the owner deletes photos; the PoD still names it.
        console.sql.update("DELETE FROM pod_photos WHERE id = ?", expired);

        openPod(robot, line);

        waitUntil(() -> robot.lookup("#photo-stored").tryQuery()
                .map(node -> ((ImageView) node).getImage() != null).orElse(false));
        ImageView shown = robot.lookup("#photo-stored").queryAs(ImageView.class);
        assertThat(shown.getImage().isError()).isFalse();
        assertThat(shown.getImage().getWidth()).as("decoded, fitted to the tile").isPositive().isLessThanOrEqualTo(220);
        assertThat(shown.getImage().getUrl()).as("drawn from the bytes read, not loaded from an address").isNull();
        waitUntil(() -> robot.lookup("#photo-missing").tryQuery().isPresent());
        assertThat(robot.lookup("#photo-missing").queryAs(Label.class).getText())
                .isEqualTo("Photo " + ShortId.of(expired) + " is not stored in this database.");
        assertThat(robot.lookup("#photo-unsafe").tryQuery()).as("a stored photo is no unsafe address").isEmpty();
        assertThat(robot.lookup("#photo-error").tryQuery()).isEmpty();
        assertThat(robot.lookup("#pod-flags").queryAs(javafx.scene.layout.VBox.class).getChildren())
                .as("the photo a door delivery needs is there").isEmpty();
    }

    @Test
    void thePhotoIsReadInABackgroundCallOfItsOwnAndNotAgainOnAReload() throws Exception {
        StoredPhoto door = console.services.photos().store(doorPng(), "Rider app");
        BatchOrderRow line = deliveredLine("{\"photos\": [{\"url\": \"" + door.reference() + "\"}, {\"url\": \""
                + door.reference() + "\"}]}");
        Deferred background = new Deferred();
        PodViewModel viewer = new PodViewModel(console.services.pods(), console.services.photos(), console.services.queries(),
                background, line.id());

        viewer.load();
        background.runNext();

        assertThat(viewer.photos()).hasSize(2);
        assertThat(viewer.storedImages()).as("the document is shown; its photo is still being read").isEmpty();
        assertThat(background.waiting()).as("one read for the photo named twice").isEqualTo(1);
        background.runNext();
        assertThat(viewer.storedImages().get(door.id())).isInstanceOfSatisfying(PodViewModel.Shown.class, shown -> {
            assertThat(shown.photo()).isEqualTo(door);
            assertThat(shown.content().bytes()).isEqualTo(doorPng());
        });

        viewer.load();
        background.runNext();
        assertThat(background.waiting()).as("a stored photo never changes: not read again").isZero();
        assertThat(viewer.storedImages().get(door.id())).isInstanceOf(PodViewModel.Shown.class);
    }

    @Test
    void aWebpPhotoIsKeptButTheViewerSaysItCannotDrawIt() {
        StoredPhoto webp = console.services.photos().store(
                "RIFF\u0024\0\0\0WEBPVP8 ".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), "Rider app");
        BatchOrderRow line = deliveredLine("{\"photos\": [{\"url\": \"" + webp.reference() + "\"}]}");
        PodViewModel viewer = new PodViewModel(console.services.pods(), console.services.photos(),
                console.services.queries(), new com.dispatchconsole.ui.common.SynchronousUiExecutor(), line.id());

        viewer.load();

        assertThat(viewer.storedImages().get(webp.id())).isEqualTo(new PodViewModel.NotShown("Photo "
                + ShortId.of(webp.id()) + " is stored as a WebP image, which the console cannot draw.", false));
    }

    /** Background work waits in a queue until the test runs it; callbacks run at once, as on the UI thread. */
    private static final class Deferred implements UiExecutor {

        private final Deque<Runnable> queued = new ArrayDeque<>();

        @Override
        public <T> void submit(Callable<T> work, Consumer<T> onSuccess, Consumer<DispatchException> onFailure) {
            queued.add(() -> {
                T result;
                try {
                    result = work.call();
                } catch (Exception e) {
                    onFailure.accept(Failures.typed(e));
                    return;
                }
                onSuccess.accept(result);
            });
        }

        @Override
        public void onUiThread(Runnable update) {
            update.run();
        }

        @Override
        public void schedule(Duration delay, Runnable update) {
        }

        void runNext() {
            queued.removeFirst().run();
        }

        int waiting() {
            return queued.size();
        }
    }

    private static byte[] doorPng() {
        try (InputStream in = StoredPhotoViewerTest.class.getResourceAsStream("/com/dispatchconsole/demo/door.png")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private BatchRow shownBatch;

    /** A delivered order line of a new batch, recorded with {@code document}. */
    private BatchOrderRow deliveredLine(String document) {
        RiderRow ana = console.given.rider("Ana Silva", 10, "20", 1);
        BatchRow batch = console.given.batch(1, "1");
        console.given.outForDelivery(batch, ana);
        BatchOrderRow line = console.services.queries().orders(batch.id()).get(0);
        console.services.batches().recordOutcome(batch.id(), line.orderId(), OrderOutcome.DELIVERED, null, document,
                "seed");
        shownBatch = batch;
        return line;
    }

    private void openPod(FxRobot robot, BatchOrderRow line) throws Exception {
        console.load(robot, 1, 1);
        robot.clickOn(cell(robot, "#batches-table", ShortId.of(shownBatch.id())));
        TableView<?> orders = robot.lookup("#detail-orders").queryTableView();
        waitUntil(() -> orders.getItems().size() == 1);
        robot.interact(() -> orders.getSelectionModel().select(0));
        robot.clickOn("#view-pod");
    }
}

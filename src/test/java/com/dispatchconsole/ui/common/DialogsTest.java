package com.dispatchconsole.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.testing.UiTest;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.NodeQueryUtils;
import org.testfx.util.WaitForAsyncUtils;

/** Every dialog takes its owner's theme, and its buttons say what they do. */
@UiTest
class DialogsTest {

    private Stage owner;

    @Start
    void start(Stage stage) {
        owner = stage;
        Scene scene = new Scene(new StackPane(), 400, 200);
        Theme.apply(scene);
        Theme.light(scene, true);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aReasonDialogWearsItsOwnersLightThemeAndNamesBothButtons(FxRobot robot) throws Exception {
        CompletableFuture<Optional<String>> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(Dialogs.askReason(owner, "Cancel", "Cancel batch 3ed134bd?",
                "Cancel batch", "Keep batch")));
        // Visible, not only built: a dialog's nodes exist a moment before its window shows, and a click then misses.
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> robot.lookup("#reason-dismiss").match(NodeQueryUtils.isVisible()).tryQuery().isPresent());

        DialogPane pane = (DialogPane) ancestor(robot.lookup("#reason-field").query(), DialogPane.class);
        assertThat(pane.getStylesheets()).containsExactly(Theme.url(Theme.DARK), Theme.url(Theme.LIGHT));
        assertThat(robot.lookup("#reason-confirm").queryAs(Button.class).getText()).isEqualTo("Cancel batch");
        assertThat(robot.lookup("#reason-dismiss").queryAs(Button.class).getText()).isEqualTo("Keep batch");

        robot.clickOn("#reason-dismiss");
        assertThat(answer.get(5, TimeUnit.SECONDS)).as("kept: no reason, nothing to do").isEmpty();
    }

    @Test
    void twoButtonsThatReadTheSameAreRefusedBeforeAnyDialogOpens() {
        assertThatThrownBy(() -> Dialogs.askReason(null, "Cancel", "Cancel batch 3ed134bd?", "Cancel"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Node ancestor(Node node, Class<?> type) {
        Node at = node;
        while (at != null && !type.isInstance(at)) {
            at = at.getParent();
        }
        return at;
    }
}

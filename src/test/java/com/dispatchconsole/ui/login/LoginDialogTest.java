package com.dispatchconsole.ui.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.UiTest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Signing in to a shared database with the operator's own login. */
@UiTest
class LoginDialogTest {

    @Start
    void start(Stage stage) {
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 200, 100));
        stage.show();
    }

    @Test
    void theOperatorTypesTheirLoginAndSeesWhyTheLastAttemptFailed(FxRobot robot) throws Exception {
        CompletableFuture<LoginDialog.Credentials> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            Dialog<LoginDialog.Credentials> dialog = LoginDialog.create("jdbc:postgresql://db/dispatch",
                    "Could not sign in: password authentication failed for user \"olga\"");
            dialog.setOnHidden(e -> result.complete(dialog.getResult()));
            dialog.show();
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#login-user").tryQuery().isPresent()
                && robot.lookup(n -> n instanceof Button b && "Sign in".equals(b.getText())).tryQuery().isPresent());
        assertThat(robot.lookup("#login-problem").queryAs(Label.class).getText()).contains("password authentication failed");
        Button signIn = robot.lookup(n -> n instanceof Button b && "Sign in".equals(b.getText())).queryAs(Button.class);
        assertThat(signIn.isDisabled()).as("no user, no sign-in").isTrue();

        robot.clickOn("#login-user").write("olga");
        robot.clickOn("#login-password").write("s3cret");
        robot.clickOn(signIn);

        LoginDialog.Credentials credentials = result.get(5, TimeUnit.SECONDS);
        assertThat(credentials).isEqualTo(new LoginDialog.Credentials("olga", "s3cret"));
    }

    @Test
    void aUserGivenOnTheCommandLineIsFilledInAndOnlyThePasswordIsAsked(FxRobot robot) throws Exception {
        CompletableFuture<LoginDialog.Credentials> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            Dialog<LoginDialog.Credentials> dialog = LoginDialog.create("jdbc:postgresql://db/dispatch", null,
                    "demo_supervisor");
            dialog.setOnHidden(e -> result.complete(dialog.getResult()));
            dialog.show();
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#login-password").tryQuery()
                .map(javafx.scene.Node::isFocused).orElse(false));
        assertThat(robot.lookup("#login-user").queryAs(javafx.scene.control.TextField.class).getText())
                .isEqualTo("demo_supervisor");

        robot.clickOn("#login-password").write("demo");
        robot.clickOn(robot.lookup(n -> n instanceof Button b && "Sign in".equals(b.getText())).queryAs(Button.class));

        assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(new LoginDialog.Credentials("demo_supervisor", "demo"));
    }
}

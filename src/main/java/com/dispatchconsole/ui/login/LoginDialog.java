package com.dispatchconsole.ui.login;

import com.dispatchconsole.ui.common.Theme;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/**
 * Asks an operator for their own database login when the console connects to a shared database without one.
 * The credentials go to PostgreSQL as they are; the database decides what this operator may do.
 */
public final class LoginDialog {

    /** What the operator typed. */
    public record Credentials(String user, String password) {
    }

    private LoginDialog() {
    }

    /** Builds the dialog; {@code problem} (e.g. the last failed attempt) is shown above the fields. */
    public static Dialog<Credentials> create(String databaseLabel, String problem) {
        return create(databaseLabel, problem, null);
    }

    /**
     * As above, with the user filled in when the command line named one ({@code --db-user}): only the password is
     * left to type, and it has the focus.
     */
    public static Dialog<Credentials> create(String databaseLabel, String problem, String knownUser) {
        Dialog<Credentials> dialog = new Dialog<>();
        dialog.setTitle("Dispatch Console — sign in");
        dialog.setHeaderText("Sign in to " + databaseLabel);
        Theme.apply(dialog.getDialogPane());
        ButtonType signIn = new ButtonType("Sign in", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(signIn, ButtonType.CANCEL);
        TextField user = new TextField();
        user.setId("login-user");
        user.setPromptText("Database user, e.g. olga");
        PasswordField password = new PasswordField();
        password.setId("login-password");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(10));
        int row = 0;
        if (problem != null && !problem.isBlank()) {
            Label error = new Label(problem);
            error.setId("login-problem");
            error.setWrapText(true);
            error.setMaxWidth(380);
            error.getStyleClass().add("error-text");
            grid.add(error, 0, row++, 2, 1);
        }
        grid.addRow(row++, new Label("User"), user);
        grid.addRow(row, new Label("Password"), password);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().lookupButton(signIn).disableProperty().bind(user.textProperty().isEmpty());
        dialog.setResultConverter(button -> button == signIn ? new Credentials(user.getText().strip(), password.getText()) : null);
        boolean userKnown = knownUser != null && !knownUser.isBlank();
        if (userKnown) {
            user.setText(knownUser.strip());
        }
        dialog.setOnShown(e -> (userKnown ? password : user).requestFocus());
        return dialog;
    }

    public static Optional<Credentials> ask(String databaseLabel, String problem, String knownUser) {
        return create(databaseLabel, problem, knownUser).showAndWait();
    }
}

package com.dispatchconsole.ui.console;

import java.util.Optional;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** Asks for a confirmation and a reason; OK stays disabled until a reason is typed. */
final class ReasonDialog {

    private ReasonDialog() {
    }

    static Optional<String> ask(Window owner, String title, String question, String confirmLabel) {
        Dialog<String> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(question);
        ButtonType confirm = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(confirm, ButtonType.CANCEL);
        TextField reason = new TextField();
        reason.setId("reason-field");
        reason.setPromptText("Reason (required, kept in the audit history)");
        reason.setPrefColumnCount(36);
        dialog.getDialogPane().setContent(new VBox(8, new Label("Reason"), reason));
        dialog.getDialogPane().lookupButton(confirm).disableProperty().bind(reason.textProperty().isEmpty());
        dialog.getDialogPane().lookupButton(confirm).setId("reason-confirm");
        if (owner != null && owner.getScene() != null) {
            dialog.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        dialog.setResultConverter(button -> button == confirm ? reason.getText().strip() : null);
        dialog.setOnShown(e -> reason.requestFocus());
        return dialog.showAndWait().filter(text -> !text.isBlank());
    }
}

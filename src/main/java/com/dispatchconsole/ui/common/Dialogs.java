package com.dispatchconsole.ui.common;

import java.util.Optional;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Every dialog a window opens, view side of the one channel ({@link Notices} and {@link NotificationArea} carry
 * the rest): each takes its owner's theme, so a light console gets light dialogs.
 */
public final class Dialogs {

    /** The dismiss button when the confirm button says what happens (see {@link #askReason}). */
    public static final String DISMISS = "Cancel";

    private Dialogs() {
    }

    /** Asks for a confirmation and a reason; the confirm button stays disabled until a reason is typed. */
    public static Optional<String> askReason(Window owner, String title, String question, String confirmLabel) {
        return askReason(owner, title, question, confirmLabel, DISMISS);
    }

    /**
     * As {@link #askReason(Window, String, String, String)}, with the dismiss button named too: a "Cancel" dialog
     * says "Cancel batch" and "Keep batch", never two buttons that both read "Cancel".
     */
    public static Optional<String> askReason(Window owner, String title, String question, String confirmLabel,
                                             String dismissLabel) {
        if (confirmLabel.strip().equalsIgnoreCase(dismissLabel.strip())) {
            throw new IllegalArgumentException("confirm and dismiss both read '" + confirmLabel + "'");
        }
        Dialog<String> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(question);
        theme(owner, dialog.getDialogPane());
        ButtonType confirm = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        ButtonType dismiss = new ButtonType(dismissLabel, ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().addAll(confirm, dismiss);
        TextField reason = new TextField();
        reason.setId("reason-field");
        reason.setPromptText("Reason (required, kept in the audit history)");
        reason.setPrefColumnCount(36);
        dialog.getDialogPane().setContent(new VBox(8, new Label("Reason"), reason));
        dialog.getDialogPane().lookupButton(confirm).disableProperty().bind(reason.textProperty().isEmpty());
        dialog.getDialogPane().lookupButton(confirm).setId("reason-confirm");
        dialog.getDialogPane().lookupButton(dismiss).setId("reason-dismiss");
        dialog.setResultConverter(button -> button == confirm ? reason.getText().strip() : null);
        dialog.setOnShown(e -> reason.requestFocus());
        return dialog.showAndWait().filter(text -> !text.isBlank());
    }

    /** The owner's theme as it is now (dark or light); the dark one for a dialog without an owner. */
    private static void theme(Window owner, DialogPane pane) {
        if (owner != null && owner.getScene() != null) {
            Theme.copy(owner.getScene(), pane);
        } else {
            Theme.apply(pane);
        }
    }
}

package com.dispatchconsole.ui.alerts;

import com.dispatchconsole.domain.sla.SlaThresholds;
import com.dispatchconsole.ui.common.Dialogs;
import com.dispatchconsole.ui.common.Theme;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * "Thresholds…": the operator's alert thresholds in whole minutes. Apply checks every field; a bad one leaves the
 * dialog open with one line saying what is wrong, and nothing changed. Esc or Cancel changes nothing.
 */
final class ThresholdsDialog {

    private ThresholdsDialog() {
    }

    static void show(Window owner, AlertsViewModel model) {
        SlaThresholds now = model.thresholdsProperty().get();
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Alert thresholds");
        dialog.setHeaderText("When is a batch late, and a rider's position stale? (minutes)");
        if (owner != null && owner.getScene() != null) {
            Theme.copy(owner.getScene(), dialog.getDialogPane());
        } else {
            Theme.apply(dialog.getDialogPane());
        }
        TextField unassigned = field("threshold-unassigned", now.unassigned());
        TextField notPickedUp = field("threshold-not-picked-up", now.notPickedUp());
        TextField notOut = field("threshold-not-out", now.notOut());
        TextField out = field("threshold-out", now.outForDelivery());
        TextField stale = field("threshold-stale", now.positionStale());
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("Unassigned (Created) longer than"), unassigned);
        grid.addRow(1, new Label("Assigned, not picked up, longer than"), notPickedUp);
        grid.addRow(2, new Label("Picked up, not out, longer than"), notOut);
        grid.addRow(3, new Label("Out for delivery longer than"), out);
        grid.addRow(4, new Label("Rider on duty with a batch, no position for"), stale);
        Label error = new Label();
        error.setId("thresholds-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.setMaxWidth(460);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        dialog.getDialogPane().setContent(new VBox(10, grid, error));
        ButtonType apply = new ButtonType("Apply", ButtonBar.ButtonData.OK_DONE);
        ButtonType dismiss = new ButtonType(Dialogs.DISMISS, ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().addAll(apply, dismiss);
        dialog.getDialogPane().lookupButton(apply).setId("thresholds-apply");
        dialog.getDialogPane().lookupButton(dismiss).setId("thresholds-cancel");
        dialog.getDialogPane().lookupButton(apply).addEventFilter(ActionEvent.ACTION, e -> {
            Optional<String> refused = model.setThresholds(unassigned.getText(), notPickedUp.getText(),
                    notOut.getText(), out.getText(), stale.getText());
            if (refused.isPresent()) {
                error.setText(refused.get());
                // Grow the dialog to the whole sentence rather than cut it.
                dialog.getDialogPane().getScene().getWindow().sizeToScene();
                e.consume();
            }
        });
        dialog.show();
    }

    private static TextField field(String id, java.time.Duration value) {
        TextField field = new TextField(AlertsViewModel.minutes(value));
        field.setId(id);
        field.setPrefColumnCount(5);
        return field;
    }
}

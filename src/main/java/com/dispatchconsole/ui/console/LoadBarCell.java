package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.rows.RiderRow;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/** Orders and kilograms against the rider's limits, with a bar that turns amber near the limit and red at it. */
final class LoadBarCell extends TableCell<RiderRow, RiderRow> {

    static final double AMBER_AT = 0.8;

    private final Region fill = new Region();
    private final StackPane track = new StackPane(fill);
    private final Label text = new Label();
    private final HBox box = new HBox(6, track, text);

    LoadBarCell() {
        track.getStyleClass().add("load-track");
        fill.getStyleClass().add("load-fill");
        text.getStyleClass().add("load-text");
        track.setMinWidth(48);
        track.setMaxWidth(48);
        StackPane.setAlignment(fill, javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(text, Priority.ALWAYS);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    }

    @Override
    protected void updateItem(RiderRow rider, boolean empty) {
        super.updateItem(rider, empty);
        if (empty || rider == null) {
            setGraphic(null);
            return;
        }
        double ratio = rider.loadRatio();
        fill.setMaxWidth(48 * Math.min(1, ratio));
        fill.setMinWidth(48 * Math.min(1, ratio));
        fill.getStyleClass().removeAll("load-ok", "load-near", "load-full");
        fill.getStyleClass().add(ratio >= 1 ? "load-full" : ratio >= AMBER_AT ? "load-near" : "load-ok");
        text.setText(rider.load().orders() + "/" + rider.limits().maxCapacity() + " · "
                + Formats.kg(rider.load().weightKg()) + "/" + Formats.kg(rider.limits().maxWeightKg()) + " kg");
        setGraphic(box);
    }
}

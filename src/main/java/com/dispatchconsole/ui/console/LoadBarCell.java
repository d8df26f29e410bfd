package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.rows.RiderRow;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * Active batches, orders and kilograms against the rider's limits ("●○ 3/8 · 4.5/18 kg": one dot per batch the
 * rider may carry, filled for each they carry), with a bar for the tightest of the three limits that turns amber
 * near it and red at it: a rider at their batch limit cannot take another batch, so their bar is full and red.
 */
final class LoadBarCell extends TableCell<RiderRow, RiderRow> {

    static final double AMBER_AT = 0.8;

    private final Region fill = new Region();
    private final StackPane track = new StackPane(fill);
    private final Label text = new Label();
    private final HBox box = new HBox(6, track, text);
    private final javafx.scene.control.Tooltip tooltip = new javafx.scene.control.Tooltip();

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
            setTooltip(null);
            return;
        }
        double ratio = rider.loadRatio();
        fill.setMaxWidth(48 * Math.min(1, ratio));
        fill.setMinWidth(48 * Math.min(1, ratio));
        fill.getStyleClass().removeAll("load-ok", "load-near", "load-full");
        fill.getStyleClass().add(ratio >= 1 ? "load-full" : ratio >= AMBER_AT ? "load-near" : "load-ok");
        text.setText(batchDots(rider) + rider.load().orders() + "/" + rider.limits().maxCapacity() + " · "
                + Formats.kg(rider.load().weightKg()) + "/" + Formats.kg(rider.limits().maxWeightKg()) + " kg");
        setTooltip(tooltip);
        tooltip.setText(rider.load().activeBatches() + " of " + rider.limits().maxActiveBatches() + " batches, "
                + rider.load().orders() + " of " + rider.limits().maxCapacity() + " orders, "
                + Formats.kg(rider.load().weightKg()) + " of " + Formats.kg(rider.limits().maxWeightKg()) + " kg");
        setGraphic(box);
    }

    /** "●●○ " for 2 of 3 batches; a count when the limit is too high for dots. */
    static String batchDots(RiderRow rider) {
        int carried = rider.load().activeBatches();
        int limit = rider.limits().maxActiveBatches();
        if (limit > 5) {
            return carried + "/" + limit + " b · ";
        }
        return "●".repeat(Math.min(carried, limit)) + "○".repeat(Math.max(0, limit - carried)) + " ";
    }
}

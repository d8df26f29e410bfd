package com.dispatchconsole.ui.console;

import com.dispatchconsole.ui.common.Labels;
import com.dispatchconsole.ui.common.StatusStyle;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.rows.BatchRow;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;

/** A batch status as a coloured badge; the colour class is {@link StatusStyle}'s. */
final class StatusBadgeCell extends TableCell<BatchRow, BatchStatus> {

    private final Label badge = new Label();

    StatusBadgeCell() {
        badge.getStyleClass().add("status-badge");
    }

    @Override
    protected void updateItem(BatchStatus status, boolean empty) {
        super.updateItem(status, empty);
        if (empty || status == null) {
            setGraphic(null);
            return;
        }
        badge.setText(Labels.of(status));
        badge.getStyleClass().removeIf(StatusStyle::isOne);
        badge.getStyleClass().add(StatusStyle.of(status));
        setGraphic(badge);
    }
}

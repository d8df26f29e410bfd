package com.dispatchconsole.ui.console;

import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** Toasts in the corner: one per notice, refusals stay longer than successes. Each is shown once. */
final class NotificationArea {

    private NotificationArea() {
    }

    static VBox create(ConsoleStatus model) {
        VBox area = new VBox(6);
        area.setId("notifications");
        area.setAlignment(Pos.BOTTOM_RIGHT);
        area.setPickOnBounds(false);
        area.setMaxWidth(460);
        model.notices().addListener((ListChangeListener<Notice>) change -> {
            while (change.next()) {
                for (Notice notice : change.getAddedSubList()) {
                    Label toast = new Label(notice.text());
                    toast.setWrapText(true);
                    toast.setMaxWidth(440);
                    toast.getStyleClass().addAll("notice", "notice-" + notice.level().name().toLowerCase());
                    area.getChildren().add(toast);
                    if (area.getChildren().size() > 4) {
                        area.getChildren().remove(0);
                    }
                    PauseTransition life = new PauseTransition(Duration.seconds(
                            notice.level() == Notice.Level.ERROR ? 12 : 5));
                    life.setOnFinished(e -> area.getChildren().remove(toast));
                    life.play();
                }
            }
        });
        return area;
    }
}

package com.dispatchconsole.ui.common;

import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Toasts in a window's corner, view side of {@link Notices}: one per notice, refusals stay longer than successes.
 * Each is shown once, in the window whose channel it was given to; every window (console, PoD viewer, review
 * queue) has one.
 */
public final class NotificationArea {

    /** More at once would cover the window; the oldest toast goes first. */
    private static final int AT_ONCE = 4;

    private NotificationArea() {
    }

    /** The toasts alone, for a window that places them itself (the console keeps them above its status bar). */
    public static VBox create(Notices notices) {
        VBox area = new VBox(6);
        area.setId("notifications");
        area.setAlignment(Pos.BOTTOM_RIGHT);
        area.setPickOnBounds(false);
        area.setMaxWidth(460);
        notices.all().addListener((ListChangeListener<Notice>) change -> {
            while (change.next()) {
                for (Notice notice : change.getAddedSubList()) {
                    Label toast = new Label(notice.text());
                    toast.setWrapText(true);
                    toast.setMaxWidth(440);
                    toast.getStyleClass().addAll("notice", "notice-" + notice.level().name().toLowerCase());
                    area.getChildren().add(toast);
                    if (area.getChildren().size() > AT_ONCE) {
                        area.getChildren().remove(0);
                    }
                    if (notice.action() != null && Boolean.TRUE.equals(notice.action().open().getValue())) {
                        offer(area, toast, notice.action());
                        continue;
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

    /**
     * A toast that offers something (Undo): a button at its right, and the toast stays up exactly as long as the
     * offer stands (its own clock says when that ends, not this window's timer).
     */
    private static void offer(VBox area, Label toast, Notice.Action action) {
        javafx.scene.control.Button button = new javafx.scene.control.Button();
        button.getStyleClass().add("notice-action");
        button.textProperty().bind(action.label());
        button.setOnAction(e -> action.run());
        button.setFocusTraversable(false);
        toast.setGraphic(button);
        toast.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        toast.setGraphicTextGap(12);
        // Held by the toast, so the listener lives exactly as long as the toast does.
        javafx.beans.value.ChangeListener<Boolean> closes = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean open) {
                if (!Boolean.TRUE.equals(open)) {
                    action.open().removeListener(this);
                    toast.setGraphic(null);
                    area.getChildren().remove(toast);
                }
            }
        };
        action.open().addListener(closes);
    }

    /** {@code content} with the toasts of {@code notices} over its bottom-right corner. */
    public static StackPane over(Node content, Notices notices) {
        VBox area = create(notices);
        StackPane.setAlignment(area, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(area, new Insets(0, 16, 16, 0));
        return new StackPane(content, area);
    }
}

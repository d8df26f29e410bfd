package com.dispatchconsole.ui.panels;

import com.dispatchconsole.ui.common.Detachable;
import com.dispatchconsole.ui.review.ReviewQueueView;
import com.dispatchconsole.ui.review.ReviewQueueViewModel;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The supervisor's review queue as a console panel: docked under the tables when opened, "Open in window" takes it
 * to a window of its own (closing that window docks it back), "✕" closes it. Made on first open, so a dispatcher's
 * console never builds or loads it; while open it reloads whenever orders change elsewhere.
 */
public final class ReviewQueuePanel {

    private final Supplier<ReviewQueueViewModel> models;
    private final Consumer<UUID> openPod;
    private final BooleanProperty open = new SimpleBooleanProperty(false);
    private final StackPane body = new StackPane();
    private final VBox panel;
    private final Detachable detachable;
    private ReviewQueueViewModel model;

    /**
     * @param models   makes the queue's view model (once, on first open)
     * @param changes  ticks when orders change elsewhere: the open queue reloads
     */
    public ReviewQueuePanel(Supplier<ReviewQueueViewModel> models, Consumer<UUID> openPod, ObservableValue<?> changes) {
        this.models = models;
        this.openPod = openPod;
        Label title = new Label("Review queue");
        title.getStyleClass().add("section-title");
        Button close = new Button("✕");
        close.setId("review-queue-close");
        close.setOnAction(e -> open.set(false));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, title, spacer);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 12, 0, 12));
        panel = new VBox(bar, body);
        panel.setId("review-queue-panel");
        panel.getStyleClass().add("review-queue-panel");
        panel.setPrefHeight(380);
        panel.setMinHeight(240);
        VBox.setVgrow(body, Priority.ALWAYS);
        panel.visibleProperty().bind(open);
        detachable = new Detachable("review-queue", "Review queue", panel).shownBy(open);
        bar.getChildren().addAll(detachable.button(), close);
        open.addListener((o, was, now) -> {
            if (now) {
                load();
            }
        });
        changes.addListener((o, a, b) -> {
            if (open.get() && model != null) {
                model.load();
            }
        });
    }

    /** Opens the queue where it is (docked, or its window brought to the front) and loads it. */
    public void open() {
        if (open.get()) {
            if (detachable.isDetached()) {
                detachable.window().toFront();
            }
            load();
        } else {
            open.set(true);
        }
    }

    public BooleanProperty openProperty() {
        return open;
    }

    public Detachable detachable() {
        return detachable;
    }

    private void load() {
        if (model == null) {
            model = models.get();
            body.getChildren().add(new ReviewQueueView(model, openPod).root());
        }
        model.load();
    }
}

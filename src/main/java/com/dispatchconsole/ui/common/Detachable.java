package com.dispatchconsole.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;

/**
 * A panel that can leave the console for a window of its own (another monitor in a control room) and come back. The
 * layout places {@link #dock()} where the panel lives; {@link #button()} ("Open in window" docked, "Dock" in its
 * window) goes on the panel's own bar. Closing the window, by its close button or Esc as every dialog closes, docks
 * the panel again. Any node works: {@code Detachable map = new Detachable("map", "Map", mapPane);} then
 * {@code split.getItems().add(map.dock())} and {@code toolbar.getChildren().add(map.button())}.
 *
 * <p>The settings find every detachable of a console window through {@link #in(Parent)}, and keep which are in their
 * own window and where.
 */
public final class Detachable {

    /** The style class of every dock; the dock's properties hold its {@code Detachable}. */
    public static final String DOCK_CLASS = "detachable-dock";
    /** The button's words: docked, and in its own window (no symbols: not every desktop font has them). */
    public static final String OPEN = "Open in window";
    public static final String DOCK = "Dock";

    private final String id;
    private final String title;
    private final Node content;
    private final StackPane dock = new StackPane();
    private final Button button = new Button();
    private final ReadOnlyBooleanWrapper detached = new ReadOnlyBooleanWrapper(false);
    private BooleanProperty shown;
    private Stage stage;
    /** True while the console window closes: its panels' windows close with it, and stay remembered as detached. */
    private boolean consoleClosing;

    /**
     * @param id    short, stable (the settings key and the node ids: {@code <id>-dock}, {@code <id>-detach},
     *              {@code <id>-window} on the window's root)
     * @param title the window's title
     */
    public Detachable(String id, String title, Node content) {
        this.id = Objects.requireNonNull(id);
        this.title = Objects.requireNonNull(title);
        this.content = Objects.requireNonNull(content);
        dock.setId(id + "-dock");
        dock.getStyleClass().add(DOCK_CLASS);
        dock.getProperties().put(Detachable.class, this);
        dock.getChildren().add(content);
        button.setId(id + "-detach");
        button.getStyleClass().add("detach-button");
        button.setTooltip(new Tooltip("Open " + title.toLowerCase() + " in a window of its own (e.g. on another "
                + "screen); closing that window brings it back"));
        labels(OPEN, DOCK);
        button.setOnAction(e -> {
            if (isDetached()) {
                dockBack();
            } else {
                detach();
            }
        });
        // A docked panel that shows nothing takes no room.
        dock.managedProperty().bind(dock.visibleProperty());
        dock.visibleProperty().bind(detached.not().and(content.visibleProperty()));
    }

    /**
     * Ties the panel to the switch that shows it (the alerts badge, a header button): opening it in a window shows
     * it; switching it off while it is in its window closes the window, and the panel is docked (and hidden) again.
     */
    public Detachable shownBy(BooleanProperty shown) {
        this.shown = shown;
        shown.addListener((o, was, now) -> {
            if (!now && isDetached()) {
                dockBack();
            }
        });
        return this;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public Node content() {
        return content;
    }

    /** Where the panel sits in the console: holds it while docked, empty (and taking no room) while it is away. */
    public StackPane dock() {
        return dock;
    }

    /** "Open in window" while docked, "Dock" in its window. */
    public Button button() {
        return button;
    }

    public boolean isDetached() {
        return detached.get();
    }

    public ReadOnlyBooleanProperty detachedProperty() {
        return detached.getReadOnlyProperty();
    }

    /** Its window while detached, else null. */
    public Stage window() {
        return stage;
    }

    /** The button's words while docked and while in its own window (a narrow panel may want shorter ones). */
    public Detachable labels(String whenDocked, String whenDetached) {
        button.textProperty().unbind();
        button.textProperty().bind(javafx.beans.binding.Bindings.when(detached).then(whenDetached).otherwise(whenDocked));
        return this;
    }

    /** Moves the panel into a window of its own, next to the console. */
    public void detach() {
        Window console = dock.getScene() == null ? null : dock.getScene().getWindow();
        double width = Math.max(320, content.getLayoutBounds().getWidth());
        double height = Math.max(400, console == null ? 600 : console.getHeight() * 0.8);
        double x = console == null ? 80 : console.getX() + console.getWidth() - width - 40;
        double y = console == null ? 80 : console.getY() + 60;
        // On the console's screen, whole: a panel as wide as the console (the review queue) must not start off it.
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getScreensForRectangle(
                console == null ? x : console.getX(), console == null ? y : console.getY(), 1, 1).stream()
                .findFirst().orElse(javafx.stage.Screen.getPrimary()).getVisualBounds();
        width = Math.min(width, screen.getWidth() * 0.8);
        height = Math.min(height, screen.getHeight() - 40);
        x = Math.max(screen.getMinX(), Math.min(x, screen.getMaxX() - width));
        y = Math.max(screen.getMinY(), Math.min(y, screen.getMaxY() - height));
        detach(new Rectangle2D(x, y, width, height));
    }

    /** Moves the panel into a window of its own with these bounds (already on a screen there is). */
    public void detach(Rectangle2D bounds) {
        if (isDetached()) {
            stage.setX(bounds.getMinX());
            stage.setY(bounds.getMinY());
            stage.setWidth(bounds.getWidth());
            stage.setHeight(bounds.getHeight());
            stage.toFront();
            return;
        }
        Scene consoleScene = dock.getScene();
        Window console = consoleScene == null ? null : consoleScene.getWindow();
        if (shown != null) {
            shown.set(true);
        }
        dock.getChildren().remove(content);
        StackPane root = new StackPane(content);
        root.setId(id + "-window");
        root.getStyleClass().addAll("console", "detached-panel");
        Stage window = new Stage();
        window.setTitle(title);
        if (console != null) {
            window.initOwner(console);
            console.addEventFilter(WindowEvent.WINDOW_HIDING, consoleHiding);
        }
        Scene scene = new Scene(root, bounds.getWidth(), bounds.getHeight());
        if (consoleScene != null) {
            Theme.follow(consoleScene, scene);
        } else {
            Theme.apply(scene);
        }
        window.setScene(scene);
        window.setX(bounds.getMinX());
        window.setY(bounds.getMinY());
        EscapeCloses.install(window);
        window.setOnHidden(e -> returned(window));
        stage = window;
        detached.set(true);
        window.show();
    }

    private final javafx.event.EventHandler<WindowEvent> consoleHiding = e -> consoleClosing = true;

    /** Closes its window; the panel goes back into the console. */
    public void dockBack() {
        if (stage != null) {
            stage.close();
        }
    }

    private void returned(Stage window) {
        if (window != stage) {
            return;
        }
        Window console = window.getOwner();
        if (console != null) {
            console.removeEventFilter(WindowEvent.WINDOW_HIDING, consoleHiding);
        }
        ((StackPane) window.getScene().getRoot()).getChildren().remove(content);
        dock.getChildren().add(content);
        stage = null;
        if (!consoleClosing) {
            detached.set(false);
        }
    }

    /** Every detachable panel under {@code root} (its dock there), in scene order. */
    public static List<Detachable> in(Parent root) {
        List<Detachable> found = new ArrayList<>();
        collect(root, found);
        return found;
    }

    private static void collect(Node node, List<Detachable> found) {
        if (node.getStyleClass().contains(DOCK_CLASS) && node.getProperties().get(Detachable.class) instanceof Detachable d) {
            found.add(d);
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, found);
            }
        }
    }
}

package com.dispatchconsole.ui.settings;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.SplitPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The console window as the operator left it: size, position (kept on a screen that is there now: a window saved
 * on a second monitor that is gone comes back on the first), maximised, and the positions of its split panes'
 * dividers.
 */
public final class WindowLayout {

    /** The window's bounds, whether it was maximised, and each split pane's divider positions in scene order. */
    public record State(double x, double y, double width, double height, boolean maximized, List<List<Double>> dividers) {

        public State {
            dividers = dividers == null ? List.of() : dividers.stream().map(List::copyOf).toList();
        }
    }

    private WindowLayout() {
    }

    /**
     * Gives the stage the saved size, position and dividers (call before it is shown, with its scene set) and saves
     * every change from now on.
     */
    public static void bind(Stage stage, OperatorSettings settings) {
        List<SplitPane> splits = splitPanes(stage.getScene().getRoot());
        settings.get(OperatorSettings.WINDOW).ifPresent(state -> apply(stage, splits, state));
        Runnable save = () -> settings.put(OperatorSettings.WINDOW, capture(stage, splits));
        stage.xProperty().addListener((o, a, b) -> save.run());
        stage.yProperty().addListener((o, a, b) -> save.run());
        stage.widthProperty().addListener((o, a, b) -> save.run());
        stage.heightProperty().addListener((o, a, b) -> save.run());
        stage.maximizedProperty().addListener((o, a, b) -> save.run());
        for (SplitPane split : splits) {
            split.getDividers().forEach(d -> d.positionProperty().addListener((o, a, b) -> save.run()));
        }
    }

    /** The split panes under {@code root}, depth first: the same order every start, as long as the layout is. */
    static List<SplitPane> splitPanes(Parent root) {
        List<SplitPane> found = new ArrayList<>();
        for (Node node : Nodes.all(root)) {
            if (node instanceof SplitPane split) {
                found.add(split);
            }
        }
        return found;
    }

    static State capture(Stage stage, List<SplitPane> splits) {
        List<List<Double>> dividers = new ArrayList<>();
        for (SplitPane split : splits) {
            List<Double> positions = new ArrayList<>();
            for (double position : split.getDividerPositions()) {
                positions.add(Math.round(position * 10_000) / 10_000.0);
            }
            dividers.add(positions);
        }
        // Maximised, the bounds are the screen's; the ones before it are what "restore" should give back, which
        // JavaFX does not tell. The last bounds saved unmaximised stay then.
        return new State(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized(), dividers);
    }

    static void apply(Stage stage, List<SplitPane> splits, State state) {
        Rectangle2D bounds = onAScreen(state, Screen.getScreens().stream().map(Screen::getVisualBounds).toList());
        stage.setX(bounds.getMinX());
        stage.setY(bounds.getMinY());
        stage.setWidth(bounds.getWidth());
        stage.setHeight(bounds.getHeight());
        stage.setMaximized(state.maximized());
        for (int i = 0; i < Math.min(splits.size(), state.dividers().size()); i++) {
            List<Double> saved = state.dividers().get(i);
            if (saved.size() == splits.get(i).getDividers().size()) {
                splits.get(i).setDividerPositions(saved.stream().mapToDouble(d -> Math.max(0, Math.min(1, d))).toArray());
            }
        }
    }

    /**
     * The saved bounds, made to fit on a screen there is now: on the screen they overlap most (or the first screen
     * when none), no larger than it, and moved inside it.
     */
    static Rectangle2D onAScreen(State state, List<Rectangle2D> screens) {
        Rectangle2D best = screens.isEmpty() ? new Rectangle2D(0, 0, 1600, 1000) : screens.get(0);
        double bestOverlap = 0;
        for (Rectangle2D screen : screens) {
            double overlap = overlap(screen, state);
            if (overlap > bestOverlap) {
                bestOverlap = overlap;
                best = screen;
            }
        }
        double width = Math.max(400, Math.min(state.width(), best.getWidth()));
        double height = Math.max(300, Math.min(state.height(), best.getHeight()));
        double x = Math.max(best.getMinX(), Math.min(state.x(), best.getMaxX() - width));
        double y = Math.max(best.getMinY(), Math.min(state.y(), best.getMaxY() - height));
        return new Rectangle2D(x, y, width, height);
    }

    private static double overlap(Rectangle2D screen, State state) {
        double w = Math.min(screen.getMaxX(), state.x() + state.width()) - Math.max(screen.getMinX(), state.x());
        double h = Math.min(screen.getMaxY(), state.y() + state.height()) - Math.max(screen.getMinY(), state.y());
        return w > 0 && h > 0 ? w * h : 0;
    }
}

package com.dispatchconsole.ui.settings;

import com.dispatchconsole.ui.common.Detachable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * Which of the console's panels (alerts, review queue, map…) the operator had in their own windows, and where: each
 * comes back in its window at the same place when the console starts, kept on a screen that is there now (a window
 * left on a second monitor that is gone comes back on the first). Every {@link Detachable} in the console window
 * is kept, whoever added it.
 */
public final class PanelLayout {

    /** One panel: in its own window or not, and that window's bounds when it last was. */
    public record Panel(boolean detached, double x, double y, double width, double height) {
    }

    /** The panels by id. */
    public record State(Map<String, Panel> panels) {

        public State {
            panels = panels == null ? Map.of() : Map.copyOf(panels);
        }
    }

    private PanelLayout() {
    }

    /**
     * Opens the panels that were in their own windows when the console window shows (they need it as their owner),
     * and saves every change from now on. Panels this console does not have keep what was saved for them.
     */
    public static void bind(Stage console, OperatorSettings settings) {
        List<Detachable> panels = Detachable.in(console.getScene().getRoot());
        Map<String, Panel> saved = new LinkedHashMap<>(settings.get(OperatorSettings.PANELS).map(State::panels).orElse(Map.of()));
        Runnable restore = () -> {
            List<Rectangle2D> screens = Screen.getScreens().stream().map(Screen::getVisualBounds).toList();
            for (Detachable panel : panels) {
                Panel was = saved.get(panel.id());
                if (was != null && was.detached()) {
                    panel.detach(onAScreen(was, screens));
                }
            }
        };
        if (console.isShowing()) {
            restore.run();
        } else {
            javafx.event.EventHandler<WindowEvent>[] once = new javafx.event.EventHandler[1];
            once[0] = e -> {
                console.removeEventHandler(WindowEvent.WINDOW_SHOWN, once[0]);
                restore.run();
            };
            console.addEventHandler(WindowEvent.WINDOW_SHOWN, once[0]);
        }
        for (Detachable panel : panels) {
            Runnable save = () -> {
                Panel before = saved.get(panel.id());
                Stage window = panel.window();
                Panel now = window != null
                        ? new Panel(true, window.getX(), window.getY(), window.getWidth(), window.getHeight())
                        : before == null ? new Panel(false, 0, 0, 0, 0)
                        : new Panel(false, before.x(), before.y(), before.width(), before.height());
                saved.put(panel.id(), now);
                settings.put(OperatorSettings.PANELS, new State(saved));
            };
            panel.detachedProperty().addListener((o, was, detached) -> {
                save.run();
                Stage window = panel.window();
                if (detached && window != null) {
                    window.xProperty().addListener((ob, a, b) -> save.run());
                    window.yProperty().addListener((ob, a, b) -> save.run());
                    window.widthProperty().addListener((ob, a, b) -> save.run());
                    window.heightProperty().addListener((ob, a, b) -> save.run());
                }
            });
        }
    }

    /** The saved bounds made to fit on a screen there is now (see {@link WindowLayout#onAScreen}). */
    static Rectangle2D onAScreen(Panel panel, List<Rectangle2D> screens) {
        return WindowLayout.onAScreen(new WindowLayout.State(panel.x(), panel.y(), panel.width(), panel.height(),
                false, List.of()), screens);
    }
}

package com.dispatchconsole.ui.console;

import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntil;
import static com.dispatchconsole.ui.console.ConsoleHarness.waitUntilShown;
import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.testing.UiTest;
import com.dispatchconsole.ui.common.Theme;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * The command palette in both themes: opening it logs no CSS warning (every colour it names resolves), and its
 * commands read in the theme's text colour.
 */
@UiTest
class PaletteThemeTest {

    @RegisterExtension
    final ConsoleHarness console = ConsoleHarness.asStarted();

    /** JavaFX's CSS logger ("javafx.css", through the platform's System.Logger, i.e. java.util.logging). */
    private final Logger css = Logger.getLogger("javafx.css");
    private final List<String> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                synchronized (warnings) {
                    warnings.add(record.getMessage());
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        css.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        css.removeHandler(capture);
    }

    private List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    private void open(FxRobot robot) throws Exception {
        robot.press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        waitUntilShown(robot, "#palette-field");
        Node field = robot.lookup("#palette-field").query();
        waitUntil(field::isFocused);
        robot.targetWindow(field.getScene().getWindow());
    }

    /** Opens the palette, types, closes it with Esc and opens it again, as a dispatcher does all day. */
    private Label firstTitle(FxRobot robot) throws Exception {
        open(robot);
        robot.write("view");
        robot.type(KeyCode.ESCAPE);
        waitUntil(() -> robot.lookup("#palette-field").tryQuery().map(n -> !n.getScene().getWindow().isShowing())
                .orElse(true));
        robot.targetWindow(robot.lookup("#batches-table").query().getScene().getWindow());
        open(robot);
        waitUntil(() -> robot.lookup(".palette-cell .label").tryQuery().isPresent());
        Node title = robot.lookup(".palette-cell .label").query();
        // The pulse after showing applies the CSS (and would log what it cannot resolve).
        robot.interact(() -> title.getScene().getRoot().applyCss());
        return (Label) title;
    }

    private Color text(FxRobot robot) {
        Node root = robot.lookup("#batches-table").query();
        Label probe = new Label("probe");
        probe.getStyleClass().add("detail-title");
        Color[] colour = new Color[1];
        robot.interact(() -> {
            ((javafx.scene.layout.Pane) root.getScene().getRoot()).getChildren().add(probe);
            probe.applyCss();
            colour[0] = (Color) probe.getTextFill();
            ((javafx.scene.layout.Pane) root.getScene().getRoot()).getChildren().remove(probe);
        });
        return colour[0];
    }

    @Test
    void theDarkPaletteLogsNoCssWarningAndReadsInTheThemesTextColour(FxRobot robot) throws Exception {
        console.load(robot, 0, 0);
        Color expected = text(robot);
        Label title = firstTitle(robot);

        assertThat(warnings()).as("CSS warnings while the palette opened").isEmpty();
        assertThat(title.getTextFill()).isEqualTo(expected).isEqualTo(Color.web("#e6edf3"));
    }

    @Test
    void theLightPaletteLogsNoCssWarningAndReadsInTheThemesTextColour(FxRobot robot) throws Exception {
        console.load(robot, 0, 0);
        robot.interact(() -> Theme.light(robot.lookup("#batches-table").query().getScene(), true));
        Color expected = text(robot);
        Label title = firstTitle(robot);

        assertThat(warnings()).as("CSS warnings while the palette opened").isEmpty();
        assertThat(title.getTextFill()).isEqualTo(expected).isEqualTo(Color.web("#1f2328"));
    }
}

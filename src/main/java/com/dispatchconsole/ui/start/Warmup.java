package com.dispatchconsole.ui.start;

import com.dispatchconsole.ui.common.Theme;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.VBox;
import org.controlsfx.control.CheckComboBox;

/**
 * Builds, styles and lays out once, off screen, the kinds of controls the console window is made of, while the
 * database starts and the UI thread has nothing else to do: their classes, skins and the stylesheet are then loaded
 * when the console window is built, which then opens that much sooner.
 */
public final class Warmup {

    private Warmup() {
    }

    /** Call on the FX thread; takes a few hundred milliseconds on a cold JVM, and shows nothing. */
    public static void run() {
        TableView<String> table = new TableView<>();
        TableColumn<String, String> column = new TableColumn<>("Warm-up");
        table.getColumns().add(column);
        table.setTableMenuButtonVisible(true);
        CheckComboBox<String> statuses = new CheckComboBox<>();
        statuses.getItems().add("Warm-up");
        VBox box = new VBox(new Label("Warm-up"), new TextField(), new ComboBox<String>(), statuses,
                new ToggleButton("Warm-up"), new ProgressIndicator(), new ListView<String>(), table);
        SplitPane split = new SplitPane(box, new VBox());
        Scene scene = new Scene(split, 800, 600);
        Theme.apply(scene);
        split.applyCss();
        split.layout();
        new ContextMenu();
    }
}

package com.dispatchconsole.ui.settings;

import com.dispatchconsole.ui.common.Notice;
import com.dispatchconsole.ui.console.ConsoleViewModel;
import javafx.application.Platform;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * Puts an operator's settings on a console window and keeps them: the tables' columns and sort, the window's size,
 * position and dividers, the theme, the batch and rider filters, the alert thresholds and panel, and
 * which panels are in windows of their own. A problem with
 * the settings is one notice in the console.
 */
public final class ConsoleSettings {

    static final String BATCHES_TABLE = "#batches-table";
    static final String RIDERS_TABLE = "#riders-table";

    private ConsoleSettings() {
    }

    /**
     * Call on the FX thread with the console's scene set on {@code stage}, before the stage is shown and before the
     * console loads its rows.
     */
    public static void attach(Stage stage, ConsoleViewModel model, OperatorSettings settings) {
        settings.onProblem(text -> onFx(() -> model.status().channel().notify(Notice.Level.WARNING, text)));
        javafx.scene.Scene scene = stage.getScene();
        WindowLayout.bind(stage, settings);
        if (Nodes.byId(scene.getRoot(), BATCHES_TABLE) instanceof TableView<?> batches) {
            TableLayout.bind(batches, settings, OperatorSettings.BATCHES_TABLE);
        }
        if (Nodes.byId(scene.getRoot(), RIDERS_TABLE) instanceof TableView<?> riders) {
            TableLayout.bind(riders, settings, OperatorSettings.RIDERS_TABLE);
        }
        ThemeSetting.bind(scene, settings);
        FilterSettings.bind(scene, model.rows().filter(), model.rows().outlets(), settings);
        RiderFilterSettings.bind(model.rows().riderFilter(), settings);
        AlertSettings.bind(scene, model.alerts(), settings);
        PanelLayout.bind(stage, settings);
    }

    private static void onFx(Runnable update) {
        if (Platform.isFxApplicationThread()) {
            update.run();
        } else {
            Platform.runLater(update);
        }
    }
}

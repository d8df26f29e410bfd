package com.dispatchconsole.ui.console;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;

/**
 * While a load is under way an empty table says how far it got ("Loading… 12,000 of 50,000 batches"), not "No
 * riders yet.": a table's own placeholder comes back once the load has ended.
 */
final class LoadingPlaceholders {

    private LoadingPlaceholders() {
    }

    static void install(ObservableStringValue loading, TableView<?>... tables) {
        for (TableView<?> table : tables) {
            Node own = table.getPlaceholder();
            Label progress = new Label();
            progress.getStyleClass().add("loading-placeholder");
            progress.textProperty().bind(loading);
            Runnable choose = () -> table.setPlaceholder(loading.get().isEmpty() ? own : progress);
            loading.addListener((o, was, now) -> choose.run());
            choose.run();
        }
    }
}

package com.dispatchconsole.ui.common;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

/** Esc closes a viewer window (PoD viewer, review queue, notification log), as it dismisses every dialog. */
public final class EscapeCloses {

    private EscapeCloses() {
    }

    public static void install(Stage stage) {
        stage.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                stage.close();
            }
        });
    }
}

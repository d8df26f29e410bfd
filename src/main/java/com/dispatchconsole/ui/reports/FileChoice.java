package com.dispatchconsole.ui.reports;

import java.io.File;
import java.nio.file.Path;
import java.util.Objects;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Asks where to save an export: the platform's save dialog. A test (or a script driving the console) replaces it
 * with {@link #use}, since a native dialog cannot be driven headless.
 */
public interface FileChoice {

    /** The file chosen, or null when the dispatcher cancelled. */
    Path ask(Window owner, String title, String suggestedName, String extension);

    /** The platform's save dialog. */
    FileChoice DIALOG = (owner, title, suggestedName, extension) -> {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(extension.toUpperCase() + " files",
                "*." + extension));
        File file = chooser.showSaveDialog(owner);
        return file == null ? null : file.toPath();
    };

    /** The chooser every export asks. */
    static FileChoice current() {
        return Holder.current;
    }

    /** Replaces the chooser (tests); {@link #DIALOG} puts the platform's back. */
    static void use(FileChoice choice) {
        Holder.current = Objects.requireNonNull(choice);
    }

    /** Where the current chooser is kept. */
    final class Holder {
        private static volatile FileChoice current = DIALOG;

        private Holder() {
        }
    }
}

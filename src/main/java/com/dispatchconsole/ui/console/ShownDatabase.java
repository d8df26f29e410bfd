package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.rows.DatabaseIdentity;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Which database the rows on screen came from. Every full read (a load, a resync after the feed was away) brings
 * the identity of the database it read; one that differs means the console now reaches another database (another
 * cluster on the same port, a database dropped and restored), and the dispatcher is told so until they dismiss it.
 */
final class ShownDatabase {

    private final ReadOnlyStringWrapper replaced = new ReadOnlyStringWrapper("");
    private DatabaseIdentity shown;

    /**
     * Remembers {@code read} as the database on screen from now on; if the rows on screen came from another one,
     * returns what to tell the dispatcher.
     */
    Optional<String> arrived(DatabaseIdentity read) {
        DatabaseIdentity was = shown;
        shown = read;
        if (was == null || was.equals(read)) {
            return Optional.empty();
        }
        String text = "A different database answers now: " + read.describe() + " instead of " + was.describe()
                + ". Everything on screen was reloaded from it; nothing of the other one is shown.";
        replaced.set(text);
        return Optional.of(text);
    }

    void dismiss() {
        replaced.set("");
    }

    ReadOnlyStringProperty replacedProperty() {
        return replaced.getReadOnlyProperty();
    }
}

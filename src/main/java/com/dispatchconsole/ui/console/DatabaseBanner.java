package com.dispatchconsole.ui.console;

import com.dispatchconsole.service.QueryService;
import com.dispatchconsole.ui.common.UiExecutor;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "database unreachable" banner: raised by the first call that cannot reach the database, cleared by the
 * first probe (every few seconds, off the UI thread) that can; {@code onBack} then reloads the console.
 */
final class DatabaseBanner {

    static final Duration RETRY_EVERY = Duration.ofSeconds(3);

    private final QueryService queries;
    private final UiExecutor ui;
    private final Runnable onBack;
    private final BooleanProperty down = new SimpleBooleanProperty();
    private final StringProperty text = new SimpleStringProperty("");

    DatabaseBanner(QueryService queries, UiExecutor ui, Runnable onBack) {
        this.queries = queries;
        this.ui = ui;
        this.onBack = onBack;
    }

    void raise() {
        if (down.get()) {
            return;
        }
        down.set(true);
        text.set("Database unreachable since " + Formats.clock(Instant.now()) + " — retrying every "
                + RETRY_EVERY.toSeconds() + " s. Nothing can be changed until it is back.");
        ui.schedule(RETRY_EVERY, this::probe);
    }

    private void probe() {
        ui.submit(queries::outlets, ok -> {
            down.set(false);
            text.set("");
            onBack.run();
        }, error -> ui.schedule(RETRY_EVERY, this::probe));
    }

    BooleanProperty downProperty() {
        return down;
    }

    StringProperty textProperty() {
        return text;
    }
}

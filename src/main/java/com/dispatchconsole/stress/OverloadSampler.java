package com.dispatchconsole.stress;

import com.dispatchconsole.persistence.InvariantChecker;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Looks at committed rider loads again and again while a stress run is going. Each sample is one statement, so
 * under READ COMMITTED it sees one consistent committed state: any overload it reports really existed. It keeps
 * one connection for the whole run, so a lost connection here means the server went away (or was replaced): it
 * says so at once through {@code onConnectionLost} and the run stops.
 */
final class OverloadSampler implements Runnable {

    private final DataSource dataSource;
    private final UUID outletId;
    private final Set<String> seen = new LinkedHashSet<>();
    private final Consumer<SQLException> onConnectionLost;
    private volatile boolean running = true;
    private volatile String failure;

    OverloadSampler(DataSource dataSource, UUID outletId, Consumer<SQLException> onConnectionLost) {
        this.dataSource = dataSource;
        this.outletId = outletId;
        this.onConnectionLost = onConnectionLost;
    }

    @Override
    public void run() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            while (running) {
                List<String> now = InvariantChecker.overLimit(c, outletId);
                synchronized (seen) {
                    now.forEach(line -> seen.add("during the run: " + line));
                }
                Thread.sleep(2);
            }
        } catch (SQLException e) {
            if (running && connectionLost(e)) {
                onConnectionLost.accept(e);
            }
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SQLSTATE class 08 (connection exception) or the server shutting down: the server, not the query. */
    private static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return e instanceof java.sql.SQLTransientConnectionException
                || state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    /** Why sampling stopped before the end of the run, if it did. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    void stop() {
        running = false;
    }

    List<String> seen() {
        synchronized (seen) {
            return new ArrayList<>(seen);
        }
    }
}

package com.dispatchconsole.stress;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at committed rider loads again and again while a stress run is going. Each sample is one statement, so
 * under READ COMMITTED it sees one consistent committed state: any overload it reports really existed.
 */
final class OverloadSampler implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(OverloadSampler.class);

    private final DataSource dataSource;
    private final UUID outletId;
    private final Set<String> seen = new LinkedHashSet<>();
    private volatile boolean running = true;

    OverloadSampler(DataSource dataSource, UUID outletId) {
        this.dataSource = dataSource;
        this.outletId = outletId;
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
            log.warn("Overload sampling stopped early: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

package com.dispatchconsole.testing;

import com.dispatchconsole.embedded.EmbeddedServer;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real embedded PostgreSQL per test JVM; every test class gets a fresh database copied from a migrated
 * template, so tests never see each other's rows and never pay for migrations twice.
 */
public final class TestDatabases {

    private static final String TEMPLATE = "dispatch_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedServer server;

    private TestDatabases() {
    }

    public static synchronized DatabaseConfig fresh() {
        try {
            if (server == null) {
                Path dir = Files.createTempDirectory("dispatch-test-pg");
                server = EmbeddedServer.start(dir, false, 0);
                server.createDatabase(TEMPLATE, null);
                try (Database migrated = Database.open(config(TEMPLATE))) {
                    migrated.config();
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (Exception ignored) {
                        // the JVM is going away; the temp cluster goes with it
                    }
                }));
            }
            String name = "test_" + COUNTER.incrementAndGet();
            server.createDatabase(name, TEMPLATE);
            return config(name);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL for tests", e);
        }
    }

    public static synchronized EmbeddedServer server() {
        fresh();
        return server;
    }

    private static DatabaseConfig config(String database) {
        return DatabaseConfig.of(server.jdbcUrl(database), EmbeddedServer.SUPERUSER, server.superuserPassword());
    }
}

package com.dispatchconsole.cli;

import com.dispatchconsole.embedded.EmbeddedServer;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The database a stress run or benchmark works on: the one given with --db-url, or a scratch embedded one in a
 * temporary directory, thrown away afterwards, so that these tools never touch the operator's own data.
 */
final class ScratchDatabase implements AutoCloseable {

    final Database database;
    private final EmbeddedServer server;

    private ScratchDatabase(Database database, EmbeddedServer server) {
        this.database = database;
        this.server = server;
    }

    /** A scratch server with fsync off: fast, and enough where only correctness or relative figures count. */
    static ScratchDatabase open(DbOptions db, String name, int poolSize) throws Exception {
        return open(db, name, poolSize, false);
    }

    /**
     * As {@link #open(DbOptions, String, int)}; {@code durable} makes the scratch server commit as the operator's
     * embedded server does (fsync on), so that absolute throughput figures mean something. Its data is still
     * thrown away. A database given with --db-url runs with whatever its server is configured for.
     */
    static ScratchDatabase open(DbOptions db, String name, int poolSize, boolean durable) throws Exception {
        if (db.external()) {
            return new ScratchDatabase(Database.open(DatabaseConfig.of(db.url(), db.user(), db.password())
                    .withPoolSize(poolSize)), null);
        }
        EmbeddedServer server = EmbeddedServer.start(Files.createTempDirectory("dispatch-" + name), false, durable, 0);
        try {
            server.createDatabase(name, null);
            ScratchDatabase scratch = new ScratchDatabase(Database.open(DatabaseConfig.of(server.jdbcUrl(name),
                    EmbeddedServer.SUPERUSER, server.superuserPassword()).withPoolSize(poolSize)), server);
            System.err.println("Using a scratch embedded database (" + (durable ? "durable" : "fsync off") + ") at "
                    + scratch.database.config().displayUrl());
            return scratch;
        } catch (Exception e) {
            server.close();
            throw e;
        }
    }

    /**
     * Whether the server commits durably, read from its settings rather than from what was asked for, so that a
     * figure also says the truth for a database given with --db-url.
     */
    boolean durable() throws SQLException {
        try (Connection c = database.dataSource().getConnection()) {
            return com.dispatchconsole.persistence.DatabaseQueries.durable(c);
        }
    }

    @Override
    public void close() throws Exception {
        database.close();
        if (server != null) {
            server.close();
        }
    }
}

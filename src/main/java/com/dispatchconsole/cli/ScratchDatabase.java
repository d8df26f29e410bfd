package com.dispatchconsole.cli;

import com.dispatchconsole.app.DbOptions;
import com.dispatchconsole.app.EmbeddedServer;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import java.nio.file.Files;

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

    static ScratchDatabase open(DbOptions db, String name, int poolSize) throws Exception {
        if (db.external()) {
            return new ScratchDatabase(Database.open(DatabaseConfig.of(db.url(), db.user(), db.password())
                    .withPoolSize(poolSize)), null);
        }
        EmbeddedServer server = EmbeddedServer.start(Files.createTempDirectory("dispatch-" + name), false, 0);
        try {
            server.createDatabase(name, null);
            ScratchDatabase scratch = new ScratchDatabase(Database.open(DatabaseConfig.of(server.jdbcUrl(name),
                    EmbeddedServer.SUPERUSER, null).withPoolSize(poolSize)), server);
            System.err.println("Using a scratch embedded database at " + scratch.database.config().displayUrl());
            return scratch;
        } catch (Exception e) {
            server.close();
            throw e;
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

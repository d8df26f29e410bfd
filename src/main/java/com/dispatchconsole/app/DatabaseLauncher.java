package com.dispatchconsole.app;

import com.dispatchconsole.demo.DemoData;
import com.dispatchconsole.demo.DemoOperators;
import com.dispatchconsole.demo.DemoSize;
import com.dispatchconsole.demo.LargeDataSet;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.embedded.AppPaths;
import com.dispatchconsole.embedded.EmbeddedServer;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.persistence.OutletQueries;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Opens the database a command asked for: the shared one named by flags or environment, or the embedded one in
 * the user's data directory (started here, migrated, and seeded with demo data on first start).
 */
public final class DatabaseLauncher implements AutoCloseable {

    public static final String EMBEDDED_DATABASE = "dispatch";

    private final EmbeddedServer server;
    private final Database database;

    private DatabaseLauncher(EmbeddedServer server, Database database) {
        this.server = server;
        this.database = database;
    }

    /** As {@link #open(DatabaseTarget, Path, DemoSize, String, Integer, PrintStream)} as the owner, any port. */
    public static DatabaseLauncher open(DatabaseTarget target, Path dataDirOverride, DemoSize demo, PrintStream out)
            throws IOException, SQLException {
        return open(target, dataDirOverride, demo, null, null, out);
    }

    /**
     * Opens the target. On the embedded database the owner migrates and seeds ({@code demo} null: no demo data),
     * then the returned connection signs in as {@code operator} (a login role, e.g. a demo operator) when one is
     * given. A shared database is always used with the credentials given.
     *
     * @param pinnedPort null for the preferred port when free (else any free one, said aloud), or a port to listen
     *                   on exactly, refused with {@code PORT_IN_USE} when another program holds it
     */
    public static DatabaseLauncher open(DatabaseTarget options, Path dataDirOverride, DemoSize demo, String operator,
                                        Integer pinnedPort, PrintStream out) throws IOException, SQLException {
        return open(options, dataDirOverride, demo, operator, pinnedPort, out, true, StartProgress.NONE);
    }

    /** As {@link #open(DatabaseTarget, Path, DemoSize, String, Integer, PrintStream)}, saying each step as it begins. */
    public static DatabaseLauncher open(DatabaseTarget options, Path dataDirOverride, DemoSize demo, String operator,
                                        PrintStream out, StartProgress progress) throws IOException, SQLException {
        return open(options, dataDirOverride, demo, operator, null, out, true, progress);
    }

    /**
     * The embedded database as its owner, for a program that stops it itself, Ctrl+C included (see
     * {@link EmbeddedServer#startStoppedByCaller}): the simulator, whose own shutdown hook needs the database until
     * its report is printed and its tokens are revoked.
     */
    public static DatabaseLauncher openStoppedByCaller(Path dataDirOverride, DemoSize demo, PrintStream out)
            throws IOException, SQLException {
        return open(DatabaseTarget.EMBEDDED, dataDirOverride, demo, null, null, out, false, StartProgress.NONE);
    }

    private static DatabaseLauncher open(DatabaseTarget options, Path dataDirOverride, DemoSize demo, String operator,
                                         Integer pinnedPort, PrintStream out, boolean stopOnExit,
                                         StartProgress progress) throws IOException, SQLException {
        Database.MigrationProgress migrations = (done, pending) -> progress.step("migrations",
                "Preparing the database (migrations " + done + "/" + pending + ")…");
        if (options.external()) {
            progress.step("connect", "Connecting to the database…");
            return new DatabaseLauncher(null,
                    Database.open(DatabaseConfig.of(options.url(), options.user(), options.password()), null, migrations));
        }
        String signInAs = options.user() != null ? options.user() : operator;
        Path dataDir = AppPaths.embeddedDataDirectory(dataDirOverride);
        boolean firstStart = !java.nio.file.Files.exists(dataDir.resolve("PG_VERSION"));
        progress.step("database", !firstStart ? "Starting the database…"
                : "Starting the database (creating it: first start)…");
        EmbeddedServer server;
        try {
            server = pinnedPort != null ? EmbeddedServer.startOn(dataDir, pinnedPort)
                    : stopOnExit ? EmbeddedServer.start(dataDir, true, EmbeddedServer.PREFERRED_PORT)
                    : EmbeddedServer.startStoppedByCaller(dataDir, EmbeddedServer.PREFERRED_PORT);
        } catch (DispatchException refused) {
            throw refused;
        } catch (IOException | RuntimeException e) {
            if (heldByAnother(e)) {
                // Another program (a console, the gateway, `db`) runs this data directory's server: expected, not a bug.
                throw new DispatchException(ErrorCode.DATABASE_UNAVAILABLE, "The embedded database in " + dataDir
                        + " is in use by another program (a console, the gateway or `db`). Stop it, or start `db` "
                        + "once and give every program --db-url.");
            }
            throw new IOException("Could not start the embedded PostgreSQL in " + dataDir + " (" + e.getMessage()
                    + "). If another console already runs on it, start `dispatch-console db` once and give every "
                    + "console its --db-url.", e);
        }
        try {
            progress.step("schema", "Checking the database…");
            server.createDatabase(EMBEDDED_DATABASE, null);
            // The owner migrates and checks on plain JDBC; Hibernate is started for it only when it seeds or is
            // itself what the caller gets (a second start skips a session factory it would close at once).
            DatabaseConfig ownerConfig = DatabaseConfig.of(server.jdbcUrl(EMBEDDED_DATABASE),
                    EmbeddedServer.SUPERUSER, server.superuserPassword());
            // A database created just now: its migrations and demo data are hundreds of small commits, which need
            // not each wait for the disk (see withoutWaitingForFlush). Only when the owner's pool is closed right
            // after (an operator signs in next); every later start, and every operator, waits for the disk.
            Database.Migrated owner = Database.migrate(firstStart && signInAs != null
                    ? ownerConfig.withoutWaitingForFlush() : ownerConfig, migrations);
            Database database = null;
            try {
                progress.step("schema-checked", "Checking the database…");
                DemoOperators.ensure(owner.dataSource());
                out.println("Embedded PostgreSQL data: " + dataDir);
                out.println("Demo operators: " + DemoOperators.DISPATCHER + " / " + DemoOperators.PASSWORD
                        + " (dispatcher), " + DemoOperators.SUPERVISOR + " / " + DemoOperators.PASSWORD
                        + " (supervisor), " + DemoOperators.GATEWAY + " / " + DemoOperators.PASSWORD
                        + " (gateway); e.g. --db-user " + DemoOperators.SUPERVISOR);
                out.println("Connect with psql: psql -h localhost -p " + server.port() + " -U postgres "
                        + EMBEDDED_DATABASE + " (the superuser's password is in "
                        + dataDir.resolve(EmbeddedServer.PASSWORD_FILE) + ")");
                if (pinnedPort == null && server.port() != EmbeddedServer.PREFERRED_PORT) {
                    out.println("Port " + EmbeddedServer.PREFERRED_PORT + " was in use, so the database listens on "
                            + server.port() + " this time; `db --port N` keeps one port or refuses to start.");
                }
                progress.step("demo-check", "Checking the database…");
                boolean seed = demo != null && !hasOutlets(owner.dataSource());
                if (signInAs == null) {
                    database = owner.open(null);
                }
                // Both demos are written as plain SQL by the owner (the database's guards and triggers at work, no
                // Hibernate needed).
                if (seed && demo == DemoSize.LARGE) {
                    LargeDataSet.seed(owner.dataSource(), 2000, 50_000,
                            what -> progress.step("demo-data", "Adding demo data (" + what + ")…"));
                    out.println("Seeded large demo data: 2,000 riders and 50,000 batches (first start).");
                } else if (seed && demo == DemoSize.STANDARD
                        && announce(progress, "demo-data", "Adding demo data (a shift: 24 riders, 150 batches)…")
                        && DemoData.seedIfEmptyWithPhoto(owner.dataSource())) {
                    out.println("Seeded demo data (first start).");
                }
            } catch (SQLException | RuntimeException e) {
                closeOwner(owner, database);
                throw e;
            }
            if (signInAs != null) {
                // The console works as an operator, not as the owner, so the roles apply to it too.
                progress.step("sign-in", "Signing in as " + signInAs + "…");
                closeOwner(owner, database);
                // The owner has just migrated, so no second Flyway pass; Hibernate waits (reads need none): the
                // caller starts it when it suits (a console: once loaded), or the first change does.
                database = Database.openMigratedDeferringHibernate(DatabaseConfig.of(server.jdbcUrl(EMBEDDED_DATABASE), signInAs,
                        options.password() == null && signInAs.startsWith("demo_") ? DemoOperators.PASSWORD
                                : options.password()));
                out.println("Signed in to the embedded database as " + signInAs + ".");
            }
            return new DatabaseLauncher(server, database);
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * The embedded database as its owner, whether or not another program runs it: started here when nobody does
     * (migrated, demo shift seeded on first start), else joined on the port the running server wrote into its
     * data directory, with the owner's password from the file only this OS account can read. This is how a second
     * program (the simulator) joins the database a console started, without asking the operator to restart it
     * under {@code db}.
     */
    public static DatabaseLauncher openOrJoinEmbedded(Path dataDirOverride, PrintStream out)
            throws IOException, SQLException {
        Path dataDir = AppPaths.embeddedDataDirectory(dataDirOverride);
        try {
            return openStoppedByCaller(dataDirOverride, DemoSize.STANDARD, out);
        } catch (DispatchException e) {
            if (e.code() != ErrorCode.DATABASE_UNAVAILABLE) {
                throw e;
            }
            Integer port = EmbeddedServer.runningPort(dataDir);
            if (port == null) {
                throw e;
            }
            Database database = Database.open(DatabaseConfig.of("jdbc:postgresql://localhost:" + port + "/"
                    + EMBEDDED_DATABASE, EmbeddedServer.SUPERUSER, EmbeddedServer.superuserPasswordOf(dataDir)));
            out.println("Joined the embedded database another program runs: " + database.config().displayUrl());
            return new DatabaseLauncher(null, database);
        }
    }

    /** Closes the owner's connections: its {@link Database} when one was opened on them, else the pool alone. */
    private static void closeOwner(Database.Migrated owner, Database opened) {
        if (opened != null) {
            opened.close();
        } else {
            owner.close();
        }
    }

    /** Whether the database holds any outlet (a demo shift, or real ones): a database that has none gets the demo. */
    private static boolean hasOutlets(javax.sql.DataSource dataSource) throws SQLException {
        try (java.sql.Connection c = dataSource.getConnection()) {
            try {
                return OutletQueries.any(c);
            } finally {
                c.rollback();
            }
        }
    }

    private static boolean announce(StartProgress progress, String step, String text) {
        progress.step(step, text);
        return true;
    }

    /**
     * The data directory's lock is taken: by another process ("could not lock"), or by this one
     * ({@link java.nio.channels.OverlappingFileLockException}).
     */
    private static boolean heldByAnother(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.OverlappingFileLockException
                    || String.valueOf(t.getMessage()).contains("could not lock")) {
                return true;
            }
        }
        return false;
    }

    public Database database() {
        return database;
    }

    /** The JDBC URL other consoles and tools can use, without credentials. */
    public String jdbcUrl() {
        return database.config().displayUrl();
    }

    public boolean embedded() {
        return server != null;
    }

    @Override
    public void close() throws IOException {
        database.close();
        if (server != null) {
            server.close();
        }
    }
}

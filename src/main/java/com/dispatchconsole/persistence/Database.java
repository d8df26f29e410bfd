package com.dispatchconsole.persistence;

import com.dispatchconsole.domain.BatchOrder;
import com.dispatchconsole.domain.CustomerOrder;
import com.dispatchconsole.domain.DeliveryBatch;
import com.dispatchconsole.domain.Outlet;
import com.dispatchconsole.domain.Rider;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database as the application sees it: a Hikari pool, the schema migrated by Flyway, and a Hibernate
 * session factory that only validates that schema. Opening it checks the isolation level and refuses to
 * start if the connection would not give READ COMMITTED.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final DatabaseConfig config;
    private final HikariDataSource dataSource;
    /** Built at open, or still being built on a background thread (see {@link #openMigratedDeferringHibernate}). */
    private final java.util.concurrent.CompletableFuture<SessionFactory> sessionFactory;
    /** True while the session factory is deferred and nobody has started building it. */
    private boolean deferred;

    /** Sees every SQL statement prepared (tests), or null. */
    private final Consumer<String> sqlListener;

    private Database(DatabaseConfig config, HikariDataSource dataSource,
                     java.util.concurrent.CompletableFuture<SessionFactory> sessionFactory) {
        this(config, dataSource, sessionFactory, null);
    }

    private Database(DatabaseConfig config, HikariDataSource dataSource,
                     java.util.concurrent.CompletableFuture<SessionFactory> sessionFactory,
                     Consumer<String> sqlListener) {
        this.config = config;
        this.dataSource = dataSource;
        this.sessionFactory = sessionFactory;
        this.sqlListener = sqlListener;
    }

    public static Database open(DatabaseConfig config) {
        return open(config, null);
    }

    /** Opens the database; {@code sqlListener}, when given, sees every SQL statement Hibernate prepares. */
    public static Database open(DatabaseConfig config, Consumer<String> sqlListener) {
        return open(config, sqlListener, MigrationProgress.NONE);
    }

    /** What migrating says while it works: migrations applied so far of those pending, after each one. */
    @FunctionalInterface
    public interface MigrationProgress {
        MigrationProgress NONE = (done, pending) -> { };

        /** Called before the first pending migration (0 of n) and after each one; never when none is pending. */
        void migrated(int done, int pending);
    }

    /** As {@link #open(DatabaseConfig, Consumer)}, telling {@code progress} how migrating goes. */
    public static Database open(DatabaseConfig config, Consumer<String> sqlListener, MigrationProgress progress) {
        return migrate(config, progress).open(sqlListener);
    }

    /**
     * The first half of {@link #open(DatabaseConfig, Consumer, MigrationProgress)}: the pool, the schema migrated
     * and the isolation level checked, without Hibernate yet. For a caller that may need only plain JDBC (the
     * embedded owner on a second start: migrate, demo logins, "is there demo data?"), so that it does not pay for
     * a session factory it would close at once; {@link Migrated#open} adds one on the same pool when it is needed.
     */
    public static Migrated migrate(DatabaseConfig config, MigrationProgress progress) {
        HikariDataSource dataSource = new HikariDataSource(hikariConfig(config));
        try {
            migrate(dataSource, progress);
            verifyIsolation(dataSource, config);
            return new Migrated(config, dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /**
     * Opens a database that its owner has just migrated (the embedded database at start-up, signed in as an
     * operator): the pool and the isolation check now, no second Flyway pass, and no session factory yet. Reads
     * ({@code UnitOfWork.read}) need none, so a console loads its rows without waiting for Hibernate; the session
     * factory is built by {@link #startSessionFactory()} (a console calls it once its first load is done, so that
     * Hibernate does not compete with the window for the CPU) or by the first change, whichever comes first. One that
     * fails (the schema does not validate) fails every change with its cause; see {@link #sessionFactoryReady()}.
     */
    public static Database openMigratedDeferringHibernate(DatabaseConfig config) {
        HikariDataSource dataSource = new HikariDataSource(hikariConfig(config));
        try {
            verifyIsolation(dataSource, config);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        log.info("Connected to {} (isolation {})", config.displayUrl(), config.isolation().postgresName());
        Database database = new Database(config, dataSource, new java.util.concurrent.CompletableFuture<>());
        database.deferred = true;
        return database;
    }

    /**
     * Starts building a deferred session factory on a background thread (once; later calls do nothing), so that the
     * first change finds it ready. A database opened any other way has one already.
     */
    public void startSessionFactory() {
        if (!claimDeferredBuild()) {
            return;
        }
        Thread builder = new Thread(this::buildDeferred, "hibernate-start");
        builder.setDaemon(true);
        builder.start();
    }

    private synchronized boolean claimDeferredBuild() {
        if (!deferred) {
            return false;
        }
        deferred = false;
        return true;
    }

    private void buildDeferred() {
        try {
            sessionFactory.complete(buildSessionFactory(dataSource, null));
        } catch (RuntimeException | LinkageError e) {
            sessionFactory.completeExceptionally(e);
        }
    }

    /** A migrated database on its pool, before Hibernate: {@link #open} it, or {@link #close} it. */
    public static final class Migrated implements AutoCloseable {
        private final DatabaseConfig config;
        private final HikariDataSource dataSource;
        private boolean opened;

        private Migrated(DatabaseConfig config, HikariDataSource dataSource) {
            this.config = config;
            this.dataSource = dataSource;
        }

        /** Plain JDBC on the migrated database (connections with the same settings as the opened one's). */
        public DataSource dataSource() {
            return dataSource;
        }

        /** The {@link Database} on this pool, its session factory built (and the schema validated) now. */
        public Database open(Consumer<String> sqlListener) {
            if (opened) {
                throw new IllegalStateException("Already opened");
            }
            try {
                SessionFactory sessionFactory = buildSessionFactory(dataSource, sqlListener);
                opened = true;
                log.info("Connected to {} (isolation {})", config.displayUrl(), config.isolation().postgresName());
                return new Database(config, dataSource,
                        java.util.concurrent.CompletableFuture.completedFuture(sessionFactory), sqlListener);
            } catch (RuntimeException e) {
                dataSource.close();
                throw e;
            }
        }

        /** Closes the pool unless {@link #open} handed it to a {@link Database}, which closes it then. */
        @Override
        public void close() {
            if (!opened) {
                dataSource.close();
            }
        }
    }

    private static HikariConfig hikariConfig(DatabaseConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.url());
        if (config.user() != null) {
            hikari.setUsername(config.user());
        }
        if (config.password() != null) {
            hikari.setPassword(config.password());
        }
        hikari.setPoolName("dispatch");
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(Math.min(2, config.poolSize()));
        hikari.setAutoCommit(false);
        hikari.setTransactionIsolation(config.isolation().hikariName());
        hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
        hikari.setValidationTimeout(Math.min(1000, config.connectionTimeout().toMillis() - 1));
        hikari.setInitializationFailTimeout(config.connectionTimeout().toMillis());
        hikari.addDataSourceProperty("options", startupOptions(config));
        hikari.addDataSourceProperty("ApplicationName", "dispatch-console");
        hikari.addDataSourceProperty("requireAuth", DatabaseConfig.REQUIRE_AUTH);
        hikari.addDataSourceProperty("connectTimeout", (int) Math.max(1, config.connectionTimeout().toSeconds()));
        hikari.addDataSourceProperty("socketTimeout", (int) (config.statementTimeout().toSeconds() + 30));
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        return hikari;
    }

    /**
     * Settings sent in the connection's startup packet. They outrank every default a role or database may carry
     * ({@code ALTER ROLE … SET}, {@code ALTER DATABASE … SET}), so each connection the pool opens, now or after a
     * restart, runs at the isolation level the capacity check needs, whatever was changed on the server meanwhile.
     * The server also ends a transaction that a crashed or frozen client leaves open, releasing its locks.
     */
    static String startupOptions(DatabaseConfig config) {
        return "-c default_transaction_isolation=" + config.isolation().postgresName().replace(" ", "\\ ")
                + " -c idle_in_transaction_session_timeout=" + config.idleInTransactionTimeout().toMillis()
                + (config.waitForFlush() ? "" : " -c synchronous_commit=off");
    }

    private static void migrate(DataSource dataSource, MigrationProgress progress) {
        if (SchemaVersions.upToDate(dataSource)) {
            // Exactly this build's migrations, all applied: nothing for Flyway to do (see SchemaVersions).
            return;
        }
        org.flywaydb.core.api.configuration.FluentConfiguration flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration");
        if (progress != MigrationProgress.NONE) {
            int pending = flyway.load().info().pending().length;
            if (pending == 0) {
                flyway.load().migrate();
                return;
            }
            progress.migrated(0, pending);
            java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
            flyway.callbacks(new org.flywaydb.core.api.callback.Callback() {
                @Override
                public boolean supports(org.flywaydb.core.api.callback.Event event,
                                        org.flywaydb.core.api.callback.Context context) {
                    return event == org.flywaydb.core.api.callback.Event.AFTER_EACH_MIGRATE;
                }

                @Override
                public boolean canHandleInTransaction(org.flywaydb.core.api.callback.Event event,
                                                      org.flywaydb.core.api.callback.Context context) {
                    return true;
                }

                @Override
                public void handle(org.flywaydb.core.api.callback.Event event,
                                   org.flywaydb.core.api.callback.Context context) {
                    progress.migrated(Math.min(done.incrementAndGet(), pending), pending);
                }

                @Override
                public String getCallbackName() {
                    return "progress";
                }
            });
        }
        flyway.load().migrate();
    }

    /**
     * The capacity check is only correct under READ COMMITTED: under REPEATABLE READ a transaction that waited
     * for the rider lock still reads the load as it was before the wait. Fail fast instead of silently
     * overbooking riders.
     */
    private static void verifyIsolation(DataSource dataSource, DatabaseConfig config) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW transaction_isolation")) {
            rs.next();
            String actual = rs.getString(1);
            connection.rollback();
            if (!IsolationLevel.READ_COMMITTED.postgresName().equals(actual)
                    && !(config.unsafeIsolationAllowed() && config.isolation().postgresName().equals(actual))) {
                throw new IllegalStateException("Refusing to start: transactions run at '" + actual
                        + "', but the rider capacity check requires 'read committed'.");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the transaction isolation level: " + e.getMessage(), e);
        }
    }

    private static SessionFactory buildSessionFactory(DataSource dataSource, Consumer<String> sqlListener) {
        StandardServiceRegistryBuilder builder = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "validate")
                .applySetting(AvailableSettings.CONNECTION_PROVIDER_DISABLES_AUTOCOMMIT, true)
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, 50)
                .applySetting(AvailableSettings.ORDER_INSERTS, true)
                .applySetting(AvailableSettings.ORDER_UPDATES, true);
        if (sqlListener != null) {
            builder.applySetting(AvailableSettings.STATEMENT_INSPECTOR, new SqlRecorder(sqlListener));
        }
        StandardServiceRegistry registry = builder.build();
        try {
            return entities(registry).buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    private static MetadataSources entities(StandardServiceRegistry registry) {
        return new MetadataSources(registry)
                .addAnnotatedClass(Outlet.class)
                .addAnnotatedClass(Rider.class)
                .addAnnotatedClass(CustomerOrder.class)
                .addAnnotatedClass(DeliveryBatch.class)
                .addAnnotatedClass(BatchOrder.class);
    }

    /**
     * The session factory, waiting for it while it is still being built (building it here, on the caller's thread,
     * when it was deferred and nobody started it yet); its failure, if building it failed.
     */
    public SessionFactory sessionFactory() {
        if (!sessionFactory.isDone() && claimDeferredBuild()) {
            buildDeferred();
        }
        try {
            return sessionFactory.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Completes when the session factory is built (at once unless opened in the background), or failed. */
    public java.util.concurrent.CompletionStage<SessionFactory> sessionFactoryReady() {
        return sessionFactory.copy();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * A connection of this database's pool as a unit of work uses it in plain JDBC: itself, or, when the database was
     * opened with a SQL listener, one that tells the listener every statement prepared on it as Hibernate's do.
     */
    public Connection recording(Connection connection) {
        return sqlListener == null ? connection : SqlRecorder.recording(connection, sqlListener);
    }

    public DatabaseConfig config() {
        return config;
    }

    /**
     * Closes the pool for good: every later request for a connection fails at once, so nothing more can be done on a
     * server that went away, nor on one that took its port meanwhile. {@link #close()} still closes the rest.
     */
    public void refuseNewConnections() {
        dataSource.close();
    }

    @Override
    public void close() {
        if (claimDeferredBuild()) {
            // Never built: nothing to wait for.
            sessionFactory.cancel(false);
            dataSource.close();
            return;
        }
        // A session factory still being built is waited for (a bounded while), so it neither fails noisily on a
        // closed pool nor outlives the database.
        try {
            sessionFactory.get(30, java.util.concurrent.TimeUnit.SECONDS).close();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException notBuilt) {
            sessionFactory.thenAccept(SessionFactory::close);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sessionFactory.thenAccept(SessionFactory::close);
        }
        dataSource.close();
    }
}

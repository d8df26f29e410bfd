package com.dispatchconsole.service;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.persistence.IsolationLevel;
import com.dispatchconsole.persistence.TransactionSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.hibernate.Session;

/**
 * Runs one use case as one transaction: sets the bounded waits, retries deadlocks and serialization failures a
 * few times, and turns every database failure into a typed {@link DispatchException}. The only class that
 * opens transactions.
 */
public final class UnitOfWork {

    /** Thrown inside a unit of work when a row moved between the unlocked peek and the lock: try again. */
    static final class RowMovedMeanwhile extends RuntimeException {
        RowMovedMeanwhile() {
            super(null, null, false, false);
        }
    }

    /** A JDBC step inside a unit of work. */
    @FunctionalInterface
    public interface SqlWork<R> {
        R run(Connection connection) throws SQLException;
    }

    /** Asked for at each change, not at construction: it may still be starting (reads never need it). */
    private final Database database;
    private final DatabaseConfig config;
    private final int maxAttempts;
    /** The credential of the API token every transaction declares (a gateway acting for it), or null. */
    private final String apiCredential;
    private final AtomicLong deadlocks = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    public UnitOfWork(Database database, int maxAttempts) {
        this(database, maxAttempts, null);
    }

    /**
     * Units of work that each declare the API token {@code apiCredential} stands for ({@code dispatch.api_token}), so
     * the database holds every change to that token's scope and names the token in the audit (migration V10).
     * Shares the database's pool and session factory.
     */
    UnitOfWork(Database database, int maxAttempts, String apiCredential) {
        this.database = database;
        this.config = database.config();
        this.maxAttempts = maxAttempts;
        this.apiCredential = apiCredential;
    }

    public <R> R call(Function<Session, R> work) {
        return call(null, null, work);
    }

    /**
     * As {@link #call(Function)}, declaring to the database who acts and why: its triggers write both into every
     * audit row the change produces, next to the real database login and the server's clock.
     */
    public <R> R call(String operator, String reason, Function<Session, R> work) {
        return withRetries(() -> database.sessionFactory().fromTransaction(session -> {
            applySettings(session, operator, reason);
            return work.apply(session);
        }));
    }

    /**
     * As {@link #call(String, String, Function)}, in plain JDBC on a pooled connection: one transaction with the same
     * settings (bounded waits, operator and reason for the audit, the API token acted for), the same isolation check,
     * retries and typed errors, without a Hibernate session. For the hot path (assigning and moving batches), whose
     * statements live in persistence; Hibernate still has to have validated the schema before any change is made.
     */
    public <R> R change(String operator, String reason, SqlWork<R> work) {
        database.sessionFactory();
        return withRetries(() -> jdbcOnce(operator, reason, work));
    }

    /**
     * A read-only step in a transaction of its own, e.g. one of the read queries: plain JDBC on a pooled connection
     * with the same settings, isolation check, retries and typed errors as {@link #call}, without a Hibernate
     * session (reads need none, so they work while the session factory is still starting).
     */
    public <R> R read(SqlWork<R> work) {
        return withRetries(() -> jdbcOnce(null, null, work));
    }

    /**
     * The one retry loop of every unit of work: a deadlock, a serialization failure or a row that moved between the
     * unlocked peek and its lock starts the transaction again, a few times with a random back-off; everything else,
     * and the last failure, becomes a typed {@link DispatchException} (refusals pass through as they are).
     */
    private <R> R withRetries(java.util.function.Supplier<R> attempt) {
        for (int attemptNumber = 1; ; attemptNumber++) {
            try {
                return attempt.get();
            } catch (DispatchException e) {
                throw e;
            } catch (RuntimeException e) {
                DatabaseErrors.Kind kind = DatabaseErrors.classify(e);
                if (kind == DatabaseErrors.Kind.DEADLOCK) {
                    deadlocks.incrementAndGet();
                }
                boolean retryable = e instanceof RowMovedMeanwhile || kind == DatabaseErrors.Kind.DEADLOCK
                        || kind == DatabaseErrors.Kind.SERIALIZATION;
                if (!retryable || attemptNumber >= maxAttempts) {
                    throw DatabaseErrors.translate(e, kind, config);
                }
                retries.incrementAndGet();
                backOff(attemptNumber);
            }
        }
    }

    /** One JDBC transaction: settings and isolation check, the work, commit; rolled back on any failure. */
    private <R> R jdbcOnce(String operator, String reason, SqlWork<R> work) {
        try (Connection connection = database.recording(database.dataSource().getConnection())) {
            try {
                requireIsolation(TransactionSettings.apply(connection, config.lockTimeout(),
                        config.statementTimeout(), operator, reason, apiCredential));
                R result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new JdbcFailed(e);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollback) {
            cause.addSuppressed(rollback);
        }
    }

    /** A JDBC failure on its way to {@link DatabaseErrors#translate} (which reads the SQLSTATE in the chain). */
    private static final class JdbcFailed extends RuntimeException {
        JdbcFailed(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    static <R> R jdbc(Session session, SqlWork<R> work) {
        return session.doReturningWork(work::run);
    }

    /**
     * One round trip at the start of every transaction: the bounded waits, the operator and reason for the audit,
     * the API token acted for (if any), and a re-check of the isolation level the connection really runs at (pinned
     * when it was opened, see {@code Database}).
     */
    private void applySettings(Session session, String operator, String reason) {
        session.doWork(connection -> requireIsolation(TransactionSettings.apply(connection, config.lockTimeout(),
                config.statementTimeout(), operator, reason, apiCredential)));
    }

    private void requireIsolation(String actual) {
        String wanted = config.unsafeIsolationAllowed() ? config.isolation().postgresName()
                : IsolationLevel.READ_COMMITTED.postgresName();
        if (!wanted.equals(actual)) {
            throw new DispatchException(ErrorCode.UNSAFE_ISOLATION, "This connection runs at " + actual
                    + ", but dispatch changes need read committed; nothing was changed.");
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DispatchException(ErrorCode.CONCURRENT_UPDATE,
                    "Interrupted while retrying; nothing was changed.");
        }
    }

    /** Deadlocks seen (each retried or reported), for the stress report. */
    public long deadlocks() {
        return deadlocks.get();
    }

    public long retries() {
        return retries.get();
    }
}

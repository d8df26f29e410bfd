package com.dispatchconsole.persistence;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the database is and how long anyone may wait on it. The timeouts are the product's promise that a
 * console never hangs: a held rider lock costs at most {@code lockTimeout}, any statement at most
 * {@code statementTimeout}, and a connection left idle in a transaction is killed by the server.
 *
 * @param unsafeIsolationAllowed test-only: lets the stress harness prove that REPEATABLE READ breaks the
 *                               capacity check. Production start-up refuses anything but READ COMMITTED.
 */
public record DatabaseConfig(String url, String user, String password, int poolSize, Duration lockTimeout,
                             Duration statementTimeout, Duration idleInTransactionTimeout,
                             Duration connectionTimeout, IsolationLevel isolation, boolean unsafeIsolationAllowed,
                             boolean waitForFlush) {

    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);

    /**
     * The only ways a connection may authenticate (pgjdbc's requireAuth): SCRAM, which never sends the password, or
     * none at all. An impostor on the port that asks for the password in clear text (or MD5) gets nothing.
     */
    public static final String REQUIRE_AUTH = "scram-sha-256,none";

    public DatabaseConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(isolation, "isolation");
        if (statementTimeout.compareTo(lockTimeout) <= 0) {
            throw new IllegalArgumentException("statement timeout must be longer than the lock timeout");
        }
    }

    public static DatabaseConfig of(String url, String user, String password) {
        return new DatabaseConfig(url, user, password, 10, DEFAULT_LOCK_TIMEOUT, Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(3), IsolationLevel.READ_COMMITTED, false, true);
    }

    public DatabaseConfig withPoolSize(int size) {
        return new DatabaseConfig(url, user, password, size, lockTimeout, statementTimeout, idleInTransactionTimeout,
                connectionTimeout, isolation, unsafeIsolationAllowed, waitForFlush);
    }

    public DatabaseConfig withLockTimeout(Duration lock, Duration statement) {
        return new DatabaseConfig(url, user, password, poolSize, lock, statement, idleInTransactionTimeout,
                connectionTimeout, isolation, unsafeIsolationAllowed, waitForFlush);
    }

    /** Test-only: a pool that hands out another isolation level, accepted at start-up. */
    public DatabaseConfig withUnsafeIsolation(IsolationLevel level) {
        return new DatabaseConfig(url, user, password, poolSize, lockTimeout, statementTimeout,
                idleInTransactionTimeout, connectionTimeout, level, true, waitForFlush);
    }

    /** Test-only: asks the pool for another isolation level without allowing it, to prove start-up refuses it. */
    public DatabaseConfig withIsolation(IsolationLevel level) {
        return new DatabaseConfig(url, user, password, poolSize, lockTimeout, statementTimeout,
                idleInTransactionTimeout, connectionTimeout, level, unsafeIsolationAllowed, waitForFlush);
    }

    /**
     * Commits that return before the server's WAL reaches the disk ({@code synchronous_commit = off}): for creating a
     * new embedded database and its demo data only, hundreds of small commits. A crash then may lose the last
     * moments' commits but never leaves the database inconsistent; nothing an operator did is at stake.
     */
    public DatabaseConfig withoutWaitingForFlush() {
        return new DatabaseConfig(url, user, password, poolSize, lockTimeout, statementTimeout,
                idleInTransactionTimeout, connectionTimeout, isolation, unsafeIsolationAllowed, false);
    }

    /** The URL without credentials, safe to show on screen and in logs. */
    public String displayUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}

package com.dispatchconsole.service;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.persistence.SqlStates;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads PostgreSQL's SQLSTATE out of whatever Hibernate or Hikari threw and names it for the caller. */
final class DatabaseErrors {

    private static final Logger log = LoggerFactory.getLogger(DatabaseErrors.class);

    enum Kind { GUARD, DATA, LOCK_TIMEOUT, STATEMENT_TIMEOUT, DEADLOCK, SERIALIZATION, UNAVAILABLE, CONSTRAINT, PERMISSION, OTHER }

    /** The SQLSTATE of every refusal raised by the database's own guards (migration V8), "CODE: sentence". */
    static final String GUARD_STATE = "DC000";

    private DatabaseErrors() {
    }

    static Kind classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof org.hibernate.exception.JDBCConnectionException) {
                return Kind.UNAVAILABLE;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals(GUARD_STATE)) {
                    return Kind.GUARD;
                }
                if (SqlStates.isConnectionFailure(state)) {
                    return Kind.UNAVAILABLE;
                }
                switch (state) {
                    case "55P03":
                        return Kind.LOCK_TIMEOUT;
                    case "57014":
                        return Kind.STATEMENT_TIMEOUT;
                    case "40P01":
                        return Kind.DEADLOCK;
                    case "40001":
                        return Kind.SERIALIZATION;
                    case "42501":
                        return Kind.PERMISSION;
                    default:
                        if (state.startsWith("23")) {
                            return Kind.CONSTRAINT;
                        }
                        if (state.startsWith("22")) {
                            return Kind.DATA;
                        }
                }
            }
        }
        return Kind.OTHER;
    }

    static DispatchException translate(RuntimeException error, Kind kind, DatabaseConfig config) {
        if (error instanceof UnitOfWork.RowMovedMeanwhile) {
            return new DispatchException(ErrorCode.CONCURRENT_UPDATE,
                    "The batch kept changing under other consoles; nothing was changed. Try again.");
        }
        DispatchException typed = switch (kind) {
            case GUARD -> guardRefusal(error);
            case DATA -> new DispatchException(ErrorCode.INVALID_ARGUMENT,
                    "The database refused a value: " + rootMessage(error) + "; nothing was changed.", error);
            case LOCK_TIMEOUT -> new DispatchException(ErrorCode.RIDER_BUSY,
                    "Another console is changing this rider or batch right now (no lock within "
                            + config.lockTimeout().toMillis() + " ms); nothing was changed. Try again.", error);
            case STATEMENT_TIMEOUT -> new DispatchException(ErrorCode.DATABASE_TIMEOUT,
                    "The database did not answer within " + config.statementTimeout().toSeconds()
                            + " s; nothing was changed.", error);
            case DEADLOCK, SERIALIZATION -> new DispatchException(ErrorCode.CONCURRENT_UPDATE,
                    "Other consoles changed the same riders at the same moment; nothing was changed. Try again.",
                    error);
            case UNAVAILABLE -> new DispatchException(ErrorCode.DATABASE_UNAVAILABLE,
                    "The database at " + config.displayUrl() + " cannot be reached; nothing was changed.", error);
            case CONSTRAINT -> new DispatchException(ErrorCode.INVALID_ARGUMENT,
                    "The database refused the change: " + rootMessage(error), error);
            case PERMISSION -> new DispatchException(ErrorCode.PERMISSION_DENIED,
                    "Your database role does not allow this (" + rootMessage(error) + "); nothing was changed.", error);
            case OTHER -> new DispatchException(ErrorCode.DATABASE_UNAVAILABLE,
                    "Unexpected database error: " + rootMessage(error) + "; nothing was changed.", error);
        };
        // The typed sentence only: the exceptions' own messages quote the statement's values and the server's
        // DETAIL ("Failing row contains (…)"), e.g. a whole PoD document. The chain is there for debugging.
        if (kind == Kind.OTHER || kind == Kind.CONSTRAINT) {
            log.error("{} [SQLSTATE {}]", typed, sqlState(error));
        }
        log.debug("{}", typed, error);
        return typed;
    }

    private static String sqlState(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "none";
    }

    /** A refusal from a database guard: its message is "CODE: sentence" with one of our error codes. */
    private static DispatchException guardRefusal(RuntimeException error) {
        String message = serverMessage(error);
        int colon = message.indexOf(": ");
        ErrorCode code = ErrorCode.UNEXPECTED;
        String sentence = message;
        if (colon > 0) {
            try {
                code = ErrorCode.valueOf(message.substring(0, colon));
                sentence = message.substring(colon + 2);
            } catch (IllegalArgumentException unknown) {
                code = ErrorCode.UNEXPECTED;
            }
        }
        return new DispatchException(code, sentence + (sentence.endsWith(".") ? "" : ".")
                + " The database refused it; nothing was changed.", error);
    }

    /** The server's own message of the first PostgreSQL error in the chain, without JDBC's decorations. */
    private static String serverMessage(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null
                    && psql.getServerErrorMessage().getMessage() != null) {
                return psql.getServerErrorMessage().getMessage();
            }
        }
        return rootMessage(error);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}

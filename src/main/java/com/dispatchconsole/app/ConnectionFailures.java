package com.dispatchconsole.app;

import com.dispatchconsole.persistence.SqlStates;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Recognises "the database cannot be reached" in whatever Hikari, the driver, Hibernate or the JDK threw, and
 * says why in a few words of our own. Our own words, because the exceptions' messages are long, repeat
 * themselves down the chain and (Hikari's) may quote the JDBC URL with its query string.
 */
public final class ConnectionFailures {

    private ConnectionFailures() {
    }

    /** Why the database cannot be reached, or empty when {@code error} is something else. */
    public static Optional<String> reason(Throwable error) {
        // The server's own refusal (login, missing database) is the most telling, wherever it sits in the chain.
        for (Throwable t = error; t != null; t = t.getCause()) {
            Optional<String> refused = refusedByServer(t);
            if (refused.isPresent()) {
                return refused;
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return Optional.of("unknown host " + hostOf(t.getMessage()));
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return Optional.of("the connection was refused (is the server running, on that host and port?)");
            }
            if (t instanceof SocketTimeoutException) {
                return Optional.of("the server did not answer in time");
            }
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return Optional.of("no connection could be opened in time");
            }
            if (t instanceof SQLException sql && SqlStates.isConnectionFailure(sql.getSQLState())) {
                return Optional.of("the connection failed or was lost");
            }
            if (t instanceof org.hibernate.exception.JDBCConnectionException) {
                return Optional.of("the connection failed or was lost");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> refusedByServer(Throwable t) {
        if (!(t instanceof PSQLException psql) || psql.getSQLState() == null) {
            return Optional.empty();
        }
        // The driver's own refusal before it sends anything: the server wants a password and none was given.
        String driverSaid = psql.getMessage() == null ? "" : psql.getMessage();
        if (driverSaid.contains("no password was provided") || driverSaid.contains("password was not provided")) {
            return Optional.of("the server asks this login for a password and none was given (--db-password asks "
                    + "for it at a prompt; or set DISPATCH_DB_PASSWORD, or use ~/.pgpass)");
        }
        ServerErrorMessage server = psql.getServerErrorMessage();
        String said = server == null || server.getMessage() == null ? null : server.getMessage();
        return switch (psql.getSQLState()) {
            // The server's sentences name the user or database, never a password.
            case "28P01", "28000" -> Optional.of("the server refused the login" + (said == null ? "" : " (" + said + ")"));
            case "3D000" -> Optional.of(said == null ? "the database does not exist" : said);
            case "57P03" -> Optional.of("the server is starting up or shutting down");
            case "53300" -> Optional.of("the server has too many connections");
            default -> Optional.empty();
        };
    }

    /** "db.example: Name or service not known" → "db.example". */
    private static String hostOf(String message) {
        if (message == null || message.isBlank()) {
            return "(unnamed)";
        }
        int colon = message.indexOf(':');
        return colon > 0 ? message.substring(0, colon) : message;
    }
}

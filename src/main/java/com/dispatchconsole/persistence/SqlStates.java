package com.dispatchconsole.persistence;

import java.util.Set;

/**
 * What PostgreSQL's SQLSTATE codes mean to the product. The one list of "the database cannot be reached": the
 * services turn it into DATABASE_UNAVAILABLE (the console's banner), and the command line and the launcher say why
 * they could not connect from it.
 */
public final class SqlStates {

    /**
     * 57P01 administrator shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting or shutting down),
     * 53300 too many connections.
     */
    private static final Set<String> SERVER_GONE_OR_FULL = Set.of("57P01", "57P02", "57P03", "53300");

    private SqlStates() {
    }

    /** Class 08 (connection exception), the server going away or not taking connections; false for null. */
    public static boolean isConnectionFailure(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || SERVER_GONE_OR_FULL.contains(sqlState));
    }
}

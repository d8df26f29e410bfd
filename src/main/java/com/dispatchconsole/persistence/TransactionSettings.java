package com.dispatchconsole.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * What every transaction declares first, in one round trip: the bounded waits, the operator and reason the audit
 * triggers write, the API token a gateway acts for (its credential, or none), and the isolation level the connection
 * really runs at. SET LOCAL semantics (is_local = true): all of it ends with the transaction, so a pooled connection
 * never carries one token's credential into another's transaction.
 */
public final class TransactionSettings {

    private static final String SETTINGS = "SELECT current_setting('transaction_isolation'), "
            + "set_config('lock_timeout', ?, true), set_config('statement_timeout', ?, true), "
            + "set_config('dispatch.operator', ?, true), set_config('dispatch.reason', ?, true), "
            + "set_config('dispatch.api_token', ?, true)";

    private TransactionSettings() {
    }

    /**
     * Applies the settings; returns the isolation level in PostgreSQL's words, e.g. "read committed".
     *
     * @param apiCredential the credential of the API token a gateway session acts for (migration V10), or null
     */
    public static String apply(Connection c, Duration lockTimeout, Duration statementTimeout, String operator,
                               String reason, String apiCredential) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SETTINGS)) {
            ps.setString(1, lockTimeout.toMillis() + "ms");
            ps.setString(2, statementTimeout.toMillis() + "ms");
            ps.setString(3, operator == null ? "" : operator.strip());
            ps.setString(4, reason == null ? "" : reason.strip());
            ps.setString(5, apiCredential == null ? "" : apiCredential);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}

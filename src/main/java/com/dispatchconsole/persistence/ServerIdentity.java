package com.dispatchconsole.persistence;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Which PostgreSQL server a pool is talking to: the cluster's system identifier (fixed when the cluster was
 * created) and when its postmaster started. A pool reconnects silently, so after a restart, or another server
 * brought up on the same port, it carries on against a different database; a long run compares this at its start
 * and end instead of trusting figures that mix two servers. Two small queries per run: cheap enough to always do.
 */
public record ServerIdentity(String systemIdentifier, String startedAt) {

    private static final String FULL = "SELECT (SELECT system_identifier::text FROM pg_control_system()), "
            + "pg_postmaster_start_time()::text";
    private static final String START_ONLY = "SELECT NULL::text, pg_postmaster_start_time()::text";

    public static ServerIdentity of(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try {
                return read(c, FULL);
            } catch (SQLException e) {
                // A server may revoke pg_control_system() from ordinary logins; the start time still tells a restart.
                if (!"42501".equals(e.getSQLState())) {
                    throw e;
                }
                rollbackQuietly(c);
                return read(c, START_ONLY);
            }
        }
    }

    /** Throws DATABASE_UNAVAILABLE unless the pool still talks to this server; {@code what} names the run. */
    public void require(DataSource dataSource, String what) throws SQLException {
        ServerIdentity now = of(dataSource);
        if (!equals(now)) {
            throw new DispatchException(ErrorCode.DATABASE_UNAVAILABLE, "The database server was restarted or "
                    + "replaced during the " + what + "; its results would mix two servers, so none are reported.");
        }
    }

    private static ServerIdentity read(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            ServerIdentity identity = new ServerIdentity(rs.getString(1), rs.getString(2));
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            return identity;
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException ignored) {
            // the retry on the same connection reports any real problem
        }
    }
}

package com.dispatchconsole.persistence;

import com.dispatchconsole.domain.rows.DatabaseIdentity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What a connection can tell about where it is and who it is: the database's identity, the login and its role. */
public final class DatabaseQueries {

    private static final String ROLE = """
            SELECT current_user || ' (' || CASE
                WHEN (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN 'owner'
                WHEN pg_has_role('dispatch_admin', 'member') THEN 'admin'
                WHEN pg_has_role('dispatch_supervisor', 'member') THEN 'supervisor'
                WHEN pg_has_role('dispatch_gateway', 'usage') THEN 'gateway'
                WHEN pg_has_role('dispatch_dispatcher', 'member') THEN 'dispatcher'
                ELSE 'no operator role' END || ')'""";

    private DatabaseQueries() {
    }

    /**
     * Whether the server commits durably (fsync, synchronous commit and full-page writes on), read from its settings
     * rather than from what was asked for, so that a benchmark's figure says the truth for any server.
     */
    public static boolean durable(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('fsync') = 'on'"
                + " AND current_setting('synchronous_commit') <> 'off' AND current_setting('full_page_writes') = 'on'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * The identity of the database this connection reaches (see {@link DatabaseIdentity}). Asking whether the login
     * may call {@code pg_control_system()} first keeps a server that revoked it from failing the transaction:
     * the privilege is checked when a statement starts, even in a branch that would not run.
     */
    public static DatabaseIdentity identity(Connection c) throws SQLException {
        long oid;
        String name;
        boolean mayReadControlData;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT d.oid, d.datname, pg_catalog.has_function_privilege('pg_catalog.pg_control_system()', 'EXECUTE')
                FROM pg_catalog.pg_database d WHERE d.datname = pg_catalog.current_database()""");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            oid = rs.getLong(1);
            name = rs.getString(2);
            mayReadControlData = rs.getBoolean(3);
        }
        if (!mayReadControlData) {
            return new DatabaseIdentity(null, oid, name);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT system_identifier FROM pg_catalog.pg_control_system()");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new DatabaseIdentity(rs.getLong(1), oid, name);
        }
    }

    /** "user (role)" of this connection, e.g. "demo_dispatcher (dispatcher)" or "postgres (owner)". */
    public static String role(Connection c) throws SQLException {
        return text(c, ROLE);
    }

    /**
     * The server's clock now ({@code clock_timestamp()}: the real time, not the transaction's start), which every
     * console reads so that they all judge lateness by the same clock.
     */
    public static java.time.Instant serverTime(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT clock_timestamp()"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
        }
    }

    /** The database login of this session. */
    public static String login(Connection c) throws SQLException {
        return text(c, "SELECT session_user");
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}

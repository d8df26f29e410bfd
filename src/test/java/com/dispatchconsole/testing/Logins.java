package com.dispatchconsole.testing;

import com.dispatchconsole.persistence.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Operator logins for tests: a new PostgreSQL login in one of the group roles, on the same database. */
public final class Logins {

    public static final String PASSWORD = "secret";

    private Logins() {
    }

    /** @param group dispatch_dispatcher, dispatch_supervisor, dispatch_admin, dispatch_rider_system or dispatch_gateway */
    public static DatabaseConfig create(DatabaseConfig owner, String group) {
        String name = group.replace("dispatch_", "") + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(owner.url(), owner.user(), owner.password());
             Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + PASSWORD + "' IN ROLE " + group);
        } catch (Exception e) {
            throw new IllegalStateException("Could not create a test login in " + group, e);
        }
        return DatabaseConfig.of(owner.url(), name, PASSWORD);
    }

    /** A connection as {@code login}: the owner with its own password, a test login with {@link #PASSWORD}. */
    public static Connection connect(DatabaseConfig owner, String login) throws SQLException {
        return login.equals(owner.user())
                ? DriverManager.getConnection(owner.url(), owner.user(), owner.password())
                : DriverManager.getConnection(owner.url(), login, PASSWORD);
    }

    /** Runs the statements as one transaction of {@code login}; the first failure rolls it back and is thrown. */
    public static void run(DatabaseConfig owner, String login, String... statements) throws SQLException {
        try (Connection c = connect(owner, login); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                for (String statement : statements) {
                    st.execute(statement);
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }
}

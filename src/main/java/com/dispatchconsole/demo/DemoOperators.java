package com.dispatchconsole.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The embedded default's demo logins: a dispatcher and a supervisor, members of the group roles that migration V5
 * creates, and a gateway login in {@code dispatch_gateway} (V10) for the gateway to sign in with. Real deployments
 * create their own (docs/operations.md).
 */
public final class DemoOperators {

    public static final String DISPATCHER = "demo_dispatcher";
    public static final String SUPERVISOR = "demo_supervisor";
    /** The gateway's login: changes only what the API token of each transaction speaks for. */
    public static final String GATEWAY = "demo_gateway";
    public static final String PASSWORD = "demo";

    private DemoOperators() {
    }

    public static void ensure(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("""
                    DO $$
                    BEGIN
                        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                            CREATE ROLE %1$s LOGIN PASSWORD '%3$s' IN ROLE dispatch_dispatcher;
                        END IF;
                        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%2$s') THEN
                            CREATE ROLE %2$s LOGIN PASSWORD '%3$s' IN ROLE dispatch_supervisor;
                        END IF;
                        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%4$s') THEN
                            CREATE ROLE %4$s LOGIN PASSWORD '%3$s' IN ROLE dispatch_gateway;
                        END IF;
                    END $$""".formatted(DISPATCHER, SUPERVISOR, PASSWORD, GATEWAY));
            c.commit();
        }
    }
}

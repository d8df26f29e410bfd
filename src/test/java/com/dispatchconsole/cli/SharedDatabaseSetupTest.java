package com.dispatchconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.embedded.EmbeddedServer;
import com.dispatchconsole.cli.Main;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.NewOrder;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.testing.SlowTest;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docs/operations.md "Run one shared PostgreSQL", step by step, on a fresh cluster where the owner is NOT a
 * superuser: the one-time step as the superuser, the migration as the owner, operators created by the owner, and
 * a dispatcher signing in and working.
 */
@SlowTest
class SharedDatabaseSetupTest {

    @Test
    void theDocumentedSetUpWorksWithAnOwnerWhoIsNotSuperuser() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(Files.createTempDirectory("dispatch-ops"), false, 0)) {
            String url = server.jdbcUrl("dispatch");
            // 1. One time, as a superuser (or the cloud provider's admin).
            try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), EmbeddedServer.SUPERUSER, server.superuserPassword());
                 Statement st = c.createStatement()) {
                st.execute("CREATE ROLE dispatch_owner LOGIN PASSWORD 'owner-secret' CREATEROLE");
                st.execute("CREATE DATABASE dispatch OWNER dispatch_owner");
            }
            // 2. As the owner: migrate.
            int exit = new CommandLine(new Main()).execute("db", "--db-url", url, "--db-user", "dispatch_owner",
                    "--db-password", "owner-secret");
            assertThat(exit).isZero();
            // 3. As the owner: operator accounts.
            try (Connection c = DriverManager.getConnection(url, "dispatch_owner", "owner-secret");
                 Statement st = c.createStatement()) {
                assertThat(isSuperuser(c)).isFalse();
                st.execute("CREATE ROLE olga LOGIN PASSWORD 'olga-secret' IN ROLE dispatch_dispatcher");
                st.execute("CREATE ROLE fleet LOGIN PASSWORD 'fleet-secret' IN ROLE dispatch_admin");
            }
            // 4. The operators work.
            UUID outlet;
            try (Database admin = Database.open(DatabaseConfig.of(url, "fleet", "fleet-secret"))) {
                outlet = new DispatchServices(admin).fleet().createOutlet("Central Market", "1 Market Lane");
            }
            try (Database olga = Database.open(DatabaseConfig.of(url, "olga", "olga-secret"))) {
                BatchRow batch = new DispatchServices(olga).batches().createBatch(outlet,
                        List.of(new NewOrder("K. Mensah", "1 Elm Street", new BigDecimal("1.5"))), "Olga Petrova");
                assertThat(batch.orderCount()).isEqualTo(1);
                assertThat(new DispatchServices(olga).queries().sessionRole()).isEqualTo("olga (dispatcher)");
            }
        }
    }

    private static boolean isSuperuser(Connection c) throws Exception {
        try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}

package com.dispatchconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.embedded.EmbeddedServer;
import com.dispatchconsole.cli.Main;
import com.dispatchconsole.domain.ApiPrincipal;
import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.VehicleType;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.NewOrder;
import com.dispatchconsole.domain.rows.RiderRow;
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
            int exit = Main.commandLine().execute("db", "--db-url", url, "--db-user", "dispatch_owner",
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

    /**
     * docs/operations.md "The gateway's database login" with owners who are not superusers: the owner that created
     * the group roles (and so holds them WITH ADMIN OPTION only), and the owner of a second database on the same
     * cluster, to whom the superuser granted the existing roles WITH ADMIN OPTION as documented, which makes it a
     * full member of dispatch_gateway. Neither owner is held to a token's scope; the gateway's login is, in both.
     */
    @Test
    void theGatewaysLoginNeedsATokenOnEachDatabaseAndNeitherKindOfOwnerDoes() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(Files.createTempDirectory("dispatch-gateway"), false, 0)) {
            try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), EmbeddedServer.SUPERUSER,
                    server.superuserPassword()); Statement st = c.createStatement()) {
                st.execute("CREATE ROLE dispatch_owner LOGIN PASSWORD 'owner-secret' CREATEROLE");
                st.execute("CREATE DATABASE dispatch OWNER dispatch_owner");
            }
            migrate(server.jdbcUrl("dispatch"), "dispatch_owner", "owner-secret");
            try (Connection c = DriverManager.getConnection(server.jdbcUrl("dispatch"), "dispatch_owner", "owner-secret");
                 Statement st = c.createStatement()) {
                st.execute("CREATE ROLE gateway_api LOGIN PASSWORD 'gateway-secret' IN ROLE dispatch_gateway");
            }
            // A second database on the same cluster: the group roles exist, so the superuser grants them.
            try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), EmbeddedServer.SUPERUSER,
                    server.superuserPassword()); Statement st = c.createStatement()) {
                st.execute("CREATE ROLE second_owner LOGIN PASSWORD 'second-secret' CREATEROLE");
                st.execute("CREATE DATABASE second OWNER second_owner");
                st.execute("GRANT dispatch_dispatcher, dispatch_supervisor, dispatch_admin, dispatch_rider_system, "
                        + "dispatch_gateway TO second_owner WITH ADMIN OPTION");
                try (var rs = st.executeQuery("SELECT pg_has_role('second_owner', 'dispatch_gateway', 'USAGE'), "
                        + "pg_has_role('dispatch_owner', 'dispatch_gateway', 'USAGE')")) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).as("a full member of the gateway role").isTrue();
                    assertThat(rs.getBoolean(2)).as("the creator holds it with ADMIN OPTION only").isFalse();
                }
            }
            migrate(server.jdbcUrl("second"), "second_owner", "second-secret");

            for (String[] database : new String[][] {{"dispatch", "dispatch_owner", "owner-secret"},
                {"second", "second_owner", "second-secret"}}) {
                String url = server.jdbcUrl(database[0]);
                try (Database owner = Database.open(DatabaseConfig.of(url, database[1], database[2]));
                     Database gatewayDb = Database.open(DatabaseConfig.of(url, "gateway_api", "gateway-secret"))) {
                    DispatchServices asOwner = new DispatchServices(owner);
                    UUID outlet = asOwner.fleet().createOutlet("Central Market", "1 Market Lane");
                    RiderRow rider = asOwner.fleet().createRider("Ana", "+100", VehicleType.BICYCLE, outlet,
                            new RiderLimits(5, new BigDecimal("20"), 1));
                    BatchRow batch = asOwner.batches().createBatch(outlet,
                            List.of(new NewOrder("K. Mensah", "1 Elm Street", new BigDecimal("1.5"))), "Owner");
                    asOwner.assignments().assign(batch.id(), rider.id(), "Owner");
                    String token = asOwner.tokens().issue(ApiTokenScope.rider(rider.id()), "Owner").token();
                    DispatchServices gateway = new DispatchServices(gatewayDb);

                    assertThatThrownBy(() -> gateway.assignments().transition(batch.id(), BatchStatus.PICKED, "app", null))
                            .as(database[0]).isInstanceOfSatisfying(DispatchException.class,
                                    e -> assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED));
                    ApiPrincipal principal = gateway.tokens().authenticate(token).orElseThrow();
                    assertThat(gateway.actingFor(principal).assignments()
                            .transition(batch.id(), BatchStatus.PICKED, "app", null).status()).isEqualTo(BatchStatus.PICKED);
                    assertThat(asOwner.queries().history(batch.id())).last()
                            .satisfies(entry -> assertThat(entry.actor()).isEqualTo(principal.label()));
                }
            }
        }
    }

    private static void migrate(String url, String user, String password) {
        assertThat(Main.commandLine().execute("db", "--db-url", url, "--db-user", user, "--db-password", password))
                .isZero();
    }

    private static boolean isSuperuser(Connection c) throws Exception {
        try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}

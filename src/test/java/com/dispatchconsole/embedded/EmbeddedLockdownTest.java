package com.dispatchconsole.embedded;

import com.dispatchconsole.cli.Main;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.testing.SlowTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The embedded server as another OS account on the same workstation meets it: no login without its password, the
 * superuser's password readable by this account only, the socket and the programs in private directories.
 */
@SlowTest
class EmbeddedLockdownTest {

    private static String one(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void everyLoginNeedsItsPasswordAndTheSecretsAndProgramsArePrivate() throws Exception {
        Path dir = Files.createTempDirectory("dispatch-lockdown");
        try (EmbeddedServer server = EmbeddedServer.start(dir, true, 0)) {
            String url = server.jdbcUrl("postgres");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", null).close())
                    .hasMessageContaining("password");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "wrong").close())
                    .hasMessageContaining("password authentication failed");
            try (Connection c = DriverManager.getConnection(url, "postgres", server.superuserPassword());
                 Statement st = c.createStatement()) {
                assertThat(one(c, "SHOW unix_socket_directories")).isEqualTo(dir.toAbsolutePath().toString());
                assertThat(one(c, "SHOW listen_addresses")).isEqualTo("localhost");
                st.execute("CREATE ROLE demo_like LOGIN PASSWORD 'demo'");
            }
            assertThatThrownBy(() -> DriverManager.getConnection(url, "demo_like", "not-demo").close())
                    .hasMessageContaining("password authentication failed");
            DriverManager.getConnection(url, "demo_like", "demo").close();
            assertThat(cliWithWrongPassword(server.jdbcUrl("postgres")))
                    .as("one clear line on the command line").hasLineCount(1)
                    .contains("refused the login").contains("password authentication failed").doesNotContain("wrong-one");

            Path secret = dir.resolve(EmbeddedServer.PASSWORD_FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
            assertThat(Files.readString(secret).strip()).isEqualTo(server.superuserPassword());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(AppPaths.binariesDirectory())))
                    .isEqualTo("rwx------");
        }
        // The next start of the kept data directory uses the kept password.
        try (EmbeddedServer again = EmbeddedServer.start(dir, true, 0)) {
            assertThat(again.superuserPassword()).isEqualTo(Files.readString(dir.resolve(EmbeddedServer.PASSWORD_FILE)).strip());
            DriverManager.getConnection(again.jdbcUrl("postgres"), "postgres", again.superuserPassword()).close();
        }
    }

    private static String cliWithWrongPassword(String url) {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        int exit;
        try {
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            exit = Main.commandLine().execute("stress", "--db-url", url, "--db-user", "postgres", "--db-password",
                    "wrong-one");
        } finally {
            System.setErr(original);
        }
        assertThat(exit).isNotZero();
        return err.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                .filter(l -> !l.matches("^\\d\\d:\\d\\d:.*")).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    @Test
    void aDataDirectoryFromBeforePasswordsIsUpgradedInPlaceWithItsData() throws Exception {
        Path dir = Files.createTempDirectory("dispatch-old");
        // The previous version: zonky's defaults, every local connection trusted, no superuser password.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(AppPaths.binariesDirectory().toFile()).start();
             Connection c = DriverManager.getConnection(old.getJdbcUrl("postgres", "postgres"), "postgres", null);
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE kept (note text)");
            st.execute("INSERT INTO kept VALUES ('from before')");
        }
        assertThat(dir.resolve(EmbeddedServer.PASSWORD_FILE)).doesNotExist();

        try (EmbeddedServer upgraded = EmbeddedServer.start(dir, true, 0)) {
            String url = upgraded.jdbcUrl("postgres");
            assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", null).close())
                    .hasMessageContaining("password");
            try (Connection c = DriverManager.getConnection(url, "postgres", upgraded.superuserPassword())) {
                assertThat(one(c, "SELECT note FROM kept")).isEqualTo("from before");
            }
            assertThat(Files.readString(dir.resolve(EmbeddedServer.PASSWORD_FILE)).strip())
                    .isEqualTo(upgraded.superuserPassword());
        }
    }
}

package com.dispatchconsole.embedded;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server run from the binaries packaged in a Maven artifact: the default database of the
 * console (kept in a data directory across restarts) and the database of every test (thrown away).
 *
 * <p>Locked down for a workstation shared with other OS accounts: every login, the superuser included, needs its
 * password (SCRAM; {@code pg_hba.conf} is rewritten at every start); the superuser's random password lives in
 * {@value #PASSWORD_FILE} inside the data directory, which PostgreSQL keeps readable by this OS user only; the
 * socket is in that directory too, not in a shared temp folder; the PostgreSQL programs are unpacked into a
 * private per-user directory ({@link AppPaths#binariesDirectory()}); the server listens on loopback only.
 */
public final class EmbeddedServer implements AutoCloseable {

    public static final int PREFERRED_PORT = 54329;
    public static final String SUPERUSER = "postgres";

    public static final String PASSWORD_FILE = "dispatch-superuser.password";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final String superuserPassword;

    private EmbeddedServer(EmbeddedPostgres postgres, Path dataDirectory, String superuserPassword) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.superuserPassword = superuserPassword;
    }

    /**
     * Starts a server on {@code dataDirectory}, creating the cluster there on first use and keeping it otherwise.
     * Uses {@code preferredPort} when free (so psql instructions stay stable), else any free port. Kept data is
     * durable; thrown-away data runs with fsync and friends off, which is all a test needs.
     */
    public static EmbeddedServer start(Path dataDirectory, boolean keepData, int preferredPort) throws IOException {
        return start(dataDirectory, keepData, keepData, preferredPort);
    }

    /**
     * As {@link #start(Path, boolean, int)}, with durability chosen apart from keeping the data: a benchmark throws
     * its data away yet must commit like the operator's server does (fsync, synchronous_commit, full_page_writes on).
     */
    public static EmbeddedServer start(Path dataDirectory, boolean keepData, boolean durable, int preferredPort)
            throws IOException {
        return launch(dataDirectory, keepData, durable, preferredPort > 0 && isFree(preferredPort) ? preferredPort
                : freePort(), true);
    }

    /**
     * As {@link #start(Path, boolean, int)} with the data kept, for a program that stops the server itself when
     * it is done, also on Ctrl+C: the library's own shutdown hook would stop PostgreSQL at once, while that
     * program's hook still needs it to finish its work (the simulator's report and token revocation).
     */
    public static EmbeddedServer startStoppedByCaller(Path dataDirectory, int preferredPort) throws IOException {
        return launch(dataDirectory, true, true, preferredPort > 0 && isFree(preferredPort) ? preferredPort
                : freePort(), false);
    }

    /**
     * Starts the kept, durable server on {@code port} or not at all. Consoles were told the URL with this port;
     * a server that quietly came up on another one would be a server they never find again, so a port held by
     * another program is refused with {@link ErrorCode#PORT_IN_USE} before anything starts.
     */
    public static EmbeddedServer startOn(Path dataDirectory, int port) throws IOException {
        if (port < 1 || port > 65535) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "--port must be between 1 and 65535 (got " + port + ").");
        }
        if (!isFree(port)) {
            throw portInUse(port);
        }
        try {
            return launch(dataDirectory, true, true, port, true);
        } catch (IOException | RuntimeException e) {
            // Taken between the check and PostgreSQL's own bind: the same refusal, not a stack trace.
            if (!isFree(port)) {
                throw portInUse(port);
            }
            throw e;
        }
    }

    private static DispatchException portInUse(int port) {
        return new DispatchException(ErrorCode.PORT_IN_USE, "Port " + port + " is in use by another program, so the "
                + "embedded database was not started; stop that program or choose another --port.");
    }

    private static EmbeddedServer launch(Path dataDirectory, boolean keepData, boolean durable, int port,
                                         boolean stopOnExit) throws IOException {
        Files.createDirectories(dataDirectory);
        Path binaries = PrivateDirectory.ensure(AppPaths.binariesDirectory());
        boolean newCluster = !keepData || !Files.exists(dataDirectory.resolve("PG_VERSION"));
        String password = newCluster ? SuperuserPassword.generate() : SuperuserPassword.read(dataDirectory);
        // initdb wants an empty data directory, so a new cluster's password waits in the private binaries folder.
        Path pending = newCluster ? SuperuserPassword.writePending(binaries, password) : null;
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(binaries.toFile())
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(!keepData)
                .setPort(port)
                .setRegisterShutdownHook(stopOnExit)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("unix_socket_directories", dataDirectory.toAbsolutePath().toString())
                .setServerConfig("password_encryption", "scram-sha-256")
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("full_page_writes", durable ? "on" : "off")
                .setConnectConfig("password", password)
                .setDataDirectoryCustomizer(dir -> SuperuserPassword.secure(dir.toPath(), binaries, password, pending));
        if (pending != null) {
            builder.setLocaleConfig("pwfile", pending.toString())
                    .setLocaleConfig("auth-local", "scram-sha-256")
                    .setLocaleConfig("auth-host", "scram-sha-256");
        }
        try {
            EmbeddedServer server = new EmbeddedServer(builder.start(), dataDirectory, password);
            // The unpacking opens the folder's write bit to everyone; without the search bit that grants nothing,
            // but it is put back to owner-only all the same.
            PrivateDirectory.ensure(binaries);
            return server;
        } finally {
            if (pending != null) {
                Files.deleteIfExists(pending);
            }
        }
    }

    /**
     * The port of the server another program runs on {@code dataDirectory}, from the {@code postmaster.pid} file
     * PostgreSQL keeps there while it runs (its fourth line); null when no server runs there.
     */
    public static Integer runningPort(Path dataDirectory) {
        Path pid = dataDirectory.resolve("postmaster.pid");
        try {
            java.util.List<String> lines = Files.readAllLines(pid);
            return lines.size() >= 4 ? Integer.valueOf(lines.get(3).strip()) : null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /** The owner's password of the cluster in {@code dataDirectory}, from the file only this OS account reads. */
    public static String superuserPasswordOf(Path dataDirectory) throws IOException {
        return SuperuserPassword.read(dataDirectory);
    }

    /** The superuser's password: for the owner's own connections (migrations, demo seed, tests). */
    public String superuserPassword() {
        return superuserPassword;
    }

    /** Creates {@code database} unless it exists, optionally as a copy of {@code template}. */
    public void createDatabase(String database, String template) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, superuserPassword)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE \"" + database + "\"" + (template == null ? "" : " TEMPLATE \"" + template + "\""));
            }
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /** Whether PostgreSQL could listen on the port; like PostgreSQL, ignores connections lingering in TIME_WAIT. */
    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

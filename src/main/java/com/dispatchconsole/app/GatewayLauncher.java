package com.dispatchconsole.app;

import com.dispatchconsole.demo.DemoOperators;
import com.dispatchconsole.demo.DemoSize;
import com.dispatchconsole.gateway.GatewayServer;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.realtime.FeedSettings;
import com.dispatchconsole.service.DispatchServices;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;

/**
 * Composes the server side: the database (the embedded one signs in as the demo gateway login, so the scope
 * guards apply as on a shared database), the services, and the gateway's HTTP API and Socket.IO rooms fed by one
 * change feed. Prints where each listens.
 */
public final class GatewayLauncher implements AutoCloseable {

    public record Options(String host, int httpPort, int socketPort, double ratePerSecond, int burst) {
    }

    private final DatabaseLauncher database;
    private final GatewayServer server;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private GatewayLauncher(DatabaseLauncher database, GatewayServer server) {
        this.database = database;
        this.server = server;
    }

    public static GatewayLauncher start(DatabaseTarget target, Path dataDir, DemoSize demo, Options options,
                                        PrintStream out) throws IOException, SQLException {
        DatabaseLauncher database = DatabaseLauncher.open(target, dataDir, demo, DemoOperators.GATEWAY, null, out);
        try {
            // Hibernate is up before the gateway says Ready, so no first request waits for it.
            database.database().sessionFactory();
            DatabaseConfig config = database.database().config();
            GatewayServer server = GatewayServer.start(new DispatchServices(database.database()),
                    FeedSettings.of(config.url(), config.user(), config.password()),
                    new GatewayServer.Settings(options.host(), options.httpPort(), options.socketPort(),
                            options.ratePerSecond(), options.burst()));
            out.println("HTTP API: http://" + options.host() + ":" + server.httpPort());
            out.println("Socket.IO: http://" + options.host() + ":" + server.socketPort());
            out.println("OpenAPI: http://" + options.host() + ":" + server.httpPort() + "/openapi.json");
            GatewayLauncher launcher = new GatewayLauncher(database, server);
            Runtime.getRuntime().addShutdownHook(new Thread(launcher::closeQuietly, "gateway-shutdown"));
            return launcher;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public GatewayServer server() {
        return server;
    }

    /** Blocks until the process is asked to stop (Ctrl+C, SIGTERM). */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            // stopping anyway
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (stopped.getCount() == 0) {
            return;
        }
        stopped.countDown();
        server.close();
        database.close();
    }
}

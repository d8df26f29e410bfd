package com.dispatchconsole.cli;

import com.dispatchconsole.app.GatewayLauncher;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The server side: the HTTP API and the Socket.IO rooms, headless, until Ctrl+C. */
@Command(name = "gateway", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Start the HTTP API and Socket.IO rooms for outlet systems, rider apps and tracking pages "
                + "(embedded database by default). Prints the two addresses, then Ready.")
public final class GatewayCommand implements Callable<Integer> {

    @Mixin
    DbOptions db = new DbOptions();

    @Mixin
    DataDirOption dataDir = new DataDirOption();

    @Mixin
    DemoOption demo = new DemoOption();

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}: this machine only; put a TLS proxy in "
                    + "front before opening it wider).")
    String host;

    @Option(names = "--http-port", defaultValue = "8080", paramLabel = "N",
            description = "HTTP API port (default ${DEFAULT-VALUE}; 0 = any free port).")
    int httpPort;

    @Option(names = "--socket-port", defaultValue = "8081", paramLabel = "N",
            description = "Socket.IO port (default ${DEFAULT-VALUE}; 0 = any free port).")
    int socketPort;

    @Option(names = "--rate", defaultValue = "20", paramLabel = "PER_SECOND",
            description = "Requests a second each token may send on average (default ${DEFAULT-VALUE}; 0 = no limit).")
    double rate;

    @Option(names = "--burst", defaultValue = "40", paramLabel = "N",
            description = "Requests a token may send at once above its rate (default ${DEFAULT-VALUE}).")
    int burst;

    @Override
    public Integer call() throws Exception {
        requirePort(httpPort, "--http-port");
        requirePort(socketPort, "--socket-port");
        if (rate < 0 || burst < 1) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "--rate is 0 or more and --burst 1 or more.");
        }
        GatewayLauncher.Options options = new GatewayLauncher.Options(host, httpPort, socketPort, rate, burst);
        try (GatewayLauncher gateway = GatewayLauncher.start(db.target(), dataDir.dataDir(), demo.demo(), options,
                System.out)) {
            System.out.println("Ready");
            System.out.flush();
            gateway.awaitShutdown();
            return 0;
        }
    }

    private static void requirePort(int port, String flag) {
        if (port < 0 || port > 65535) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, flag + " is a port from 0 to 65535 (0 = any free one).");
        }
    }
}

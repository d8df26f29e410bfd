package com.dispatchconsole.cli;

import com.dispatchconsole.app.SimLauncher;
import com.dispatchconsole.demo.DemoOperators;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.sim.SimSettings;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A living shift played through the public API: outlets order, riders ride and deliver, a bot may dispatch. */
@Command(name = "sim", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Play a shift through the gateway's public API: outlet systems create batches, riders' apps "
                + "follow their rooms, ride, pick up and deliver with PoDs (and the odd exception), and with "
                + "--auto-dispatch a bot assigns waiting batches. Runs on the console's embedded database (joining "
                + "it if a console is open) with a gateway of its own, unless told otherwise. Ends with one JSON line.")
public final class SimCommand implements Callable<Integer> {

    @Mixin
    DbOptions db = new DbOptions();

    @Mixin
    DataDirOption dataDir = new DataDirOption();

    @Option(names = "--gateway", paramLabel = "URL",
            description = "A running gateway's HTTP API (e.g. http://127.0.0.1:8080); default: start one on the same "
                    + "database. Its database must be the one the --db-* flags name (the tokens are issued there).")
    String gateway;

    @Option(names = "--socket", paramLabel = "URL",
            description = "That gateway's Socket.IO address (default: the HTTP port + 1).")
    String socket;

    @Option(names = "--riders", defaultValue = "24", paramLabel = "N",
            description = "Riders to play (default ${DEFAULT-VALUE}, the demo's); more are enrolled if needed.")
    int riders;

    @Option(names = "--orders-per-minute", defaultValue = "20", paramLabel = "R",
            description = "Orders the outlets create a minute, all together (default ${DEFAULT-VALUE}).")
    int ordersPerMinute;

    @Option(names = "--minutes", defaultValue = "0", paramLabel = "M",
            description = "How long to play (decimals allowed); 0 plays until Ctrl+C (default).")
    double minutes;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Seed of every choice: addresses, weights, speeds, the exception mix (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--auto-dispatch",
            description = "A bot assigns waiting batches to the nearest rider with room; without it, batches wait "
                    + "for the dispatchers in the consoles.")
    boolean autoDispatch;

    @Option(names = "--pace", defaultValue = "10", paramLabel = "X",
            description = "Simulated seconds per real second for riding and handing over (default ${DEFAULT-VALUE}, "
                    + "so a delivery takes minutes, not an hour; 1 = real time). Positions are sent every 5–15 real "
                    + "seconds whatever the pace.")
    double pace;

    @Option(names = "--scratch",
            description = "Play on a throwaway embedded database (durable, with the demo shift) instead of yours.")
    boolean scratch;

    @Option(names = "--gateway-db-user", paramLabel = "LOGIN",
            description = "With --db-url and no --gateway: the login of the gateway started here (default "
                    + DemoOperators.GATEWAY + "; password from DISPATCH_GATEWAY_DB_PASSWORD, or 'demo' for a demo login).")
    String gatewayUser = DemoOperators.GATEWAY;

    @Override
    public Integer call() throws Exception {
        if (riders < 1 || riders > 20_000) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "--riders is from 1 to 20000.");
        }
        if (ordersPerMinute < 0 || ordersPerMinute > 100_000) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "--orders-per-minute is from 0 to 100000.");
        }
        if (!(minutes >= 0) || minutes > 7 * 24 * 60) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "--minutes is 0 (until Ctrl+C) or up to a week.");
        }
        if (!(pace > 0) || pace > 3600) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "--pace is more than 0 and at most 3600.");
        }
        if (scratch && db.external()) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "--scratch and --db-url name two databases; "
                    + "give one.");
        }
        if (scratch && gateway != null) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "--scratch starts its own gateway; --gateway "
                    + "would be on another database.");
        }
        URI gatewayUri = address(gateway, "--gateway");
        URI socketUri = address(socket, "--socket");
        String gatewayPassword = System.getenv("DISPATCH_GATEWAY_DB_PASSWORD");
        if (gatewayPassword == null && gatewayUser.startsWith("demo_")) {
            gatewayPassword = DemoOperators.PASSWORD;
        }
        SimLauncher.Options options = db.external()
                ? new SimLauncher.Options(gatewayUri, socketUri, false, gatewayUser, gatewayPassword)
                : SimLauncher.embeddedGateway(gatewayUri, socketUri, scratch);
        SimSettings settings = new SimSettings(riders, ordersPerMinute, minutes, seed, autoDispatch, pace);
        return SimLauncher.run(db.target(), dataDir.dataDir(), options, settings, System.out);
    }

    private static URI address(String value, String flag) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = URI.create(value.strip());
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getPort() > 0) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new DispatchException(ErrorCode.INVALID_ARGUMENT, flag + " is an address with a port, such as "
                + "http://127.0.0.1:8080.");
    }
}

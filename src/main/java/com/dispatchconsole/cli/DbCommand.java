package com.dispatchconsole.cli;

import com.dispatchconsole.app.DatabaseLauncher;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the embedded database alone, so several consoles and tools can share it. */
@Command(name = "db", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Start the embedded PostgreSQL (migrated, with demo data) and keep it running; prints its JDBC URL.")
public final class DbCommand implements Callable<Integer> {

    @Mixin
    DbOptions db = new DbOptions();

    @Mixin
    DataDirOption dataDir = new DataDirOption();

    @Mixin
    DemoOption demo = new DemoOption();

    @Option(names = "--port", paramLabel = "N",
            description = "Listen on port N or refuse to start (default: 54329 when free, else any free port).")
    Integer port;

    @Override
    public Integer call() throws Exception {
        if (port != null && db.external()) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT,
                    "--port is for the embedded database; a --db-url database keeps its own.");
        }
        // A refusal to start (PORT_IN_USE: consoles were given this port, and starting anywhere else would leave
        // them looking at nothing) goes to CliErrorHandler like every command's: one line, exit code by its code.
        try (DatabaseLauncher launcher = DatabaseLauncher.open(db.target(), dataDir.dataDir(), demo.demo(), null, port, System.out)) {
            if (!launcher.embedded()) {
                System.out.println("Database at " + launcher.jdbcUrl() + " is migrated; nothing to keep running.");
                return 0;
            }
            System.out.println(launcher.jdbcUrl());
            System.out.println("Ready. Start consoles with --db-url <the URL above> --db-user <an operator>; the console "
                    + "asks for the password (or set DISPATCH_DB_PASSWORD). Press Ctrl+C to stop.");
            System.out.flush();
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.countDown();
                try {
                    launcher.close();
                } catch (Exception ignored) {
                    // shutting down: the server process is stopped by its own hook as well
                }
            }));
            stop.await();
            return 0;
        }
    }
}

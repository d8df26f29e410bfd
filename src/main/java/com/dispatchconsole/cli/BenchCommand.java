package com.dispatchconsole.cli;

import com.dispatchconsole.app.DbOptions;
import com.dispatchconsole.app.EmbeddedServer;
import com.dispatchconsole.bench.AssignBenchmark;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.service.DispatchServices;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Benchmarks that print figures; speed targets live here, never in unit tests. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks; each prints one JSON line last.",
        subcommands = {BenchCommand.Assign.class, BenchCommand.Console.class})
public final class BenchCommand {

    @Command(name = "assign", mixinStandardHelpOptions = true,
            description = "Assignment throughput: Hibernate service vs the same transaction in raw JDBC, "
                    + "spread over many riders and on one hot rider.")
    static final class Assign implements Callable<Integer> {

        @Mixin
        DbOptions db = new DbOptions();

        @Option(names = "--clients", split = ",", defaultValue = "1,8,32",
                description = "Concurrent client counts (default ${DEFAULT-VALUE}).")
        int[] clients;

        @Option(names = "--seconds", defaultValue = "3", description = "Seconds per measurement (default ${DEFAULT-VALUE}).")
        double seconds;

        @Override
        public Integer call() throws Exception {
            int maxClients = Arrays.stream(clients).max().orElse(1);
            try (Scratch scratch = Scratch.open(db, "bench", maxClients + 4)) {
                List<AssignBenchmark.Result> results = new AssignBenchmark(new DispatchServices(scratch.database))
                        .run(clients, seconds);
                for (AssignBenchmark.Result r : results) {
                    System.err.printf("%-6s %2d clients  raw %8.1f tx/s  service %8.1f tx/s  ratio %.2f%n",
                            r.pattern(), r.clients(), r.rawTxPerSec(), r.serviceTxPerSec(), r.ratio());
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("benchmark", "assign");
                out.put("machine", AssignBenchmark.machine());
                out.put("results", results);
                System.out.println(new ObjectMapper().writeValueAsString(out));
                return 0;
            }
        }
    }

    @Command(name = "console", mixinStandardHelpOptions = true,
            description = "Console responsiveness at full size: seeds a scratch database with many riders and "
                    + "batches, then times loading both tables and changing filters and sort order.")
    static final class Console implements Callable<Integer> {

        @Option(names = "--riders", defaultValue = "2000", description = "Riders (default ${DEFAULT-VALUE}).")
        int riders;

        @Option(names = "--batches", defaultValue = "50000", description = "Batches (default ${DEFAULT-VALUE}).")
        int batches;

        @Option(names = "--repeats", defaultValue = "7", description = "Repetitions of each step (default ${DEFAULT-VALUE}).")
        int repeats;

        @Override
        public Integer call() throws Exception {
            try (Scratch scratch = Scratch.open(new DbOptions(), "console", 6)) {
                long t0 = System.nanoTime();
                com.dispatchconsole.bench.LargeDataSet.seed(scratch.database.dataSource(), riders, batches);
                System.err.printf("Seeded %d riders and %d batches in %.1f s%n", riders, batches, (System.nanoTime() - t0) / 1e9);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("benchmark", "console");
                out.put("machine", AssignBenchmark.machine());
                out.putAll(ConsoleBenchmark.run(new DispatchServices(scratch.database), repeats));
                System.out.println(new ObjectMapper().writeValueAsString(out));
                return 0;
            }
        }
    }

    /** The database a benchmark runs on: the given one, or a scratch embedded one thrown away afterwards. */
    static final class Scratch implements AutoCloseable {
        final Database database;
        private final EmbeddedServer server;

        private Scratch(Database database, EmbeddedServer server) {
            this.database = database;
            this.server = server;
        }

        static Scratch open(DbOptions db, String name, int poolSize) throws Exception {
            if (db.external()) {
                return new Scratch(Database.open(DatabaseConfig.of(db.url(), db.user(), db.password())
                        .withPoolSize(poolSize)), null);
            }
            EmbeddedServer server = EmbeddedServer.start(Files.createTempDirectory("dispatch-" + name), false, 0);
            server.createDatabase(name, null);
            return new Scratch(Database.open(DatabaseConfig.of(server.jdbcUrl(name), EmbeddedServer.SUPERUSER, null)
                    .withPoolSize(poolSize)), server);
        }

        @Override
        public void close() throws Exception {
            database.close();
            if (server != null) {
                server.close();
            }
        }
    }
}

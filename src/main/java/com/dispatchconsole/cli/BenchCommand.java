package com.dispatchconsole.cli;

import com.dispatchconsole.bench.AssignBenchmark;
import com.dispatchconsole.bench.ConsoleBenchmark;
import com.dispatchconsole.bench.GatewayBenchmark;
import com.dispatchconsole.bench.NotifyBenchmark;
import com.dispatchconsole.bench.NotifyCostBenchmark;
import com.dispatchconsole.service.DispatchServices;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Benchmarks that print figures; speed targets live here, never in unit tests. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Benchmarks; each prints one JSON line last.",
        subcommands = {BenchCommand.Assign.class, BenchCommand.Console.class, BenchCommand.Notify.class, BenchCommand.NotifyCost.class, BenchCommand.PodSearch.class,
                BenchCommand.Gateway.class, BenchCommand.GatewayClientsCommand.class, BenchScaleCommands.Scale.class,
                BenchScaleCommands.Positions.class})
public final class BenchCommand {

    @Command(name = "assign", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Assignment throughput: Hibernate service vs the same transaction in raw JDBC and in "
                    + "pgbench, spread over many riders and on one hot rider, on a durable server; the JSON says "
                    + "whether issue 15's targets hold (service >= 0.8x raw and >= 0.7x pgbench at 8 clients).")
    static final class Assign implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DbOptions db = new DbOptions();

        @Option(names = "--clients", split = ",", defaultValue = "1,8",
                description = "Concurrent client counts (default ${DEFAULT-VALUE}).")
        int[] clients;

        @Option(names = "--pgbench", paramLabel = "FILE",
                description = "The pgbench to run the raw path's statements with (default: one beside the embedded "
                        + "binaries, which ship none today, else the first on the PATH; without one the JSON says "
                        + "so and reports no pgbench figures).")
        java.nio.file.Path pgbench;

        @Option(names = "--no-pgbench", description = "Do not run pgbench.")
        boolean noPgbench;

        @Option(names = "--rounds", defaultValue = "3",
                description = "Rounds of raw, service and pgbench per cell, in rotating order, each --seconds long; "
                        + "figures are the means (default ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--seconds", defaultValue = "3", description = "Seconds per measurement (default ${DEFAULT-VALUE}).")
        double seconds;

        @Mixin
        DurableOption durability = new DurableOption();

        @Override
        public Integer call() throws Exception {
            Counts.eachAtLeast(spec, "--clients", clients, 1);
            Counts.positive(spec, "--seconds", seconds);
            Counts.atLeast(spec, "--rounds", rounds, 1);
            int maxClients = Arrays.stream(clients).max().orElse(1);
            com.dispatchconsole.bench.PgbenchAssign pgbenchRunner = noPgbench ? null
                    : com.dispatchconsole.bench.PgbenchAssign.locate(pgbench);
            try (ScratchDatabase scratch = ScratchDatabase.open(db, "bench", maxClients + 4, durability.durable)) {
                double loadBefore = AssignBenchmark.loadAverage();
                AssignBenchmark benchmark = new AssignBenchmark(new DispatchServices(scratch.database));
                List<AssignBenchmark.Result> results = benchmark.run(clients, seconds, rounds, pgbenchRunner);
                for (AssignBenchmark.Result r : results) {
                    System.err.printf("%-6s %2d clients  raw %8.1f tx/s  service %8.1f tx/s  pgbench %8s tx/s  "
                                    + "service/raw %.2f  service/pgbench %s  cpu ms/tx raw %.2f (calls %.2f) service %.2f (calls %.2f)"
                                    + "  by round %s  load %s  jit ms raw %d service %d  db cpu ms/tx raw %s service %s"
                                    + "  without read-back: raw %.1f tx/s (service/it %.2f), pgbench %s tx/s (service/it %s)%n",
                            r.pattern(), r.clients(), r.rawTxPerSec(), r.serviceTxPerSec(), r.pgbenchTxPerSec(),
                            r.ratio(), r.serviceVsPgbench(), r.rawCpuMsPerTx(), r.rawCallCpuMsPerTx(), r.serviceCpuMsPerTx(),
                            r.serviceCallCpuMsPerTx(), r.ratioByRound(), r.loadAverage(), r.rawJitMs(),
                            r.serviceJitMs(), r.rawDbCpuMsPerTx(), r.serviceDbCpuMsPerTx(), r.rawBareTxPerSec(),
                            r.serviceVsRawBare(), r.pgbenchBareTxPerSec(), r.serviceVsPgbenchBare());
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("benchmark", "assign");
                out.put("machine", AssignBenchmark.machine());
                out.put("durable", scratch.durable());
                out.put("seconds", seconds);
                out.put("rounds", rounds);
                out.put("loadAverage", List.of(loadBefore, AssignBenchmark.loadAverage()));
                out.put("warmUp", benchmark.warmUp());
                out.put("pgbench", pgbenchRunner != null ? pgbenchRunner.describe() : Map.of("available", false,
                        "why", noPgbench ? "--no-pgbench" : com.dispatchconsole.bench.PgbenchAssign.whyMissing(pgbench)));
                out.put("targets", AssignBenchmark.targets(results));
                out.put("results", results);
                System.out.println(new ObjectMapper().writeValueAsString(out));
                return 0;
            }
        }
    }

    @Command(name = "console", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Console responsiveness at full size: seeds a scratch database with many riders and "
                    + "batches, then times loading both tables and changing filters and sort order.")
    static final class Console implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--riders", defaultValue = "2000", description = "Riders (default ${DEFAULT-VALUE}).")
        int riders;

        @Option(names = "--batches", defaultValue = "50000", description = "Batches (default ${DEFAULT-VALUE}).")
        int batches;

        @Option(names = "--repeats", defaultValue = "7", description = "Repetitions of each step (default ${DEFAULT-VALUE}).")
        int repeats;

        @Override
        public Integer call() throws Exception {
            Counts.atLeast(spec, "--riders", riders, 1);
            Counts.atLeast(spec, "--batches", batches, 1);
            Counts.atLeast(spec, "--repeats", repeats, 1);
            try (ScratchDatabase scratch = ScratchDatabase.open(new DbOptions(), "console", 6)) {
                long t0 = System.nanoTime();
                com.dispatchconsole.demo.LargeDataSet.seed(scratch.database.dataSource(), riders, batches);
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

    @Command(name = "notify", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Live-update latency: commits single-row changes at a fixed rate and reports commit -> "
                    + "listener and commit -> table model latency for 1 and 10 listening consoles.")
    static final class Notify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--rate", defaultValue = "500", description = "Commits per second (default ${DEFAULT-VALUE}).")
        double rate;

        @Option(names = "--seconds", defaultValue = "10", description = "Seconds per run (default ${DEFAULT-VALUE}).")
        double seconds;

        @Option(names = "--listeners", split = ",", defaultValue = "1,10",
                description = "Listening console counts (default ${DEFAULT-VALUE}).")
        int[] listeners;

        @Option(names = "--riders", defaultValue = "2000", description = "Riders (default ${DEFAULT-VALUE}).")
        int riders;

        @Option(names = "--batches", defaultValue = "50000", description = "Batches in each table model (default ${DEFAULT-VALUE}).")
        int batches;

        @Mixin
        DurableOption durability = new DurableOption();

        @Override
        public Integer call() throws Exception {
            Counts.positive(spec, "--rate", rate);
            Counts.positive(spec, "--seconds", seconds);
            Counts.eachAtLeast(spec, "--listeners", listeners, 1);
            Counts.atLeast(spec, "--riders", riders, 1);
            Counts.atLeast(spec, "--batches", batches, 1);
            int maxListeners = Arrays.stream(listeners).max().orElse(1);
            try (ScratchDatabase scratch = ScratchDatabase.open(new DbOptions(), "notify", maxListeners * 2 + 4,
                    durability.durable)) {
                com.dispatchconsole.demo.LargeDataSet.seed(scratch.database.dataSource(), riders, batches);
                var config = scratch.database.config();
                var feed = com.dispatchconsole.realtime.FeedSettings.of(config.url(), config.user(), config.password());
                List<Map<String, Object>> runs = new java.util.ArrayList<>();
                try (var writer = java.sql.DriverManager.getConnection(config.url(), config.user(), config.password())) {
                    for (int count : listeners) {
                        Map<String, Object> run = NotifyBenchmark.run(scratch.database, feed, writer, rate, seconds, count);
                        System.err.println(run);
                        runs.add(run);
                    }
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("benchmark", "notify");
                out.put("machine", AssignBenchmark.machine());
                out.put("ratePerSec", rate);
                out.put("batchesInModel", batches);
                out.put("durable", scratch.durable());
                out.put("runs", runs);
                out.put("pass", runs.stream().allMatch(r -> Boolean.TRUE.equals(
                        ((Map<?, ?>) r.get("targets")).get("pass"))));
                System.out.println(new ObjectMapper().writeValueAsString(out));
                return 0;
            }
        }
    }

    @Command(name = "notify-cost", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "What the NOTIFY triggers and 1, 10 and 50 listening consoles cost the assignment "
                    + "throughput (service, 8 clients over many riders).")
    static final class NotifyCost implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--listeners", split = ",", defaultValue = "0,1,10,50",
                description = "Listening connection counts (default ${DEFAULT-VALUE}).")
        int[] listeners;

        @Option(names = "--clients", defaultValue = "8", description = "Concurrent clients (default ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--seconds", defaultValue = "5", description = "Seconds per measurement (default ${DEFAULT-VALUE}).")
        double seconds;

        @Override
        public Integer call() throws Exception {
            Counts.eachAtLeast(spec, "--listeners", listeners, 0);
            Counts.atLeast(spec, "--clients", clients, 1);
            Counts.positive(spec, "--seconds", seconds);
            try (ScratchDatabase scratch = ScratchDatabase.open(new DbOptions(), "notifycost", clients + 4)) {
                List<Map<String, Object>> rows = NotifyCostBenchmark.run(scratch.database, clients, seconds, listeners);
                rows.forEach(r -> System.err.println(r));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("benchmark", "notify-cost");
                out.put("machine", AssignBenchmark.machine());
                out.put("clients", clients);
                out.put("runs", rows);
                System.out.println(new ObjectMapper().writeValueAsString(out));
                return 0;
            }
        }
    }

    @Command(name = "pod-search", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Seeds order lines with PoD documents (about 100,000 by default) and prints the EXPLAIN "
                    + "ANALYZE plan and time of the bounding-box, notes and coordinates searches.")
    static final class PodSearch implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--batches", defaultValue = "40000",
                description = "Batches to seed; each has 1-4 orders, 2.5 on average (default ${DEFAULT-VALUE}).")
        int batches;

        @Override
        public Integer call() throws Exception {
            Counts.atLeast(spec, "--batches", batches, 1);
            try (ScratchDatabase scratch = ScratchDatabase.open(new DbOptions(), "podsearch", 4)) {
                com.dispatchconsole.demo.LargeDataSet.seed(scratch.database.dataSource(), 2000, batches);
                long documents = com.dispatchconsole.bench.PodSearchBenchmark.seedDocuments(scratch.database.dataSource());
                List<Map<String, Object>> results = com.dispatchconsole.bench.PodSearchBenchmark
                        .explain(scratch.database.dataSource());
                for (Map<String, Object> r : results) {
                    System.err.println("== " + r.get("search") + ": " + r.get("rows") + " rows in " + r.get("ms") + " ms");
                    System.err.println(r.get("plan"));
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("benchmark", "pod-search");
                out.put("documents", documents);
                List<Map<String, Object>> summary = new java.util.ArrayList<>();
                for (Map<String, Object> r : results) {
                    Map<String, Object> s = new LinkedHashMap<>(r);
                    s.remove("plan");
                    summary.add(s);
                }
                out.put("searches", summary);
                System.out.println(new ObjectMapper().writeValueAsString(out));
                return results.stream().allMatch(r -> Boolean.TRUE.equals(r.get("usesIndex"))) ? 0 : 1;
            }
        }
    }

    @Command(name = "gateway", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "The gateway under load: N Socket.IO clients (rider apps, outlet systems, tracking pages) "
                    + "with real tokens while changes are committed at a fixed rate; commit -> client latency and "
                    + "events lost. Then HTTP assign/unassign throughput. Exit code 1 if any client missed an event.")
    static final class Gateway implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DbOptions db = new DbOptions();

        @Option(names = "--clients", defaultValue = "1000",
                description = "Socket.IO clients: 40 %% rider apps, 10 %% outlet systems, the rest tracking pages "
                        + "(default ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--rate", defaultValue = "200", description = "Changes committed per second (default ${DEFAULT-VALUE}).")
        double rate;

        @Option(names = "--seconds", defaultValue = "20", description = "Seconds of committing (default ${DEFAULT-VALUE}).")
        double seconds;

        @Option(names = "--warm-up", defaultValue = "15",
                description = "Seconds of committing at the rate before measuring, unmeasured (default ${DEFAULT-VALUE}).")
        double warmUp;

        @Option(names = "--http-clients", defaultValue = "8",
                description = "Concurrent HTTP clients doing assign + unassign (default ${DEFAULT-VALUE}).")
        int httpClients;

        @Option(names = "--http-seconds", defaultValue = "5",
                description = "Seconds of HTTP load after a second of warm-up (default ${DEFAULT-VALUE}).")
        double httpSeconds;

        @Mixin
        DurableOption durability = new DurableOption();

        @Option(names = "--clients-in-process",
                description = "Run the Socket.IO clients in this JVM beside the gateway, instead of in a JVM of their "
                        + "own (their ~3 threads each then lengthen the gateway's GC pauses).")
        boolean clientsInProcess;

        @Override
        public Integer call() throws Exception {
            Counts.atLeast(spec, "--clients", clients, 3);
            Counts.positive(spec, "--rate", rate);
            Counts.positive(spec, "--seconds", seconds);
            Counts.atLeast(spec, "--http-clients", httpClients, 1);
            Counts.notNegative(spec, "--warm-up", warmUp);
            Counts.positive(spec, "--http-seconds", httpSeconds);
            try (ScratchDatabase scratch = ScratchDatabase.open(db, "gateway", GatewayBenchmark.ownerPoolSize(),
                    durability.durable)) {
                GatewayBenchmark.Report report = GatewayBenchmark.run(scratch.database,
                        new GatewayBenchmark.Settings(clients, rate, seconds, warmUp, httpClients, httpSeconds,
                                clientsInProcess), System.err);
                Map<String, Object> out = new LinkedHashMap<>(report.summary());
                out.put("durable", scratch.durable());
                out.put("machine", AssignBenchmark.machine());
                System.out.println(new ObjectMapper().writeValueAsString(out));
                return report.lost() > 0 ? 1 : 0;
            }
        }
    }

    /** The client side of {@code bench gateway} in a JVM of its own, driven by the benchmark over stdin/stdout. */
    @Command(name = "gateway-clients", hidden = true,
            description = "Internal: the Socket.IO clients of bench gateway, driven over standard input and output.")
    static final class GatewayClientsCommand implements Callable<Integer> {

        @Override
        public Integer call() throws Exception {
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.StandardCharsets.UTF_8));
            java.io.PrintStream out = new java.io.PrintStream(new java.io.BufferedOutputStream(
                    new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16), false,
                    java.nio.charset.StandardCharsets.UTF_8);
            com.dispatchconsole.bench.GatewayBenchmark.serveClients(in, out, System.err);
            out.flush();
            return 0;
        }
    }
}

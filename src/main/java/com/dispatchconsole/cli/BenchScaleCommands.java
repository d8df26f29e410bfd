package com.dispatchconsole.cli;

import com.dispatchconsole.bench.AssignBenchmark;
import com.dispatchconsole.bench.NotifyLockSampler;
import com.dispatchconsole.bench.PositionsBenchmark;
import com.dispatchconsole.bench.ScaleBenchmark;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench scale} and {@code bench positions}: one PostgreSQL at scale (issue 15, docs/scaling.md). */
final class BenchScaleCommands {

    private BenchScaleCommands() {
    }

    @Command(name = "scale", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "One database at scale: single-row commits/s with and without the NOTIFY trigger and "
                    + "with 0, 1, 10 and 50 listening connections (the NOTIFY commit lock sampled; the gateway holds "
                    + "one); then how many consoles (LISTEN connections) it carries at a fixed change rate with "
                    + "commit -> listener p99 under 100 ms; then bench notify-cost's service rows on this server.")
    static final class Scale implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DbOptions db = new DbOptions();

        @Option(names = "--rate", defaultValue = "500", description = "Changes committed per second (default ${DEFAULT-VALUE}).")
        double rate;

        @Option(names = "--consoles", split = ",", defaultValue = "1,50,100,200",
                description = "Listening console counts, stepped through ascending (default ${DEFAULT-VALUE}).")
        int[] consoles;

        @Option(names = "--seconds", defaultValue = "8", description = "Seconds per console step (default ${DEFAULT-VALUE}).")
        double seconds;

        @Option(names = "--writers", defaultValue = "8", description = "Committing threads (default ${DEFAULT-VALUE}).")
        int writers;

        @Option(names = "--batches", defaultValue = "400", description = "Batches the writers cycle through (default ${DEFAULT-VALUE}).")
        int batches;

        @Option(names = "--listeners", split = ",", defaultValue = "0,1,10,50",
                description = "Listening connections for the commit ceiling and the NOTIFY cost rows (default ${DEFAULT-VALUE}).")
        int[] listeners;

        @Option(names = "--clients", defaultValue = "8", description = "Assignment clients for the NOTIFY cost part (default ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--cost-seconds", defaultValue = "5", description = "Seconds per row of the service's NOTIFY cost (as bench notify-cost, on this server); 0 "
                        + "leaves that part out (default ${DEFAULT-VALUE}).")
        double costSeconds;

        @Mixin
        DurableOption durability = new DurableOption();

        @Override
        public Integer call() throws Exception {
            Counts.positive(spec, "--rate", rate);
            Counts.eachAtLeast(spec, "--consoles", consoles, 1);
            Counts.positive(spec, "--seconds", seconds);
            Counts.atLeast(spec, "--writers", writers, 1);
            Counts.atLeast(spec, "--batches", batches, writers);
            Counts.eachAtLeast(spec, "--listeners", listeners, 0);
            Counts.atLeast(spec, "--clients", clients, 1);
            Counts.notNegative(spec, "--cost-seconds", costSeconds);
            try (ScratchDatabase scratch = ScratchDatabase.open(db, "scale", clients + 6, durability.durable)) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("benchmark", "scale");
                out.put("machine", AssignBenchmark.machine());
                out.put("durable", scratch.durable());
                out.put("loadAverageAtStart", NotifyLockSampler.loadAverage());
                var config = scratch.database.config();
                var feed = com.dispatchconsole.realtime.FeedSettings.of(config.url(), config.user(), config.password());
                System.err.printf("Consoles: %s listening while %.0f changes/s are committed%n",
                        Arrays.toString(consoles), rate);
                out.put("consoles", new ScaleBenchmark(scratch.database, System.err).prepare(batches)
                        .consoles(feed, consoles, rate, seconds, writers, listeners));
                if (costSeconds > 0) {
                    System.err.println("NOTIFY cost: service assignments with " + Arrays.toString(listeners)
                            + " listeners");
                    Map<String, Object> cost = ScaleBenchmark.notifyCost(scratch.database, clients, costSeconds,
                            listeners);
                    System.err.println(cost);
                    out.put("notifyCost", cost);
                }
                out.put("loadAverageAtEnd", NotifyLockSampler.loadAverage());
                System.out.println(new ObjectMapper().writeValueAsString(out));
                return 0;
            }
        }
    }

    @Command(name = "positions", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Rider positions at fleet size through the service the gateway calls, alone and beside "
                    + "assignments on the same riders, with a probe of which locks a fix takes on the rider's row.")
    static final class Positions implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DbOptions db = new DbOptions();

        @Option(names = "--riders", defaultValue = "10000", description = "Riders, each with a position (default ${DEFAULT-VALUE}).")
        int riders;

        @Option(names = "--assign-riders", defaultValue = "100",
                description = "Riders (one batch each) the assignments cycle through (default ${DEFAULT-VALUE}).")
        int assignRiders;

        @Option(names = "--position-clients", defaultValue = "8", description = "Threads reporting fixes (default ${DEFAULT-VALUE}).")
        int positionClients;

        @Option(names = "--assign-clients", defaultValue = "4", description = "Threads assigning (default ${DEFAULT-VALUE}).")
        int assignClients;

        @Option(names = "--seconds", defaultValue = "10", description = "Seconds per phase (default ${DEFAULT-VALUE}).")
        double seconds;

        @Option(names = "--hot-share", defaultValue = "0.5",
                description = "Share of fixes for the riders the assignments lock (default ${DEFAULT-VALUE}).")
        double hotShare;

        @Option(names = "--fixes-per-commit", defaultValue = "50",
                description = "Fixes per transaction in the coalesced plain-JDBC phase (default ${DEFAULT-VALUE}).")
        int fixesPerCommit;

        @Mixin
        DurableOption durability = new DurableOption();

        @Override
        public Integer call() throws Exception {
            Counts.atLeast(spec, "--fixes-per-commit", fixesPerCommit, 1);
            Counts.atLeast(spec, "--assign-clients", assignClients, 1);
            Counts.atLeast(spec, "--assign-riders", assignRiders, assignClients);
            Counts.atLeast(spec, "--riders", riders, assignRiders);
            Counts.atLeast(spec, "--position-clients", positionClients, 1);
            Counts.positive(spec, "--seconds", seconds);
            if (!(hotShare >= 0 && hotShare <= 1)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--hot-share must be in [0, 1].");
            }
            try (ScratchDatabase scratch = ScratchDatabase.open(db, "positions",
                    positionClients + assignClients + 4, durability.durable)) {
                Map<String, Object> out = new LinkedHashMap<>(PositionsBenchmark.run(scratch.database,
                        new PositionsBenchmark.Settings(riders, assignRiders, positionClients, assignClients, seconds,
                                hotShare, fixesPerCommit), System.err));
                out.put("durable", scratch.durable());
                out.put("machine", AssignBenchmark.machine());
                System.out.println(new ObjectMapper().writeValueAsString(out));
                return 0;
            }
        }
    }
}

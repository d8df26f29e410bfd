package com.dispatchconsole.cli;

import com.dispatchconsole.service.DispatchServices;
import com.dispatchconsole.stress.StressHarness;
import com.dispatchconsole.stress.StressReport;
import com.dispatchconsole.stress.StressSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Concurrent dispatchers against one database, then the invariants in SQL; last line is JSON. */
@Command(name = "stress", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Hammer the assignment service from N concurrent dispatchers and check every invariant. "
                + "Without --db-url it runs on a scratch embedded database, never on your data.")
public final class StressCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DbOptions db = new DbOptions();

    @Option(names = "--dispatchers", defaultValue = "8", description = "Concurrent dispatchers (default ${DEFAULT-VALUE}).")
    int dispatchers;

    @Option(names = "--riders", defaultValue = "20", description = "Riders in the scenario (default ${DEFAULT-VALUE}).")
    int riders;

    @Option(names = "--batches", defaultValue = "1000", description = "Batches in the scenario (default ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--ops", defaultValue = "500", description = "Calls per dispatcher (default ${DEFAULT-VALUE}).")
    int ops;

    @Option(names = "--hot-riders", defaultValue = "3",
            description = "Riders that get half of all assignment attempts (default ${DEFAULT-VALUE}).")
    int hotRiders;

    @Option(names = "--scenario", defaultValue = "stress",
            description = "Named scenario on a shared database; created if absent (default ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        Counts.atLeast(spec, "--dispatchers", dispatchers, 1);
        Counts.atLeast(spec, "--riders", riders, 2);
        Counts.atLeast(spec, "--batches", batches, 1);
        Counts.atLeast(spec, "--ops", ops, 1);
        Counts.atLeast(spec, "--hot-riders", hotRiders, 1);
        StressSettings settings = new StressSettings(dispatchers, riders, batches, ops, hotRiders, scenario, seed);
        try (ScratchDatabase scratch = ScratchDatabase.open(db, "stress", dispatchers + 4)) {
            StressReport report = new StressHarness(new DispatchServices(scratch.database), settings).run();
            report.violationDetails().forEach(v -> System.err.println("VIOLATION: " + v));
            System.out.println(json(report));
            return report.violations() == 0 ? 0 : 1;
        }
    }

    static String json(StressReport report) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode node = mapper.createObjectNode();
        node.put("attempts", report.attempts());
        node.put("succeeded", report.succeeded());
        node.set("rejected", mapper.valueToTree(report.rejected()));
        node.put("violations", report.violations());
        node.put("deadlocks", report.deadlocks());
        node.put("throughputPerSec", report.throughputPerSec());
        node.put("p50Ms", report.p50Ms());
        node.put("p99Ms", report.p99Ms());
        return mapper.writeValueAsString(node);
    }
}

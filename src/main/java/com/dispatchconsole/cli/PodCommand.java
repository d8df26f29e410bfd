package com.dispatchconsole.cli;

import com.dispatchconsole.app.DatabaseLauncher;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.pod.PodDocument;
import com.dispatchconsole.domain.pod.PodValidator;
import com.dispatchconsole.service.DispatchServices;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Proof of delivery from the command line, for rider-side systems and tests that hold real documents. */
@Command(name = "pod", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Proof-of-delivery documents.",
        subcommands = {PodCommand.Record.class})
public final class PodCommand {

    @Command(name = "record", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Record an order's outcome with its proof of delivery from a JSON file (UTF-8). The "
                    + "document is validated first; a refusal names the field or position and nothing is written.")
    static final class Record implements Callable<Integer> {

        @Mixin
        DbOptions db = new DbOptions();

        @Mixin
        DataDirOption dataDir = new DataDirOption();

        @Option(names = "--batch", required = true, description = "Batch id.")
        UUID batch;

        @Option(names = "--order", required = true, description = "Order id (of an order in that batch).")
        UUID order;

        @Option(names = "--file", required = true, description = "The PoD document, a JSON object of at most 64 KiB.")
        Path file;

        @Option(names = "--outcome", defaultValue = "DELIVERED", description = "DELIVERED or FAILED (default ${DEFAULT-VALUE}).")
        OrderOutcome outcome;

        @Option(names = "--reason", description = "Why the delivery failed (required with --outcome FAILED).")
        String reason;

        @Option(names = "--actor", defaultValue = "pod-import", description = "Name written with the change (default ${DEFAULT-VALUE}).")
        String actor;

        @Override
        public Integer call() throws Exception {
            // Judged (and read) once, before connecting: a malformed document needs no database to be refused.
            PodDocument document = PodValidator.validate(PodFile.read(file));
            try (DatabaseLauncher launcher = DatabaseLauncher.open(db.target(), dataDir.dataDir(), null, System.err)) {
                new DispatchServices(launcher.database()).batches()
                        .recordOutcome(batch, order, outcome, reason, document, actor);
                System.out.println("Recorded " + outcome + " with proof of delivery for order " + order + ".");
                return 0;
            }
        }
    }
}

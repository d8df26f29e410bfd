package com.dispatchconsole.cli;

import com.dispatchconsole.app.DatabaseLauncher;
import com.dispatchconsole.app.DbOptions;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.service.DispatchServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Proof of delivery from the command line, for rider-side systems and tests that hold real documents. */
@Command(name = "pod", mixinStandardHelpOptions = true, description = "Proof-of-delivery documents.",
        subcommands = {PodCommand.Record.class})
public final class PodCommand {

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = "Record an order's outcome with its proof of delivery from a JSON file. The document is "
                    + "validated first; a refusal names the field and nothing is written.")
    static final class Record implements Callable<Integer> {

        @Mixin
        DbOptions db = new DbOptions();

        @Option(names = "--data-dir", description = "Directory of the embedded database (default: XDG data home).")
        Path dataDir;

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
            if (!Files.isRegularFile(file)) {
                System.err.println("INVALID_ARGUMENT: " + file + " is not a readable file.");
                return 2;
            }
            if (Files.size(file) > 1024 * 1024) {
                System.err.println("INVALID_POD: " + file + " is larger than 1 MiB; a PoD document is at most 64 KiB.");
                return 2;
            }
            String document = Files.readString(file, StandardCharsets.UTF_8);
            try (DatabaseLauncher launcher = DatabaseLauncher.open(db, dataDir, null, System.err)) {
                new DispatchServices(launcher.database()).batches()
                        .recordOutcome(batch, order, outcome, reason, document, actor);
                System.out.println("Recorded " + outcome + " with proof of delivery for order " + order + ".");
                return 0;
            } catch (DispatchException refused) {
                System.err.println(refused.code() + ": " + refused.sentence());
                return 1;
            }
        }
    }
}

package com.dispatchconsole.cli;

import picocli.CommandLine.Option;

/**
 * The benchmarks' {@code --[no-]durable} switch, one definition for all of them: durable by default, because with
 * fsync off a commit costs nothing and every absolute figure flatters. Use as {@code @Mixin DurableOption durability}.
 */
final class DurableOption {

    @Option(names = "--durable", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run the scratch server with fsync, synchronous_commit and full_page_writes on, as "
                    + "operators run it (default); --no-durable turns them off for quick relative figures. "
                    + "Ignored with --db-url.")
    boolean durable;
}

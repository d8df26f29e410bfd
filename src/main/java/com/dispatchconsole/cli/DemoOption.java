package com.dispatchconsole.cli;

import com.dispatchconsole.demo.DemoSize;
import picocli.CommandLine.Option;

/** {@code --demo}: the demo data a new embedded database is seeded with; one declaration for every command. */
public final class DemoOption {

    @Option(names = "--demo", defaultValue = "STANDARD",
            description = "Demo data for a new embedded database: STANDARD (a shift: 24 riders, 150 batches) or "
                    + "LARGE (2,000 riders, 50,000 batches). Default ${DEFAULT-VALUE}.")
    DemoSize demo = DemoSize.STANDARD;

    public DemoSize demo() {
        return demo;
    }
}

package com.dispatchconsole.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}: where the embedded database lives; one declaration for every command that opens it. */
public final class DataDirOption {

    @Option(names = "--data-dir", description = "Directory of the embedded database (default: XDG data home).")
    Path dataDir;

    public Path dataDir() {
        return dataDir;
    }
}

package com.dispatchconsole.cli;

import com.dispatchconsole.app.ConsoleLauncher;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Entry point: without a subcommand it opens the console window; subcommands never do. */
@Command(name = "dispatch-console", mixinStandardHelpOptions = true, version = "Dispatch Console 0.1",
        description = "Control-room console for last-mile delivery dispatch.",
        subcommands = {DbCommand.class, GatewayCommand.class, SimCommand.class, StressCommand.class, BenchCommand.class,
            PodCommand.class, TokenCommand.class, SettingsCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @Mixin
    DbOptions db = new DbOptions();

    @Option(names = "--operator", description = "Name written to the audit history (default: the OS user).")
    String operator = System.getProperty("user.name", "operator");

    @Mixin
    DataDirOption dataDir = new DataDirOption();

    @Mixin
    DemoOption demo = new DemoOption();

    @Option(names = "--outlets", split = ",", paramLabel = "NAME",
            description = "Scope this console to these outlets (comma-separated names); default: all outlets.")
    java.util.List<String> outlets = java.util.List.of();

    @Option(names = "--config-dir", paramLabel = "DIR",
            description = "Where operators' settings are kept (default: ~/.config/dispatch-console, "
                    + "$XDG_CONFIG_HOME/dispatch-console, or dispatch-console in %%APPDATA%% on Windows).")
    java.nio.file.Path configDir;

    @Option(names = "--start-timings", paramLabel = "FILE", hidden = true,
            description = "Measure the start: write each phase's time since the JVM started to FILE as JSON, and "
                    + "close the console as soon as its first load has ended.")
    java.nio.file.Path startTimings;

    // Declared once, inherited by every subcommand, so it may come before or after the subcommand's name.
    @Option(names = CliErrorHandler.VERBOSE, scope = CommandLine.ScopeType.INHERIT,
            description = "On failure, print the stack trace before the one-line CODE: sentence.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand and the one failure handler: one line per failure, code != 0. */
    public static CommandLine commandLine() {
        CliErrorHandler failures = new CliErrorHandler();
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(failures)
                .setParameterExceptionHandler(failures);
    }

    @Override
    public Integer call() throws Exception {
        return ConsoleLauncher.run(db.target(), dataDir.dataDir(), demo.demo(), operator, outlets, System.out,
                new ConsoleLauncher.StartOptions(configDir, startTimings, null));
    }
}

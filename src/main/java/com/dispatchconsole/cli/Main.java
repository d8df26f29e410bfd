package com.dispatchconsole.cli;

import com.dispatchconsole.app.ConsoleLauncher;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Entry point: without a subcommand it opens the console window; subcommands never do. */
@Command(name = "dispatch-console", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Control-room console for last-mile delivery dispatch.")
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

    /**
     * The subcommands by name, in the order help lists them. Made only when asked for: picocli reads every option
     * of every command it is given by reflection, which took about 1.5 s of each start before the console window
     * could open.
     */
    private static final java.util.Map<String, java.util.function.Supplier<Object>> SUBCOMMANDS;

    static {
        java.util.Map<String, java.util.function.Supplier<Object>> commands = new java.util.LinkedHashMap<>();
        commands.put("db", DbCommand::new);
        commands.put("gateway", GatewayCommand::new);
        commands.put("sim", SimCommand::new);
        commands.put("stress", StressCommand::new);
        commands.put("bench", BenchCommand::new);
        commands.put("pod", PodCommand::new);
        commands.put("token", TokenCommand::new);
        commands.put("settings", SettingsCommand::new);
        commands.put("help", CommandLine.HelpCommand::new);
        SUBCOMMANDS = java.util.Collections.unmodifiableMap(commands);
    }

    public static void main(String[] args) {
        if (opensConsole(args)) {
            // The start window comes up while the command line is read and the database starts (see EarlyStart).
            com.dispatchconsole.app.EarlyStart.begin();
        } else {
            // No window to come: the launcher's splash (the jar's manifest shows it for every start) goes at once.
            com.dispatchconsole.app.Splash.close();
        }
        System.exit(commandLine(args).execute(args));
    }

    /** Whether these arguments open the console window: no subcommand, no help or version, nothing unknown. */
    static boolean opensConsole(String... args) {
        for (String arg : args) {
            if (SUBCOMMANDS.containsKey(arg) || arg.equals("-h") || arg.equals("--help") || arg.equals("-V")
                    || arg.equals("--version")) {
                return false;
            }
        }
        return onlyOptions(args);
    }

    /** The command line with every subcommand and the one failure handler: one line per failure, code != 0. */
    public static CommandLine commandLine() {
        return withSubcommands(SUBCOMMANDS.keySet());
    }

    /**
     * The command line for these arguments: the subcommands they name, or every one when they name none and ask for
     * help or name something unknown (so help lists them all and a typo gets picocli's suggestions). Opening the
     * console names none and needs none.
     */
    static CommandLine commandLine(String... args) {
        java.util.Set<String> named = new java.util.LinkedHashSet<>();
        boolean unknownWord = false;
        for (String arg : args) {
            if (SUBCOMMANDS.containsKey(arg)) {
                named.add(arg);
            } else if (arg.equals("-h") || arg.equals("--help")) {
                unknownWord = true;
            }
        }
        if (named.contains("help") || named.isEmpty() && (unknownWord || !onlyOptions(args))) {
            return commandLine();
        }
        return withSubcommands(named);
    }

    /** True when every argument is an option or an option's value (as far as can be told before parsing). */
    private static boolean onlyOptions(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("-")) {
                boolean valueOfPrevious = i > 0 && args[i - 1].startsWith("--") && !args[i - 1].contains("=");
                if (!valueOfPrevious) {
                    return false;
                }
            }
        }
        return true;
    }

    private static CommandLine withSubcommands(java.util.Collection<String> names) {
        CliErrorHandler failures = new CliErrorHandler();
        CommandLine line = new CommandLine(new Main());
        for (String name : names) {
            line.addSubcommand(name, SUBCOMMANDS.get(name).get());
        }
        return line.setExecutionExceptionHandler(failures).setParameterExceptionHandler(failures);
    }

    @Override
    public Integer call() throws Exception {
        return ConsoleLauncher.run(db.target(), dataDir.dataDir(), demo.demo(), operator, outlets, System.out,
                new ConsoleLauncher.StartOptions(configDir, startTimings, null));
    }
}

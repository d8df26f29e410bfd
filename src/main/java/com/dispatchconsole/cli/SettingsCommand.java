package com.dispatchconsole.cli;

import com.dispatchconsole.app.DatabaseLauncher;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ShortDuration;
import com.dispatchconsole.domain.pod.ReviewSettings;
import com.dispatchconsole.service.DispatchServices;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The control room's review settings from the command line: when a proof of delivery counts as late. Every role
 * may show them; on a shared database only a dispatch_admin login may change them (anyone else gets one
 * PERMISSION_DENIED line and nothing changes); on the embedded database this runs as its owner.
 */
@Command(name = "settings", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "The control room's review settings, shared by every console.",
        subcommands = {SettingsCommand.Show.class, SettingsCommand.LateAfter.class})
public final class SettingsCommand {

    /** The database options, shared by every settings subcommand. */
    abstract static class SettingsTask implements Callable<Integer> {

        @Mixin
        DbOptions db = new DbOptions();

        @Mixin
        DataDirOption dataDir = new DataDirOption();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            // Launcher messages (the embedded server starting) go to stderr: stdout carries only the result.
            try (DatabaseLauncher launcher = DatabaseLauncher.open(db.target(), dataDir.dataDir(), null, System.err)) {
                PrintWriter out = spec.commandLine().getOut();
                out.println(run(new DispatchServices(launcher.database())));
                out.flush();
                return 0;
            }
        }

        /** The one line to print. */
        abstract String run(DispatchServices services);
    }

    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "When a PoD counts as late, who set it and when.")
    static final class Show extends SettingsTask {

        @Override
        String run(DispatchServices services) {
            return services.queries().reviewSettings().describe();
        }
    }

    @Command(name = "late-after", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Flag a PoD as late when it was delivered more than DURATION after its batch went out "
                    + "(more than 0, at most 7 days). Admins only; every change is kept in the history.")
    static final class LateAfter extends SettingsTask {

        @Parameters(index = "0", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "e.g. 45m, 2h, 90s or 1h30m.")
        Duration lateAfter;

        @Option(names = "--operator", description = "Name declared for the change (default: the OS user); the "
                + "database records the login itself next to it.")
        String operator = System.getProperty("user.name", "operator");

        @Override
        String run(DispatchServices services) {
            ReviewSettings.Change change = services.pods().setLateAfter(lateAfter, operator);
            if (!change.changed()) {
                return "Unchanged: " + change.after().describe();
            }
            return change.after().describe() + " It was " + ShortDuration.words(change.before().lateAfter()) + ".";
        }
    }

    /** {@code 45m}, {@code 1h30m}: anything else is a bad argument (INVALID_ARGUMENT, exit 2) saying how to write it. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return ShortDuration.parse(value);
            } catch (DispatchException bad) {
                throw new CommandLine.TypeConversionException(bad.sentence());
            }
        }
    }
}

package com.dispatchconsole.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The one place a command's failure reaches its user: one line {@code CODE: sentence} on stderr and a non-zero
 * exit code; the stack trace only with {@code --verbose}. Bad arguments (picocli's, or a command's own checks
 * thrown as {@link CommandLine.ParameterException}) are INVALID_ARGUMENT.
 */
final class CliErrorHandler implements CommandLine.IExecutionExceptionHandler,
        CommandLine.IParameterExceptionHandler {

    static final String VERBOSE = "--verbose";

    @Override
    public int handleExecutionException(Exception error, CommandLine command, ParseResult parsed) {
        CliFailure failure = CliFailure.of(error, databaseOf(command));
        report(command.getErr(), failure, error, verbose(parsed));
        return failure.exitCode();
    }

    @Override
    public int handleParseException(CommandLine.ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        String message = error.getMessage() == null ? "Invalid arguments" : error.getMessage().strip();
        CliFailure failure = CliFailure.invalidArgument((message.endsWith(".") ? message : message + ".")
                + " See '" + command.getCommandSpec().qualifiedName() + " --help'.");
        // The parse failed, so the flag may not have been read: look for it among the words given.
        report(command.getErr(), failure, error, Arrays.asList(args).contains(VERBOSE));
        return failure.exitCode();
    }

    private static void report(PrintWriter err, CliFailure failure, Throwable error, boolean verbose) {
        if (verbose) {
            error.printStackTrace(err);
        }
        err.println(failure.line());
        err.flush();
    }

    /** Whether --verbose was given at any level (it is inherited, so it may follow the subcommand). */
    private static boolean verbose(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database the failed command was pointed at, without credentials, for the sentence; null if none (a
     * scratch or embedded database, whose address says nothing to the user).
     */
    private static String databaseOf(CommandLine command) {
        for (CommandLine.Model.CommandSpec mixin : command.getCommandSpec().mixins().values()) {
            if (mixin.userObject() instanceof DbOptions options && options.displayUrl() != null) {
                return options.displayUrl();
            }
        }
        return null;
    }
}

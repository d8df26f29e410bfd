package com.dispatchconsole.cli;

import com.dispatchconsole.app.ConnectionFailures;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a failed command tells its user: one line, {@code CODE: sentence}, and the exit code a script branches on
 * (2 for a bad argument, as picocli does for usage errors; 1 for everything else). The sentence never carries a
 * password or a JDBC URL's query string, whatever the exception it came from said.
 */
record CliFailure(ErrorCode code, String sentence) {

    /** {@code jdbc:…?user=…&password=…}: the query string (and any user info) of a URL goes, the rest stays. */
    private static final Pattern URL_SECRETS = Pattern.compile("(jdbc:[a-z]+://)(?:[^/@\\s]*@)?([^?\\s\"']*)\\?[^\\s\"']*");
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password\\s*[=:]\\s*)[^\\s&;,\"']+");

    CliFailure {
        sentence = redact(oneLine(sentence));
    }

    /**
     * Names the failure: a typed refusal anywhere in the cause chain says it best (a worker thread may have wrapped
     * it); then a database that cannot be reached; anything else is a bug, told as UNEXPECTED.
     *
     * @param database where the command was told the database is (shown without credentials), or null
     */
    static CliFailure of(Throwable error, String database) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof DispatchException refusal) {
                return new CliFailure(refusal.code(), refusal.sentence());
            }
        }
        Optional<String> unreachable = ConnectionFailures.reason(error);
        if (unreachable.isPresent()) {
            return new CliFailure(ErrorCode.DATABASE_UNAVAILABLE, "The database" + (database == null ? "" : " at "
                    + database) + " cannot be reached: " + unreachable.get() + ".");
        }
        return new CliFailure(ErrorCode.UNEXPECTED, describe(error) + " Run again with --verbose for the details.");
    }

    static CliFailure invalidArgument(String sentence) {
        return new CliFailure(ErrorCode.INVALID_ARGUMENT, sentence);
    }

    String line() {
        return code + ": " + sentence;
    }

    int exitCode() {
        return code == ErrorCode.INVALID_ARGUMENT ? 2 : 1;
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        String text = message == null || message.isBlank() ? error.getClass().getSimpleName()
                : error.getClass().getSimpleName() + ": " + redact(oneLine(message));
        return text.endsWith(".") ? text : text + ".";
    }

    /** A multi-line message (a server's DETAIL and WHERE, a parser's excerpt) is cut to its first line. */
    private static String oneLine(String text) {
        if (text == null || text.isBlank()) {
            return "(no message)";
        }
        String first = text.strip().lines().findFirst().orElse("").strip();
        return first.isEmpty() ? "(no message)" : first;
    }

    static String redact(String text) {
        return PASSWORD.matcher(URL_SECRETS.matcher(text).replaceAll("$1$2")).replaceAll("$1***");
    }
}

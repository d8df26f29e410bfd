package com.dispatchconsole.cli;

import com.dispatchconsole.app.DatabaseTarget;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import picocli.CommandLine.Option;

/** Where the database is: flags first, then DISPATCH_DB_* environment variables, else the embedded default. */
public final class DbOptions {

    /*
     * The driver writes a warning of its own to stderr (java.util.logging) about a URL with a bad port while the
     * URL is checked below; the INVALID_ARGUMENT line says it instead. A strong reference keeps the level set.
     */
    private static final java.util.logging.Logger DRIVER_URL_WARNINGS =
            java.util.logging.Logger.getLogger("org.postgresql.util.PGPropertyUtil");

    static {
        DRIVER_URL_WARNINGS.setLevel(java.util.logging.Level.SEVERE);
    }

    @Option(names = "--db-url", description = "JDBC URL of a shared PostgreSQL (env DISPATCH_DB_URL). "
            + "Without it the embedded database is used.")
    String url;

    @Option(names = "--db-user", description = "Database user (env DISPATCH_DB_USER).")
    String user;

    // Without a value it asks at a prompt that does not echo; a value given here is visible to every account on
    // the machine in `ps`, so the docs point to the prompt, DISPATCH_DB_PASSWORD, ~/.pgpass or the sign-in dialog.
    @Option(names = "--db-password", description = "Ask for the database password at a prompt (or read env "
            + "DISPATCH_DB_PASSWORD, or ~/.pgpass). A value given on the command line is visible to other accounts.",
            arity = "0..1", interactive = true)
    String password;

    /** What the flags and environment name, checked: the launcher opens it without knowing about flags. */
    public DatabaseTarget target() {
        return new DatabaseTarget(url(), user(), password());
    }

    /**
     * The JDBC URL, refused with INVALID_ARGUMENT unless the PostgreSQL driver understands it: otherwise the pool
     * fails later with a message that quotes the whole URL, password included.
     */
    public String url() {
        String given = firstNonBlank(url, System.getenv("DISPATCH_DB_URL"));
        if (given != null && org.postgresql.Driver.parseURL(given, null) == null) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "The database URL (--db-url or DISPATCH_DB_URL) "
                    + "must be a PostgreSQL JDBC URL such as jdbc:postgresql://localhost:5432/dispatch (got \""
                    + CliFailure.redact(withoutQuery(given)) + "\").");
        }
        return given;
    }

    /** The URL as given, without its query string (where passwords go), for messages; null without one. */
    public String displayUrl() {
        String given = firstNonBlank(url, System.getenv("DISPATCH_DB_URL"));
        return given == null ? null : CliFailure.redact(withoutQuery(given));
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    public String user() {
        return firstNonBlank(user, System.getenv("DISPATCH_DB_USER"));
    }

    public String password() {
        return firstNonBlank(password, System.getenv("DISPATCH_DB_PASSWORD"));
    }

    public boolean external() {
        return url() != null;
    }

    private static String firstNonBlank(String flag, String env) {
        if (flag != null && !flag.isBlank()) {
            return flag;
        }
        return env != null && !env.isBlank() ? env : null;
    }
}

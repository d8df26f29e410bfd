package com.dispatchconsole.app;

import picocli.CommandLine.Option;

/** Where the database is: flags first, then DISPATCH_DB_* environment variables, else the embedded default. */
public final class DbOptions {

    @Option(names = "--db-url", description = "JDBC URL of a shared PostgreSQL (env DISPATCH_DB_URL). "
            + "Without it the embedded database is used.")
    String url;

    @Option(names = "--db-user", description = "Database user (env DISPATCH_DB_USER).")
    String user;

    @Option(names = "--db-password", description = "Database password (env DISPATCH_DB_PASSWORD).", arity = "0..1",
            interactive = false)
    String password;

    /** The same database with the given login (from the sign-in dialog). */
    public DbOptions withCredentials(String newUser, String newPassword) {
        DbOptions copy = new DbOptions();
        copy.url = url();
        copy.user = newUser;
        copy.password = newPassword;
        return copy;
    }

    public String url() {
        return firstNonBlank(url, System.getenv("DISPATCH_DB_URL"));
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

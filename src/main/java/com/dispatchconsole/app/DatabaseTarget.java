package com.dispatchconsole.app;

/**
 * Which database a command works on: a shared one by URL (with the login given, if any), or the embedded one
 * when {@code url} is null. The command line builds it from flags and environment; the launcher only reads it.
 */
public record DatabaseTarget(String url, String user, String password) {

    public static final DatabaseTarget EMBEDDED = new DatabaseTarget(null, null, null);

    public boolean external() {
        return url != null;
    }

    /** The same database with the login from the sign-in dialog. */
    public DatabaseTarget withCredentials(String newUser, String newPassword) {
        return new DatabaseTarget(url, newUser, newPassword);
    }

    @Override
    public String toString() {
        // Never the password: targets end up in messages and logs.
        return "DatabaseTarget[" + (url == null ? "embedded" : url.replaceAll("\\?.*", "")) + ", user=" + user + "]";
    }
}

package com.dispatchconsole.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The embedded superuser's password: random, generated at the first start, kept in the data directory readable by
 * this OS account only, and required (SCRAM) for every connection. A data directory from before this version, whose
 * superuser had no password, gets one at its next start, set in single-user mode while the server is still down.
 */
final class SuperuserPassword {

    private static final String HBA = """
            # Written by Dispatch Console at every start: a password (SCRAM) for every login, the superuser included,
            # on the private socket and on loopback only. Edits here are replaced.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

    private SuperuserPassword() {
    }

    static String generate() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        // URL-safe Base64 without padding: letters, digits, '-' and '_', so it needs no quoting anywhere.
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The kept password, or a new one for a data directory from before passwords (set by {@link #secure}). */
    static String read(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(EmbeddedServer.PASSWORD_FILE);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : generate();
    }

    /** The password for initdb's --pwfile, in the private binaries directory, readable by this account only. */
    static Path writePending(Path privateDirectory, String password) throws IOException {
        Path file = Files.createTempFile(privateDirectory, "pwfile", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Runs before every start, server down: keeps the password file, sets the password of an older cluster, and
     * writes pg_hba.conf. {@code pending} is non-null when initdb has just set the password.
     */
    static void secure(Path dataDirectory, Path binaries, String password, Path pending) {
        try {
            Path file = dataDirectory.resolve(EmbeddedServer.PASSWORD_FILE);
            if (!Files.exists(file)) {
                if (pending == null) {
                    setInSingleUserMode(dataDirectory, binaries, password);
                }
                try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                    out.write((password + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Single-user mode needs no connection at all, so no moment exists in which the superuser is open. */
    private static void setInSingleUserMode(Path dataDirectory, Path binaries, String password) throws IOException {
        Path postgres = findPostgres(binaries);
        java.util.List<String> command = new java.util.ArrayList<>();
        // PostgreSQL refuses to run as root; like the embedded server's own start, run it in a user namespace then.
        if (io.zonky.test.db.postgres.util.LinuxUtils.isUnshareAvailable()) {
            command.addAll(java.util.List.of("unshare", "-U"));
        }
        command.addAll(java.util.List.of(postgres.toString(), "--single", "-D", dataDirectory.toString(),
                "-c", "password_encryption=scram-sha-256", "postgres"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = process.getOutputStream()) {
            // On standard input, never on the command line, so other accounts cannot read it in `ps`.
            in.write(("ALTER ROLE postgres PASSWORD '" + password + "';\n").getBytes(StandardCharsets.UTF_8));
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("Could not set the superuser's password in " + dataDirectory
                        + " (postgres --single failed).");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while setting the superuser's password.", e);
        }
    }

    private static Path findPostgres(Path binaries) throws IOException {
        try (Stream<Path> files = Files.walk(binaries, 4)) {
            return files.filter(p -> p.endsWith(Path.of("bin", "postgres")) && Files.isRegularFile(p))
                    .max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow(() -> new IOException("No PostgreSQL program found in " + binaries + "."));
        }
    }
}

package com.dispatchconsole.bench;

import com.dispatchconsole.embedded.AppPaths;
import com.dispatchconsole.persistence.BatchQueries;
import com.dispatchconsole.persistence.DatabaseConfig;
import com.dispatchconsole.persistence.Statuses;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The yardstick below raw JDBC: PostgreSQL's own load generator, {@code pgbench}, sending the statements of
 * {@link RawSqlAssignment} (set_config, rider lock, batch lock, load sum, update, commit; then the unassign) with
 * server-prepared statements, no Java in the way. One script run is an assign and an unassign, two transactions,
 * as one cycle of the other paths; the figure reported is transactions per second.
 *
 * <p>The embedded PostgreSQL binaries ship {@code initdb}, {@code pg_ctl} and {@code postgres} only, so pgbench is
 * looked for next to them first (a later binaries package may carry it), then on the {@code PATH}; a client of
 * another major version is fine (it speaks the same protocol). Without one, the benchmark says so and reports no
 * pgbench figure. The ids are written into the script as array constants, so nothing is created in the database.
 */
public final class PgbenchAssign {

    private static final Pattern TPS = Pattern.compile("^tps = ([0-9.]+) \\(without initial connection time\\)",
            Pattern.MULTILINE);
    private static final Pattern FAILED = Pattern.compile("^number of failed transactions: ([0-9]+)",
            Pattern.MULTILINE);

    private final Path executable;
    private final String source;
    private final String version;

    private PgbenchAssign(Path executable, String source, String version) {
        this.executable = executable;
        this.source = source;
        this.version = version;
    }

    /**
     * The pgbench to use: {@code explicit} when given, else one beside the embedded binaries, else the first on the
     * PATH; null when there is none (see {@link #whyMissing(Path)}).
     */
    public static PgbenchAssign locate(Path explicit) {
        List<Map.Entry<String, Path>> candidates = new ArrayList<>();
        if (explicit != null) {
            candidates.add(Map.entry("--pgbench", explicit));
        } else {
            candidates.add(Map.entry("embedded binaries", AppPaths.binariesDirectory().resolve("bin").resolve("pgbench")));
            String path = System.getenv("PATH");
            if (path != null) {
                for (String dir : path.split(java.io.File.pathSeparator)) {
                    if (!dir.isBlank()) {
                        candidates.add(Map.entry("PATH", Path.of(dir, "pgbench")));
                    }
                }
            }
        }
        for (Map.Entry<String, Path> candidate : candidates) {
            Path file = candidate.getValue();
            if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                String version = versionOf(file);
                if (version != null) {
                    return new PgbenchAssign(file, candidate.getKey(), version);
                }
            }
        }
        return null;
    }

    /** The sentence the report carries when {@link #locate} found nothing. */
    public static String whyMissing(Path explicit) {
        return explicit != null ? explicit + " is not a pgbench that runs"
                : "the embedded PostgreSQL binaries ship initdb, pg_ctl and postgres only (no pgbench), and no pgbench "
                + "was found on the PATH; give one with --pgbench";
    }

    /** What the report says about the pgbench used. */
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("available", true);
        out.put("path", executable.toString());
        out.put("from", source);
        out.put("version", version);
        out.put("mode", "prepared");
        return out;
    }

    /**
     * Runs the assign + unassign script for {@code seconds} (whole seconds, at least 1) with one batch per client
     * ({@code batches.get(client)}) and a rider drawn at random among {@code riders} per cycle, or always the first
     * one when {@code hot}. Returns transactions per second (two per script run).
     */
    public double run(DatabaseConfig config, List<UUID> riders, List<UUID> batches, int clients, boolean hot,
                      double seconds, Path workDirectory, boolean readBack) throws IOException, InterruptedException {
        URI uri = URI.create(config.url().substring("jdbc:".length()));
        Path script = workDirectory.resolve("assign-" + (hot ? "hot" : "spread") + (readBack ? "" : "-bare") + ".sql");
        Files.writeString(script, script(riders, batches.subList(0, clients), hot, readBack), StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-n", "-M", "prepared",
                "-c", String.valueOf(clients), "-j", String.valueOf(Math.min(clients, Runtime.getRuntime().availableProcessors())),
                "-T", String.valueOf(Math.max(1, Math.round(seconds))), "-f", script.toString(),
                "-h", uri.getHost(), "-p", String.valueOf(uri.getPort() > 0 ? uri.getPort() : 5432)));
        if (config.user() != null) {
            command.addAll(List.of("-U", config.user()));
        }
        command.add(uri.getPath().substring(1));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (config.password() != null) {
            builder.environment().put("PGPASSWORD", config.password());
        }
        builder.environment().put("PGAPPNAME", "dispatch-bench-pgbench");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(Math.round(seconds) + 60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("pgbench did not finish in time");
        }
        Matcher tps = TPS.matcher(output);
        Matcher failed = FAILED.matcher(output);
        if (process.exitValue() != 0 || !tps.find() || (failed.find() && Long.parseLong(failed.group(1)) > 0)) {
            String why = output.lines().filter(l -> l.contains("error") || l.contains("ERROR") || l.contains("aborted"))
                    .findFirst().orElse(output.strip());
            throw new IOException("pgbench failed (exit " + process.exitValue() + "): " + why);
        }
        return 2 * Double.parseDouble(tps.group(1));
    }

    /**
     * The script: RawSqlAssignment's statements (with {@code readBack}, the update returns the row as the raw
     * yardstick reads it), the ids picked from array constants by the client and a draw.
     */
    static String script(List<UUID> riders, List<UUID> batches, boolean hot, boolean readBack) {
        String rider = "(" + array(riders) + ")[:r]";
        String batch = "(" + array(batches) + ")[:b]";
        // The row read back as the raw JDBC yardstick reads it (RawSqlAssignment); pgbench takes SQL over several lines.
        String returning = readBack ? " RETURNING " + BatchQueries.ROW_COLUMNS.strip() + ";\n" : ";\n";
        String settings = "SELECT set_config('lock_timeout', '2000ms', true), set_config('statement_timeout', "
                + "'5000ms', true), set_config('dispatch.operator', 'bench-pgbench', true);\n";
        return (hot ? "\\set r 1\n" : "\\set r random(1, " + riders.size() + ")\n")
                + "\\set b :client_id + 1\n"
                + "BEGIN;\n"
                + settings
                + "SELECT availability, max_capacity, max_weight_kg, max_active_batches FROM delivery_riders WHERE id = "
                + rider + " FOR NO KEY UPDATE;\n"
                + "SELECT status, order_count, total_weight_kg FROM delivery_batches WHERE id = " + batch
                + " FOR NO KEY UPDATE;\n"
                + "SELECT count(*), coalesce(sum(order_count), 0), coalesce(sum(total_weight_kg), 0) FROM "
                + "delivery_batches WHERE rider_id = " + rider + " AND status IN " + Statuses.ACTIVE + ";\n"
                + "UPDATE delivery_batches b SET status = 'ASSIGNED', rider_id = " + rider + " WHERE b.id = " + batch
                + returning
                + "COMMIT;\n"
                + "BEGIN;\n"
                + settings
                + "SELECT 1 FROM delivery_riders WHERE id = " + rider + " FOR NO KEY UPDATE;\n"
                + "SELECT status, rider_id FROM delivery_batches WHERE id = " + batch + " FOR NO KEY UPDATE;\n"
                + "UPDATE delivery_batches b SET status = 'CREATED', rider_id = NULL WHERE b.id = " + batch + returning
                + "COMMIT;\n";
    }

    private static String array(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "'{", "}'::uuid[]"));
    }

    private static String versionOf(Path file) {
        try {
            Process process = new ProcessBuilder(file.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 && out.startsWith("pgbench")
                    ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

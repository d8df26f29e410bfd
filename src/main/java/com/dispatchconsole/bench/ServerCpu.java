package com.dispatchconsole.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * CPU time of a PostgreSQL server running on this machine: its postmaster and every process it started (backends,
 * WAL writer, checkpointer), read from Linux's {@code /proc}. Next to the JVM's own CPU it tells which side of the
 * wire a path's extra cost is on: on 2 shared cores, a statement that makes the server work harder slows every
 * client, whatever the JVM spends. Unavailable (null) for a server elsewhere, or off Linux.
 */
final class ServerCpu {

    /** Linux's USER_HZ: the unit of the CPU times in /proc/PID/stat, 100 on every mainstream architecture. */
    private static final double MS_PER_TICK = 10.0;

    private final long postmaster;

    private ServerCpu(long postmaster) {
        this.postmaster = postmaster;
    }

    /** The server {@code dataSource} talks to, if it runs on this machine; null otherwise. */
    static ServerCpu of(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            long backend = rs.getLong(1);
            // A backend's parent is the postmaster; a server elsewhere has no such process here, or another one.
            String[] stat = stat(backend);
            if (stat == null || !"postgres".equals(comm(backend))) {
                return null;
            }
            long parent = Long.parseLong(stat[1]);
            return "postgres".equals(comm(parent)) ? new ServerCpu(parent) : null;
        } catch (SQLException | IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Ticks last seen per server process (pid and start time, so a reused pid is another process). A process that
     * exits keeps what it was last seen with: without that, a backend that worked before a measurement and exited
     * during it (a pgbench client after its run, an autovacuum worker) took its earlier CPU out of that measurement.
     */
    private final java.util.Map<String, Long> seen = new java.util.HashMap<>();

    /**
     * The server's CPU time so far, in ms: the processes alive now, plus what those seen earlier and gone since had
     * used when last seen (so it never goes backwards; a process's last moments before it exits are not counted).
     */
    synchronized double millis() {
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) processes::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                String[] stat = stat(pid);
                if (stat != null && (pid == postmaster || Long.parseLong(stat[1]) == postmaster)) {
                    seen.put(pid + "@" + stat[19], Long.parseLong(stat[11]) + Long.parseLong(stat[12]));
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return seen.values().stream().mapToLong(Long::longValue).sum() * MS_PER_TICK;
    }

    /**
     * The fields of /proc/PID/stat after the command name (which may hold spaces): [0] state, [1] ppid, ...,
     * [11] utime, [12] stime, [19] start time; null when the process is gone.
     */
    private static String[] stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return line.substring(line.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String comm(long pid) throws IOException {
        Path comm = Path.of("/proc", Long.toString(pid), "comm");
        return Files.exists(comm) ? Files.readString(comm).strip() : null;
    }
}

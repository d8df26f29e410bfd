package com.dispatchconsole.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Whether a database already has exactly the migrations this build carries, found with one query and a look at
 * the jar's entries: Flyway itself takes most of a second of a start to load, scan and compare, only to find
 * nothing to do. When the applied versions are exactly the bundled ones and none failed, a start needs no Flyway;
 * anything else (a new migration, a failed one, a database from a newer build, no history at all) goes through
 * Flyway as before, which migrates or refuses with its reason.
 */
final class SchemaVersions {

    private static final String LOCATION = "db/migration";
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__[^/]+\\.sql");

    /** Stands for a migration file only Flyway can judge; never found among the applied versions. */
    private static final int UNKNOWN = -1;

    private SchemaVersions() {
    }

    /** True only when the database's successful migrations are exactly this build's, and none failed. */
    static boolean upToDate(DataSource dataSource) {
        Set<Integer> bundled = bundled();
        if (bundled.isEmpty()) {
            return false;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT version, success FROM flyway_schema_history "
                     + "WHERE version IS NOT NULL")) {
            Set<Integer> applied = new TreeSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!rs.getBoolean(2)) {
                        return false;
                    }
                    applied.add(Integer.valueOf(rs.getString(1)));
                }
            }
            return applied.equals(bundled);
        } catch (SQLException | NumberFormatException noHistoryOrNotOurs) {
            // No history table yet (a new database), or versions this build does not write: Flyway decides.
            return false;
        }
    }

    /** The versions of the migrations in this build (the jar, or the classes folder in a development run). */
    static Set<Integer> bundled() {
        URL folder = SchemaVersions.class.getClassLoader().getResource(LOCATION);
        Set<Integer> versions = new TreeSet<>();
        if (folder == null) {
            return versions;
        }
        try {
            if (folder.getProtocol().equals("jar")) {
                JarURLConnection jar = (JarURLConnection) folder.openConnection();
                jar.setUseCaches(true);
                jar.getJarFile().stream()
                        .map(entry -> entry.getName())
                        .filter(name -> name.startsWith(LOCATION + "/") && name.indexOf('/', LOCATION.length() + 1) < 0)
                        .forEach(name -> add(versions, name.substring(LOCATION.length() + 1)));
            } else if (folder.getProtocol().equals("file")) {
                try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                    files.forEach(file -> add(versions, file.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return versions;
    }

    private static void add(Set<Integer> versions, String fileName) {
        Matcher versioned = VERSIONED.matcher(fileName);
        if (versioned.matches()) {
            versions.add(Integer.valueOf(versioned.group(1)));
        } else if (fileName.endsWith(".sql")) {
            // A repeatable or otherwise named migration: only Flyway can tell whether it is due.
            versions.add(UNKNOWN);
        }
    }
}

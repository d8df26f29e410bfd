package com.dispatchconsole.embedded;

import java.nio.file.Path;

/** Where the console keeps its own database: the per-user XDG data home, overridable for tests and demos. */
public final class AppPaths {

    private AppPaths() {
    }

    public static Path embeddedDataDirectory(Path override) {
        if (override != null) {
            return override;
        }
        String explicit = System.getenv("DISPATCH_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("dispatch-console").resolve("postgres");
    }

    /**
     * Where the PostgreSQL programs are unpacked: a per-user cache directory only this OS account may write (not
     * the shared, predictably named temp folder, where another account could swap {@code pg_ctl}).
     */
    public static Path binariesDirectory() {
        String explicit = System.getenv("DISPATCH_PG_BINARIES");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("dispatch-console").resolve("postgres-binaries");
    }
}

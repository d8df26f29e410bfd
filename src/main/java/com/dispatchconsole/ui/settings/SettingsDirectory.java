package com.dispatchconsole.ui.settings;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where operators' settings live: {@code --config-dir} (or the system property {@value #PROPERTY}) when given,
 * else the user's configuration directory: {@code %APPDATA%\dispatch-console} on Windows,
 * {@code $XDG_CONFIG_HOME/dispatch-console} or {@code ~/.config/dispatch-console} elsewhere.
 */
public final class SettingsDirectory {

    /** The system property that names the directory (tests, a kiosk set-up). */
    public static final String PROPERTY = "dispatch.config.dir";

    private SettingsDirectory() {
    }

    /** @param given the {@code --config-dir} option, or null */
    public static Path resolve(Path given) {
        return resolve(given, System.getProperty(PROPERTY), System.getenv(), System.getProperty("os.name", ""),
                System.getProperty("user.home", "."));
    }

    static Path resolve(Path given, String property, Map<String, String> env, String osName, String home) {
        if (given != null) {
            return given;
        }
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        if (osName.toLowerCase(Locale.ROOT).startsWith("windows") && notBlank(env.get("APPDATA"))) {
            return Path.of(env.get("APPDATA"), "dispatch-console");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (notBlank(xdg) && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "dispatch-console");
        }
        return Path.of(home, ".config", "dispatch-console");
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}

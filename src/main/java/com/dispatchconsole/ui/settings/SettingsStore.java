package com.dispatchconsole.ui.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operators' settings on disk: one JSON file per operator in the settings directory, readable by this OS account
 * only (0600 where the file system has POSIX permissions), written whole to a temporary file and moved over the old
 * one, so a crash mid-save leaves the old file or the new one, never half of one. A change is saved half a second
 * after the last one, off the UI thread; {@link #close()} saves what is still pending. A file that cannot be read
 * gives the defaults and one notice; a save that fails is one notice; neither stops the console.
 */
public final class SettingsStore implements AutoCloseable {

    static final long SAVE_DELAY_MS = 500;
    private static final Logger log = LoggerFactory.getLogger(SettingsStore.class);

    private final Path directory;
    private final ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "settings-saver");
        thread.setDaemon(true);
        return thread;
    });
    private final Object lock = new Object();
    private ScheduledFuture<?> pending;
    private OperatorSettings pendingSettings;

    /** Problems reading or saving are said through each operator's {@link OperatorSettings#onProblem}. */
    public SettingsStore(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** The file of one operator's settings. */
    public Path file(String operator) {
        return directory.resolve(fileName(operator));
    }

    /** An operator's name as a file name: letters, digits, '.', '-' and '_' kept, anything else spelled out. */
    static String fileName(String operator) {
        StringBuilder name = new StringBuilder();
        for (char ch : operator.toCharArray()) {
            if (Character.isLetterOrDigit(ch) && ch < 128 || ch == '-' || ch == '_' || ch == '.' && !name.isEmpty()) {
                name.append(ch);
            } else {
                name.append('%').append(String.format(Locale.ROOT, "%04x", (int) ch));
            }
        }
        return (name.isEmpty() ? "operator" : name) + ".json";
    }

    /**
     * The operator's settings as saved, or the defaults (no file yet; a file that cannot be read, said once). Every
     * later change is saved to the same file.
     */
    public OperatorSettings load(String operator) {
        String problem = null;
        OperatorSettings settings = null;
        Path file = file(operator);
        try {
            JsonNode tree = OperatorSettings.JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (tree instanceof ObjectNode object) {
                settings = new OperatorSettings(operator, object);
            } else {
                problem = "Your saved settings in " + file + " are not a settings file; the defaults are used.";
            }
        } catch (NoSuchFileException e) {
            // First start for this operator: the defaults.
        } catch (IOException | RuntimeException e) {
            log.warn("Could not read settings {}", file, e);
            problem = "Your saved settings in " + file + " could not be read (" + oneLine(e) + "); the defaults are used.";
        }
        if (settings == null) {
            settings = OperatorSettings.defaults(operator);
        }
        if (problem != null) {
            settings.problem(problem);
        }
        settings.onChange(this::saveSoon);
        return settings;
    }

    private void saveSoon(OperatorSettings settings) {
        synchronized (lock) {
            pendingSettings = settings;
            if (pending == null || pending.isDone()) {
                pending = saver.schedule(this::savePending, SAVE_DELAY_MS, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void savePending() {
        OperatorSettings settings;
        synchronized (lock) {
            settings = pendingSettings;
            pendingSettings = null;
        }
        if (settings != null) {
            try {
                save(settings);
            } catch (IOException | RuntimeException e) {
                log.warn("Could not save settings", e);
                settings.problem("Your settings could not be saved in " + directory + " (" + oneLine(e) + ").");
            }
        }
    }

    /** Writes the settings now: to a new file readable by this account only, then moved over the old one. */
    public void save(OperatorSettings settings) throws IOException {
        if (!Files.isDirectory(directory)) {
            if (posix()) {
                Files.createDirectories(directory,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
        }
        Path file = file(settings.operator());
        byte[] json = OperatorSettings.JSON.writeValueAsBytes(settings.toJson());
        Path temp = posix() ? Files.createTempFile(directory, ".settings-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(directory, ".settings-", ".tmp");
        try {
            Files.write(temp, json);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Saves what is still pending, then stops the saver. */
    @Override
    public void close() {
        synchronized (lock) {
            if (pending != null) {
                pending.cancel(false);
            }
        }
        saver.shutdown();
        try {
            saver.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        savePending();
    }
}

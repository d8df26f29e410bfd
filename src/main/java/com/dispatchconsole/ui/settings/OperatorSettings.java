package com.dispatchconsole.ui.settings;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One operator's settings, in typed sections, as one JSON object: each section is a key holding a record (or any
 * type Jackson reads). Keys this version does not know are kept as they were and written back, so an older console
 * never throws away what a newer one saved. A section that cannot be read (edited by hand, an older shape) is
 * left at its defaults and said once; it never stops the console.
 *
 * <p>Adding a section is one line: {@code public static final Section<SlaThresholds> SLA =
 * Section.of("slaThresholds", SlaThresholds.class);} next to the others, then {@code settings.get(SLA)} where the
 * console starts and {@code settings.put(SLA, value)} when it changes (put saves, debounced).
 */
public final class OperatorSettings {

    /** A named, typed part of the settings. */
    public record Section<T>(String key, Class<T> type) {

        public Section {
            Objects.requireNonNull(key);
            Objects.requireNonNull(type);
        }

        public static <T> Section<T> of(String key, Class<T> type) {
            return new Section<>(key, type);
        }
    }

    // ---- the sections; add new ones here, one line each --------------------------------------------------------

    public static final Section<TableLayout.State> BATCHES_TABLE = Section.of("batchesTable", TableLayout.State.class);
    public static final Section<TableLayout.State> RIDERS_TABLE = Section.of("ridersTable", TableLayout.State.class);
    public static final Section<WindowLayout.State> WINDOW = Section.of("window", WindowLayout.State.class);
    public static final Section<ThemeSetting.State> THEME = Section.of("theme", ThemeSetting.State.class);
    public static final Section<FilterSettings.State> BATCH_FILTER = Section.of("batchFilter", FilterSettings.State.class);
    public static final Section<RiderFilterSettings.State> RIDER_FILTER =
            Section.of("riderFilter", RiderFilterSettings.State.class);
    public static final Section<AlertSettings.State> ALERTS = Section.of("alerts", AlertSettings.State.class);
    public static final Section<PanelLayout.State> PANELS = Section.of("panels", PanelLayout.State.class);

    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final String operator;
    private final ObjectNode tree;
    private volatile Consumer<OperatorSettings> onChange = s -> { };
    private Consumer<String> onProblem;
    private final java.util.List<String> unsaid = new java.util.ArrayList<>();

    OperatorSettings(String operator, ObjectNode tree) {
        this.operator = operator;
        this.tree = tree;
    }

    /** Defaults: no section set. */
    public static OperatorSettings defaults(String operator) {
        return new OperatorSettings(operator, JSON.createObjectNode());
    }

    public String operator() {
        return operator;
    }

    /** The section as saved; empty when never saved or unreadable (said once through {@link #onProblem}). */
    public synchronized <T> Optional<T> get(Section<T> section) {
        JsonNode node = tree.get(section.key());
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.treeToValue(node, section.type()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            tree.remove(section.key());
            problem("Your saved " + section.key() + " settings could not be read; the defaults are used.");
            return Optional.empty();
        }
    }

    /** Sets a section and asks for a save (debounced by the store). */
    public <T> void put(Section<T> section, T value) {
        synchronized (this) {
            JsonNode node = JSON.valueToTree(value);
            if (node.equals(tree.get(section.key()))) {
                return;
            }
            tree.set(section.key(), node);
        }
        onChange.accept(this);
    }

    /** A copy of everything, unknown keys included: what a save writes. */
    public synchronized ObjectNode toJson() {
        return tree.deepCopy();
    }

    /** Called after every change (the store's debounced save). */
    public void onChange(Consumer<OperatorSettings> listener) {
        this.onChange = Objects.requireNonNull(listener);
    }

    /**
     * Told, one line each, when the settings could not be read or saved; what went wrong before a listener was set
     * (reading the file, before the console window is there) is told to it at once.
     */
    public void onProblem(Consumer<String> listener) {
        java.util.List<String> earlier;
        synchronized (unsaid) {
            this.onProblem = Objects.requireNonNull(listener);
            earlier = java.util.List.copyOf(unsaid);
            unsaid.clear();
        }
        earlier.forEach(listener);
    }

    /** Says a problem with the settings to the listener, or keeps it until there is one. */
    void problem(String text) {
        Consumer<String> listener;
        synchronized (unsaid) {
            listener = onProblem;
            if (listener == null) {
                unsaid.add(text);
            }
        }
        if (listener != null) {
            listener.accept(text);
        }
    }
}

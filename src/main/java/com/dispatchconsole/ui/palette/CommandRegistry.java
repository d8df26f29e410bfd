package com.dispatchconsole.ui.palette;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.value.ObservableBooleanValue;

/**
 * Every command the palette offers, in the order they were added, and the ones that depend on what was typed ("go to
 * batch 3ed1", "go to rider Ben"), from sources asked on every keystroke. Adding one is one line:
 * {@code registry.add("Export view as CSV…", "Ctrl+E", this::exportView);} — with a reason it can be disabled:
 * {@code registry.add("Undo", "Ctrl+Z", () -> undo.possible() ? null : "nothing to undo", undo::run);}.
 *
 * <p>Matching is case-insensitive: a title that starts with the query comes first, then one with a word starting with
 * it, then one containing it, then one containing every word of it, then one holding its letters in order (fuzzy).
 * Ties: enabled before disabled, then in the order added.
 */
public final class CommandRegistry {

    private final List<Command> commands = new ArrayList<>();
    private final List<Function<String, List<Command>>> sources = new ArrayList<>();

    /** Adds a command that can always run. */
    public Command add(String title, String shortcut, Runnable action) {
        return add(Command.of(title, shortcut, action));
    }

    /** Adds a command that says why it cannot run (a non-blank sentence) when it cannot. */
    public Command add(String title, String shortcut, Supplier<String> whyDisabled, Runnable action) {
        return add(new Command(title, shortcut, whyDisabled, action));
    }

    /** Adds a command enabled while {@code enabled} is true; {@code whyNot} is what the palette says otherwise. */
    public Command add(String title, String shortcut, ObservableBooleanValue enabled, String whyNot, Runnable action) {
        return add(new Command(title, shortcut, () -> enabled.get() ? null : whyNot, action));
    }

    public Command add(Command command) {
        commands.add(Objects.requireNonNull(command));
        return command;
    }

    /**
     * Adds commands made from what was typed (the query, trimmed, as typed): what it returns is offered when it
     * matches the query, or when the source says it does (it returned it).
     */
    public void addSource(Function<String, List<Command>> source) {
        sources.add(Objects.requireNonNull(source));
    }

    /** The fixed commands, in the order added. */
    public List<Command> all() {
        return List.copyOf(commands);
    }

    /** The commands matching {@code query}, best first; every fixed command for an empty query. */
    public List<Command> search(String query) {
        String q = query == null ? "" : query.strip();
        List<Scored> found = new ArrayList<>();
        int order = 0;
        for (Command command : commands) {
            int score = score(command.title(), q);
            if (score > 0) {
                found.add(new Scored(command, score, command.enabled(), order));
            }
            order++;
        }
        if (!q.isEmpty()) {
            for (Function<String, List<Command>> source : sources) {
                for (Command command : source.apply(q)) {
                    // The source matched it (an id prefix, a part of a name): at least a fuzzy match.
                    found.add(new Scored(command, Math.max(FUZZY, score(command.title(), q)), command.enabled(), order++));
                }
            }
        }
        // What can be done now comes first: typing "unass" with no batch selected means the Unassigned queue,
        // not the Unassign that would only say why it cannot (it still shows, below, with its reason).
        return found.stream()
                .sorted(Comparator.comparing((Scored s) -> !s.enabled())
                        .thenComparing(Comparator.comparingInt(Scored::score).reversed())
                        .thenComparingInt(Scored::order))
                .map(Scored::command)
                .toList();
    }

    private record Scored(Command command, int score, boolean enabled, int order) {
    }

    static final int PREFIX = 500;
    static final int WORD_START = 400;
    static final int CONTAINS = 300;
    static final int ALL_WORDS = 200;
    static final int FUZZY = 100;

    /**
     * How well {@code title} matches {@code query}, case-insensitively: 0 when it does not; an empty query matches
     * everything equally. Among fuzzy matches, letters closer together score higher.
     */
    static int score(String title, String query) {
        String t = title.toLowerCase(Locale.ROOT);
        String q = query.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return FUZZY;
        }
        if (t.startsWith(q)) {
            return PREFIX;
        }
        int at = t.indexOf(q);
        if (at > 0) {
            for (int i = at; i >= 0; i = t.indexOf(q, i + 1)) {
                if (!Character.isLetterOrDigit(t.charAt(i - 1))) {
                    return WORD_START;
                }
            }
            return CONTAINS;
        }
        String[] words = q.split("\\s+");
        if (words.length > 1 && java.util.Arrays.stream(words).allMatch(t::contains)) {
            return ALL_WORDS;
        }
        // Fuzzy: the query's letters (spaces ignored) in order; the tighter they sit, the better (below ALL_WORDS).
        String letters = q.replaceAll("\\s+", "");
        int first = -1;
        int from = 0;
        for (char ch : letters.toCharArray()) {
            int found = t.indexOf(ch, from);
            if (found < 0) {
                return 0;
            }
            if (first < 0) {
                first = found;
            }
            from = found + 1;
        }
        int spread = from - first - letters.length();
        return FUZZY + Math.max(1, 99 - spread);
    }
}

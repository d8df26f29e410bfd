package com.dispatchconsole.ui.presence;

import com.dispatchconsole.realtime.Presence;
import com.dispatchconsole.realtime.PresenceKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Presence in words: "Olga is viewing", "Ben is dragging · Olga and Sam are viewing". */
public final class PresenceText {

    private static final int NAMES_SHOWN = 3;

    private PresenceText() {
    }

    /** Everyone on one batch, dragging first; "" for nobody. */
    public static String of(List<Presence> presences) {
        List<String> parts = new ArrayList<>();
        for (PresenceKind kind : List.of(PresenceKind.DRAGGING, PresenceKind.VIEWING)) {
            Set<String> names = new LinkedHashSet<>();
            presences.stream().filter(p -> p.kind() == kind).forEach(p -> names.add(p.operator()));
            if (!names.isEmpty()) {
                parts.add(names(List.copyOf(names)) + (names.size() == 1 ? " is " : " are ")
                        + (kind == PresenceKind.DRAGGING ? "dragging" : "viewing"));
            }
        }
        return String.join(" · ", parts);
    }

    /** "Ben", "Ben and Sam", "Ben, Sam and Ida", "Ben, Sam, Ida and 2 others". */
    static String names(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        if (names.size() > NAMES_SHOWN) {
            return String.join(", ", names.subList(0, NAMES_SHOWN)) + " and " + (names.size() - NAMES_SHOWN) + " others";
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** The warning before a drop: "Ben is dragging this batch too" (null when nobody else drags any of them). */
    static String dragWarning(List<String> draggers, int batches) {
        if (draggers.isEmpty()) {
            return null;
        }
        return names(draggers) + (draggers.size() == 1 ? " is" : " are") + " dragging "
                + (batches == 1 ? "this batch" : "one of these batches") + " too";
    }
}

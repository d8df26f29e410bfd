package com.dispatchconsole.ui.common;

import com.dispatchconsole.domain.Labelled;

/** How codes read on screen: "PICKED" as "Picked up", "LEFT_AT_DOOR" as "Left at door". */
public final class Labels {

    private Labels() {
    }

    public static String of(String code) {
        if (code == null || code.isBlank()) {
            return "—";
        }
        String lower = code.toLowerCase().replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /** A value's own words where the domain has them ({@link Labelled}: the batch statuses), else its name read out. */
    public static String of(Enum<?> value) {
        if (value instanceof Labelled labelled) {
            return labelled.label();
        }
        return value == null ? "—" : of(value.name());
    }
}

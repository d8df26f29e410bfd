package com.dispatchconsole.ui.common;

/** How codes read on screen: "OUT_FOR_DELIVERY" as "Out for delivery", "LEFT_AT_DOOR" as "Left at door". */
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

    public static String of(Enum<?> value) {
        return value == null ? "—" : of(value.name());
    }
}

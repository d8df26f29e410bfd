package com.dispatchconsole.domain;

/** The first eight hex digits of a UUID: what dispatchers read aloud and what messages show. */
public final class ShortId {
    private ShortId() {
    }

    public static String of(Object id) {
        if (id == null) {
            return "-";
        }
        String text = id.toString();
        return text.length() > 8 ? text.substring(0, 8) : text;
    }
}

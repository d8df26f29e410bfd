package com.dispatchconsole.gateway.http;

import java.util.UUID;

/** Checks for single values from paths, query strings, headers and bodies, each naming the field it refuses. */
final class Fields {

    private Fields() {
    }

    static UUID uuid(String value, String field) {
        if (value == null || value.length() != 36) {
            throw ApiFailure.badField(field, "'" + field + "' must be a UUID such as 3f2a1b9c-0000-4000-8000-000000000000.");
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiFailure.badField(field, "'" + field + "' must be a UUID such as 3f2a1b9c-0000-4000-8000-000000000000.");
        }
    }

    /** Trimmed text without control characters or lone surrogates, at most {@code maxLength}; null when blank. */
    static String text(String value, String field, int maxLength) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            return null;
        }
        if (stripped.length() > maxLength) {
            throw ApiFailure.badField(field, "'" + field + "' is longer than " + maxLength + " characters.");
        }
        for (int i = 0; i < stripped.length(); i++) {
            char ch = stripped.charAt(i);
            boolean lone = Character.isHighSurrogate(ch)
                    ? i + 1 >= stripped.length() || !Character.isLowSurrogate(stripped.charAt(++i))
                    : Character.isLowSurrogate(ch);
            if (lone || (Character.isISOControl(ch) && ch != '\n' && ch != '\t')) {
                throw ApiFailure.badField(field, "'" + field + "' contains a control character or a broken "
                        + "character at position " + (i + 1) + ".");
            }
        }
        return stripped;
    }
}

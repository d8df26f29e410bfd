package com.dispatchconsole.domain;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type and read them: {@code 45m}, {@code 2h}, {@code 90s}, {@code 1h30m} (and {@code 7d}) in,
 * "45 min", "2 h", "90 s", "7 days" out.
 */
public final class ShortDuration {

    /** Days, hours, minutes, seconds, in that order, each at most once and at most 9 digits; at least one. */
    private static final Pattern SHORT = Pattern.compile("(?:(\\d{1,9})d)?(?:(\\d{1,9})h)?(?:(\\d{1,9})m)?(?:(\\d{1,9})s)?");

    private ShortDuration() {
    }

    /** Parses e.g. {@code 45m} or {@code 1h30m}; anything else is INVALID_ARGUMENT, naming what was given. */
    public static Duration parse(String text) {
        String given = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(given);
        if (given.isEmpty() || !m.matches()) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "A duration is written like 45m, 2h, 90s or 1h30m"
                    + " (got \"" + (text == null ? "" : shorten(text.strip())) + "\").");
        }
        return Duration.ofDays(number(m, 1)).plusHours(number(m, 2)).plusMinutes(number(m, 3))
                .plusSeconds(number(m, 4));
    }

    /** "45 min", "2 h", "1 day", "90 s", "1 min 30 s": whole seconds, in the largest unit that says it exactly. */
    public static String words(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds % 60 != 0) {
            return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
        }
        long minutes = seconds / 60;
        if (minutes >= 24 * 60 && minutes % (24 * 60) == 0) {
            long days = minutes / (24 * 60);
            return days + (days == 1 ? " day" : " days");
        }
        if (minutes >= 120 && minutes % 60 == 0) {
            return minutes / 60 + " h";
        }
        return minutes + " min";
    }

    private static long number(Matcher m, int group) {
        return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
    }

    private static String shorten(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }
}

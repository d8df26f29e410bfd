package com.dispatchconsole.ui.console;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How figures and times read in the console. */
final class Formats {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private static final DateTimeFormatter SHORT_CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private Formats() {
    }

    /** One decimal at most: "9.3", "12". */
    static String kg(BigDecimal value) {
        return value.setScale(1, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** Compact elapsed time for table columns: "now", "45m", "9h 05m", "3d". */
    static String since(Instant then, Instant now) {
        if (then == null) {
            return "";
        }
        long minutes = Math.max(0, Duration.between(then, now).toMinutes());
        if (minutes < 1) {
            return "now";
        }
        if (minutes < 60) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        return hours < 48 ? hours + "h " + String.format("%02dm", minutes % 60) : (hours / 24) + "d";
    }

    static String shortClock(Instant at) {
        return at == null ? "" : SHORT_CLOCK.format(at);
    }

    static String clock(Instant at) {
        return at == null ? "" : CLOCK.format(at);
    }
}

package com.dispatchconsole.ui.common;

import com.dispatchconsole.domain.BatchStatus;

/**
 * The style class a batch status is drawn in, wherever it is drawn (the tables' badges, the shift summary's
 * charts): {@code status-completed}, {@code status-out-for-delivery}… The colour itself lives in the theme alone
 * ({@code .status-completed} takes {@code -dc-status-completed} in console.css), so a badge and a bar of the same
 * status always match, in either theme.
 */
public final class StatusStyle {

    private StatusStyle() {
    }

    public static String of(BatchStatus status) {
        return "status-" + status.name().toLowerCase().replace('_', '-');
    }

    /** Whether {@code styleClass} is one of {@link #of}'s (to take the previous status's class off a reused node). */
    public static boolean isOne(String styleClass) {
        return styleClass.startsWith("status-") && !styleClass.equals("status-badge");
    }
}

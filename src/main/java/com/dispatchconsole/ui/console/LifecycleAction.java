package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.BatchTransitions;
import com.dispatchconsole.domain.rows.BatchRow;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The lifecycle moves a dispatcher can make from buttons, the context menu and the keyboard. */
public enum LifecycleAction {
    PICK("Picked up", "picked up", BatchStatus.PICKED, "Ctrl+P", false),
    OUT_FOR_DELIVERY("Out for delivery", "out for delivery", BatchStatus.OUT_FOR_DELIVERY, "Ctrl+O", false),
    COMPLETE("Complete", "completed", BatchStatus.COMPLETED, "Ctrl+D", false),
    FAIL("Fail…", "failed", BatchStatus.FAILED, "Ctrl+Shift+F", true),
    UNASSIGN("Unassign", "unassigned", BatchStatus.CREATED, "Ctrl+U", false),
    CANCEL("Cancel…", "cancelled", BatchStatus.CANCELLED, "Ctrl+Shift+X", true);

    private final String label;
    private final String done;
    private final BatchStatus target;
    private final String shortcut;
    private final boolean needsReason;

    LifecycleAction(String label, String done, BatchStatus target, String shortcut, boolean needsReason) {
        this.label = label;
        this.done = done;
        this.target = target;
        this.shortcut = shortcut;
        this.needsReason = needsReason;
    }

    /** Actions the state map allows for every one of the selected batches (none for an empty selection). */
    public static Set<LifecycleAction> allowedFor(List<BatchRow> selected) {
        Set<LifecycleAction> allowed = EnumSet.noneOf(LifecycleAction.class);
        if (selected.isEmpty()) {
            return allowed;
        }
        for (LifecycleAction action : values()) {
            if (selected.stream().allMatch(b -> BatchTransitions.isAllowed(b.status(), action.target))) {
                allowed.add(action);
            }
        }
        return allowed;
    }

    public String label() {
        return label;
    }

    /** How the success reads: "Batch 3ed134bd cancelled.", "3 batches picked up." */
    public String done() {
        return done;
    }

    public BatchStatus target() {
        return target;
    }

    public String shortcut() {
        return shortcut;
    }

    /** Cancel and fail ask for confirmation and a reason. */
    public boolean needsReason() {
        return needsReason;
    }
}

package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.BatchTransitions;
import com.dispatchconsole.domain.rows.BatchRow;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The lifecycle moves a dispatcher can make from buttons, the context menu and the keyboard. */
public enum LifecycleAction {
    PICK("Picked up", "picked up", BatchStatus.PICKED, "Ctrl+P"),
    OUT_FOR_DELIVERY("Out for delivery", "out for delivery", BatchStatus.OUT_FOR_DELIVERY, "Ctrl+O"),
    COMPLETE("Complete", "completed", BatchStatus.COMPLETED, "Ctrl+D"),
    FAIL("Fail…", "failed", BatchStatus.FAILED, "Ctrl+Shift+F"),
    UNASSIGN("Unassign", "unassigned", BatchStatus.CREATED, "Ctrl+U"),
    CANCEL("Cancel…", "cancelled", BatchStatus.CANCELLED, "Ctrl+Shift+X");

    private final String label;
    private final String done;
    private final BatchStatus target;
    private final String shortcut;

    LifecycleAction(String label, String done, BatchStatus target, String shortcut) {
        this.label = label;
        this.done = done;
        this.target = target;
        this.shortcut = shortcut;
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

    /** Cancel and fail ask for confirmation and a reason: the state map says which moves need one. */
    public boolean needsReason() {
        return BatchTransitions.needsReason(target);
    }
}

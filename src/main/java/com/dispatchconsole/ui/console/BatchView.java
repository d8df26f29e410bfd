package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.BatchStatus;
import java.util.EnumSet;
import java.util.Set;

/**
 * The batch views a dispatcher switches between in the filter bar; each is a set of statuses. The console starts on
 * the unassigned queue. "Finished" is the state map's final statuses ({@link BatchStatus#finished()}), never a list
 * of its own.
 */
public enum BatchView {
    /** Created batches only, oldest first: what still needs a rider. */
    UNASSIGNED_QUEUE("Unassigned queue", "view-unassigned"),
    /** Every batch that is not finished. */
    ALL_ACTIVE("All active", "view-active"),
    /** Every batch, finished ones too. */
    EVERYTHING("Everything", "view-everything");

    private final String label;
    private final String nodeId;

    BatchView(String label, String nodeId) {
        this.label = label;
        this.nodeId = nodeId;
    }

    public String label() {
        return label;
    }

    /** The id of its button in the filter bar. */
    public String nodeId() {
        return nodeId;
    }

    /** The statuses this view shows. */
    public Set<BatchStatus> statuses() {
        return switch (this) {
            case UNASSIGNED_QUEUE -> EnumSet.of(BatchStatus.CREATED);
            case ALL_ACTIVE -> EnumSet.complementOf(EnumSet.copyOf(BatchStatus.finished()));
            case EVERYTHING -> EnumSet.allOf(BatchStatus.class);
        };
    }

    /** The view that shows exactly these statuses (none ticked is everything), or null for a set of one's own. */
    public static BatchView showing(Set<BatchStatus> statuses) {
        Set<BatchStatus> shown = statuses.isEmpty() ? EnumSet.allOf(BatchStatus.class) : EnumSet.copyOf(statuses);
        for (BatchView view : values()) {
            if (view.statuses().equals(shown)) {
                return view;
            }
        }
        return null;
    }
}

package com.dispatchconsole.domain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one state map of a batch. Every layer (service, UI, stress invariants) asks this class; nobody keeps a
 * second copy of the rules.
 */
public final class BatchTransitions {

    private static final Map<BatchStatus, Set<BatchStatus>> ALLOWED = new EnumMap<>(BatchStatus.class);

    static {
        ALLOWED.put(BatchStatus.CREATED, EnumSet.of(BatchStatus.ASSIGNED, BatchStatus.CANCELLED));
        ALLOWED.put(BatchStatus.ASSIGNED, EnumSet.of(BatchStatus.PICKED, BatchStatus.CREATED, BatchStatus.CANCELLED));
        ALLOWED.put(BatchStatus.PICKED, EnumSet.of(BatchStatus.OUT_FOR_DELIVERY, BatchStatus.FAILED));
        ALLOWED.put(BatchStatus.OUT_FOR_DELIVERY, EnumSet.of(BatchStatus.COMPLETED, BatchStatus.FAILED));
        ALLOWED.put(BatchStatus.COMPLETED, EnumSet.noneOf(BatchStatus.class));
        ALLOWED.put(BatchStatus.FAILED, EnumSet.noneOf(BatchStatus.class));
        ALLOWED.put(BatchStatus.CANCELLED, EnumSet.noneOf(BatchStatus.class));
    }

    private BatchTransitions() {
    }

    public static boolean isAllowed(BatchStatus from, BatchStatus to) {
        return from != null && to != null && ALLOWED.get(from).contains(to);
    }

    public static Set<BatchStatus> allowedFrom(BatchStatus from) {
        return Collections.unmodifiableSet(ALLOWED.get(from));
    }

    /** True when some status can legally move to {@code target}; used to refuse nonsense before any query. */
    public static boolean isReachable(BatchStatus target) {
        return ALLOWED.values().stream().anyMatch(targets -> targets.contains(target));
    }

    /** Throws {@link ErrorCode#ILLEGAL_TRANSITION} unless {@code from -> to} is on the map. */
    public static void require(Object batchId, BatchStatus from, BatchStatus to) {
        if (!isAllowed(from, to)) {
            throw new DispatchException(ErrorCode.ILLEGAL_TRANSITION,
                    "Batch " + ShortId.of(batchId) + " cannot move from " + from + " to " + to
                            + describeAllowed(from) + ".");
        }
    }

    private static String describeAllowed(BatchStatus from) {
        Set<BatchStatus> next = ALLOWED.get(from);
        return next.isEmpty() ? " (" + from + " is final)" : " (allowed: " + next + ")";
    }
}

package com.dispatchconsole.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
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

    /** Ending a batch without delivering it is never silent: the audit trail says why. */
    private static final Set<BatchStatus> NEED_A_REASON = EnumSet.of(BatchStatus.FAILED, BatchStatus.CANCELLED);

    private BatchTransitions() {
    }

    /**
     * Whether moving a batch to {@code target} needs a reason (cancel and fail do). The console asks for one before
     * it asks the service, the service refuses a move without one, and the database trigger checks it again.
     */
    public static boolean needsReason(BatchStatus target) {
        return target != null && NEED_A_REASON.contains(target);
    }

    public static boolean isAllowed(BatchStatus from, BatchStatus to) {
        return from != null && to != null && ALLOWED.get(from).contains(to);
    }

    public static Set<BatchStatus> allowedFrom(BatchStatus from) {
        return Collections.unmodifiableSet(ALLOWED.get(from));
    }

    /** The statuses from which a batch may move to {@code target} (empty when none may). */
    public static Set<BatchStatus> allowedInto(BatchStatus target) {
        Set<BatchStatus> sources = java.util.EnumSet.noneOf(BatchStatus.class);
        ALLOWED.forEach((from, targets) -> {
            if (targets.contains(target)) {
                sources.add(from);
            }
        });
        return Collections.unmodifiableSet(sources);
    }

    /** True when some status can legally move to {@code target}; used to refuse nonsense before any query. */
    public static boolean isReachable(BatchStatus target) {
        return ALLOWED.values().stream().anyMatch(targets -> targets.contains(target));
    }

    /**
     * The fewest legal moves from {@code from} to {@code to}, both included ({@code [from]} when they are the same),
     * trying successors in declaration order; empty when the map has no way there. What a batch in status {@code to}
     * went through at the least: the bulk demo seed writes its history from it.
     */
    public static List<BatchStatus> shortestPath(BatchStatus from, BatchStatus to) {
        Map<BatchStatus, BatchStatus> reachedFrom = new EnumMap<>(BatchStatus.class);
        Deque<BatchStatus> next = new ArrayDeque<>(List.of(from));
        reachedFrom.put(from, from);
        while (!next.isEmpty() && !reachedFrom.containsKey(to)) {
            BatchStatus at = next.removeFirst();
            for (BatchStatus successor : ALLOWED.get(at)) {
                if (reachedFrom.putIfAbsent(successor, at) == null) {
                    next.addLast(successor);
                }
            }
        }
        if (!reachedFrom.containsKey(to)) {
            return List.of();
        }
        List<BatchStatus> path = new ArrayList<>(List.of(to));
        for (BatchStatus at = to; at != from; at = reachedFrom.get(at)) {
            path.add(0, reachedFrom.get(at));
        }
        return List.copyOf(path);
    }

    /**
     * The rider a batch has after moving to {@code target}: {@code newRider} on ASSIGNED, none on CREATED and
     * CANCELLED, and still {@code current} on the way to PICKED, OUT_FOR_DELIVERY, COMPLETED or FAILED, so the record
     * says who carried it.
     */
    public static java.util.UUID riderAfter(BatchStatus target, java.util.UUID current, java.util.UUID newRider) {
        if (target == BatchStatus.ASSIGNED) {
            return newRider;
        }
        return target == BatchStatus.CREATED || target == BatchStatus.CANCELLED ? null : current;
    }

    /** Throws {@link ErrorCode#ILLEGAL_TRANSITION} unless {@code from -> to} is on the map. */
    public static void require(Object batchId, BatchStatus from, BatchStatus to) {
        if (!isAllowed(from, to)) {
            throw new DispatchException(ErrorCode.ILLEGAL_TRANSITION, refusal(batchId, from, to));
        }
    }

    /**
     * Why {@code from -> to} is refused, in words, with what to do instead, all read off the map: "Batch 1a2b3c4d
     * can't go from Created to Picked up; assign it first." The next step is the first move of the shortest legal
     * way there; where there is none, the sentence says where the batch can go (or that it is finished).
     */
    public static String refusal(Object batchId, BatchStatus from, BatchStatus to) {
        String batch = "Batch " + ShortId.of(batchId);
        if (from == null || to == null) {
            return batch + " can't move: no status was given.";
        }
        return batch + " can't go from " + from.label() + " to " + to.label() + "; " + nextStep(from, to) + ".";
    }

    private static String nextStep(BatchStatus from, BatchStatus to) {
        if (from == to) {
            return "it is " + lower(from) + " already";
        }
        Set<BatchStatus> next = ALLOWED.get(from);
        if (next.isEmpty()) {
            return "it is " + lower(from) + ", which is final";
        }
        List<BatchStatus> way = shortestPath(from, to);
        if (way.size() > 2) {
            return way.get(1).step() + " first";
        }
        return "from " + from.label() + " it can only go to " + next.stream().map(BatchStatus::label)
                .collect(java.util.stream.Collectors.joining(" or "));
    }

    private static String lower(BatchStatus status) {
        return status.label().toLowerCase(java.util.Locale.ROOT);
    }
}

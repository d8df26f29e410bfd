package com.dispatchconsole.service;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DeliveryBatch;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.HandOver;
import com.dispatchconsole.domain.Rider;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.UndoableChange;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.persistence.BatchState;
import com.dispatchconsole.persistence.HistoryQueries;
import com.dispatchconsole.persistence.RiderLocks;
import com.dispatchconsole.persistence.RiderQueries;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Session;

/**
 * Undo: takes back the changes one gesture of a console made to some batches, in one transaction, all or nothing.
 * It applies only while every batch is still exactly as that change left it (its version): if anyone changed one
 * since, it is refused with who changed what and when (ALREADY_CHANGED), and nothing is changed. The way back is the
 * state map's ({@link UndoableChange#reverse()}); going back to a rider checks the rider's availability and room under
 * the rider's lock, as any assignment does. The database writes the audit as for any change, with the reason
 * "Undo of &lt;action&gt; at &lt;time&gt;", which is how the history tells an undo from a change of mind.
 */
public final class UndoService {

    /** How every undo's history rows begin: the marker of an undo in the reason column. */
    public static final String REASON_PREFIX = "Undo of ";

    /** What the undo left: the batches as they are now and the riders whose load it changed. */
    public record Undone(List<BatchRow> batches, List<RiderRow> riders) {
    }

    private final UnitOfWork unitOfWork;
    private final RiderLocks riderLocks;
    private final Clock clock;

    public UndoService(UnitOfWork unitOfWork, RiderLocks riderLocks, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.riderLocks = riderLocks;
        this.clock = clock;
    }

    /**
     * The change from {@code before} (the batch as the screen showed it when the dispatcher acted) to {@code after}
     * (as the change's own transaction read it back), whether or not it can be taken back.
     */
    public static UndoableChange change(BatchRow before, BatchRow after) {
        return new UndoableChange(after.id(), before.status(), before.riderId(), after.status(), after.riderId(),
                after.version(), after.updatedAt());
    }

    /** Takes back one change. */
    public Undone undo(UndoableChange change, String operator) {
        return undo(List.of(change), operator);
    }

    /**
     * Takes back {@code changes} (one gesture's, one per batch) in one transaction; refused as a whole (nothing
     * changed) if any of them cannot be taken back.
     */
    public Undone undo(List<UndoableChange> changes, String operator) {
        Checks.requireActor(operator);
        if (changes == null || changes.isEmpty() || changes.stream().anyMatch(Objects::isNull)) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "There is nothing to undo.");
        }
        List<UndoableChange> inOrder = changes.stream().sorted(Comparator.comparing(UndoableChange::batchId)).toList();
        for (int i = 1; i < inOrder.size(); i++) {
            if (inOrder.get(i).batchId().equals(inOrder.get(i - 1).batchId())) {
                throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "Batch " + ShortId.of(inOrder.get(i).batchId())
                        + " is in the undo twice; nothing was changed.");
            }
        }
        // Before any query: a change the state map cannot take back is refused in its words.
        Map<UUID, UndoableChange.Reverse> ways = new HashMap<>();
        inOrder.forEach(change -> ways.put(change.batchId(), change.requireReverse()));
        return unitOfWork.call(operator, reason(inOrder), session -> {
            Map<UUID, BatchState> seen = new HashMap<>();
            for (UndoableChange change : inOrder) {
                seen.put(change.batchId(), requireAsLeft(session, change));
            }
            Set<UUID> riderIds = new LinkedHashSet<>();
            for (UndoableChange change : inOrder) {
                addIfPresent(riderIds, change.fromRiderId());
                addIfPresent(riderIds, change.toRiderId());
            }
            Map<UUID, Rider> riders = riderLocks.lockInIdOrder(session, riderIds).stream()
                    .collect(Collectors.toMap(Rider::getId, Function.identity()));
            Instant now = clock.instant();
            List<BatchRow> after = new ArrayList<>();
            for (UndoableChange change : inOrder) {
                DeliveryBatch batch = Checks.lockBatch(session, change.batchId(), seen.get(change.batchId()));
                takeBack(session, batch, change, ways.get(change.batchId()), riders, now);
            }
            for (UndoableChange change : inOrder) {
                after.add(AssignmentService.snapshot(session, change.batchId()));
            }
            List<RiderRow> riderRows = riderIds.isEmpty() ? List.of()
                    : UnitOfWork.jdbc(session, c -> RiderQueries.riders(c, riderIds));
            return new Undone(after, riderRows);
        });
    }

    /**
     * The batch as it is now, refused unless it is still the version the change left it at (naming who changed it
     * since, and when) in the status and with the rider the change left it.
     */
    private static BatchState requireAsLeft(Session session, UndoableChange change) {
        BatchState now = Checks.peek(session, change.batchId());
        if (now.version() != change.version()) {
            throw StaleAction.undoRefusal("Batch " + ShortId.of(change.batchId()),
                    UnitOfWork.jdbc(session, c -> HistoryQueries.history(c, change.batchId())));
        }
        if (now.status() != change.toStatus() || !Objects.equals(now.riderId(), change.toRiderId())) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "Batch " + ShortId.of(change.batchId())
                    + " is not as that change left it; nothing was changed.");
        }
        return now;
    }

    private static void takeBack(Session session, DeliveryBatch batch, UndoableChange change,
                                 UndoableChange.Reverse way, Map<UUID, Rider> riders, Instant now) {
        if (way == UndoableChange.Reverse.MOVE_BACK) {
            batch.moveTo(change.fromStatus(), null, now);
            return;
        }
        Rider rider = riders.get(change.fromRiderId());
        if (rider == null) {
            throw Checks.riderNotFound(change.fromRiderId());
        }
        HandOver.requireAvailable(rider.getName(), rider.getAvailability());
        // The batches taken back before this one count against the rider's room: the load query must see them.
        session.flush();
        AssignmentService.requireRoom(session, rider, batch);
        if (way == UndoableChange.Reverse.REASSIGN_BACK) {
            // Through CREATED in memory, one UPDATE to the database, as a reassignment: one rider change in the history.
            batch.moveTo(BatchStatus.CREATED, null, now);
        }
        batch.moveTo(BatchStatus.ASSIGNED, rider.getId(), now);
    }

    /** "Undo of assign at 08:12:03": what was taken back and when it was done, for the history's reason column. */
    static String reason(List<UndoableChange> changes) {
        String actions = changes.stream().map(UndoableChange::action).distinct().collect(Collectors.joining(" and "));
        Instant at = changes.stream().map(UndoableChange::at).filter(Objects::nonNull).min(Comparator.naturalOrder())
                .orElse(null);
        return REASON_PREFIX + actions + (at == null ? "" : " at " + StaleAction.clock(at));
    }

    private static void addIfPresent(Set<UUID> ids, UUID id) {
        if (id != null) {
            ids.add(id);
        }
    }
}

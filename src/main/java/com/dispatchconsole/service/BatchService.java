package com.dispatchconsole.service;

import com.dispatchconsole.domain.BatchOrder;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.CustomerOrder;
import com.dispatchconsole.domain.DeliveryBatch;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.Expected;
import com.dispatchconsole.domain.Kilograms;
import com.dispatchconsole.domain.Load;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.Rider;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.pod.PhotoReference;
import com.dispatchconsole.domain.pod.PodDocument;
import com.dispatchconsole.domain.pod.PodFields;
import com.dispatchconsole.domain.pod.PodValidator;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.HistoryEntry;
import com.dispatchconsole.domain.rows.NewOrder;
import com.dispatchconsole.persistence.BatchQueries;
import com.dispatchconsole.persistence.BatchState;
import com.dispatchconsole.persistence.HistoryQueries;
import com.dispatchconsole.persistence.OutletQueries;
import com.dispatchconsole.persistence.PhotoQueries;
import com.dispatchconsole.persistence.PodQueries;
import com.dispatchconsole.persistence.RiderLocks;
import com.dispatchconsole.persistence.RiderQueries;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/** Creating batches, changing what is in them, and recording what happened to each order at the door. */
public final class BatchService {

    private final UnitOfWork unitOfWork;
    private final RiderLocks riderLocks;
    private final Clock clock;

    public BatchService(UnitOfWork unitOfWork, RiderLocks riderLocks, Clock clock) {
        this.unitOfWork = unitOfWork;
        this.riderLocks = riderLocks;
        this.clock = clock;
    }

    public BatchRow createBatch(UUID outletId, List<NewOrder> orders, String actor) {
        Checks.requireId(outletId, "outlet");
        Checks.requireActor(actor);
        validateOrders(orders);
        // Written and read back in one transaction: a refusal can never follow a change that was made.
        return unitOfWork.call(actor, null, session -> {
            requireOutlet(session, outletId);
            UUID id = insertBatch(session, outletId, orders, clock.instant());
            return BatchQueries.readBack(session, id);
        });
    }

    /** Creates several CREATED batches at one outlet in one transaction; returns their ids in order. */
    public List<UUID> createBatches(UUID outletId, List<List<NewOrder>> batches, String actor) {
        Checks.requireId(outletId, "outlet");
        Checks.requireActor(actor);
        batches.forEach(BatchService::validateOrders);
        return unitOfWork.call(actor, null, session -> {
            requireOutlet(session, outletId);
            Instant now = clock.instant();
            List<UUID> ids = new ArrayList<>();
            for (List<NewOrder> orders : batches) {
                ids.add(insertBatch(session, outletId, orders, now));
            }
            return ids;
        });
    }

    private static void requireOutlet(Session session, UUID outletId) {
        if (!OutletQueries.exists(session, outletId)) {
            throw new DispatchException(ErrorCode.OUTLET_NOT_FOUND, "Outlet " + ShortId.of(outletId) + " does not exist.");
        }
    }

    /** The database computes the batch's order count and weight from the lines, and writes its history. */
    private static UUID insertBatch(Session session, UUID outletId, List<NewOrder> orders, Instant now) {
        UUID batchId = UUID.randomUUID();
        session.persist(new DeliveryBatch(batchId, outletId, 0, BigDecimal.ZERO, now));
        session.flush();
        int sequence = 1;
        for (NewOrder order : orders) {
            UUID orderId = UUID.randomUUID();
            session.persist(new CustomerOrder(orderId, outletId, order.customerName(), order.deliveryAddress(),
                    order.weightKg(), now).at(order.lat(), order.lon())
                    .phone(order.customerPhone()));
            session.persist(new BatchOrder(UUID.randomUUID(), batchId, orderId, sequence++));
        }
        return batchId;
    }

    /** Adds an order to a CREATED or ASSIGNED batch; an assigned rider must still have room for it. */
    public BatchRow addOrder(UUID batchId, NewOrder order, String actor) {
        return addOrder(batchId, order, Expected.ANY, actor);
    }

    public BatchRow addOrder(UUID batchId, NewOrder order, Expected expected, String actor) {
        Checks.requireId(batchId, "batch");
        Checks.requireActor(actor);
        validateOrders(List.of(order));
        return unitOfWork.call(actor, null, session -> {
            BatchState seen = Checks.peek(session, batchId, expected);
            requireEditable(batchId, seen.status());
            Rider rider = seen.riderId() == null ? null : riderLocks.lock(session, seen.riderId());
            DeliveryBatch batch = Checks.lockBatch(session, batchId, seen);
            if (rider != null) {
                Load current = UnitOfWork.jdbc(session, c -> RiderQueries.load(c, rider.getId()));
                rider.limits().require(rider.getName(), current.grownBy(1, order.weightKg()));
            }
            Instant now = clock.instant();
            UUID orderId = UUID.randomUUID();
            session.persist(new CustomerOrder(orderId, batch.getOutletId(), order.customerName(),
                    order.deliveryAddress(), order.weightKg(), now).at(order.lat(), order.lon())
                    .phone(order.customerPhone()));
            int next = BatchQueries.nextSequence(session, batchId);
            session.persist(new BatchOrder(UUID.randomUUID(), batchId, orderId, next));
            return BatchQueries.readBack(session, batchId);
        });
    }

    /** Takes an order out of a CREATED or ASSIGNED batch; a batch keeps at least one order. */
    public BatchRow removeOrder(UUID batchId, UUID orderId, String actor) {
        return removeOrder(batchId, orderId, Expected.ANY, actor);
    }

    /** The order leaves with its line (the database deletes both and records what was removed). */
    public BatchRow removeOrder(UUID batchId, UUID orderId, Expected expected, String actor) {
        Checks.requireId(batchId, "batch");
        Checks.requireId(orderId, "order");
        Checks.requireActor(actor);
        return unitOfWork.call(actor, null, session -> {
            BatchState seen = Checks.peek(session, batchId, expected);
            requireEditable(batchId, seen.status());
            if (seen.riderId() != null) {
                riderLocks.lock(session, seen.riderId());
            }
            DeliveryBatch batch = Checks.lockBatch(session, batchId, seen);
            BatchOrder line = findLine(session, batchId, orderId);
            if (batch.getOrderCount() <= 1) {
                throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "Batch " + ShortId.of(batchId)
                        + " would be empty; cancel it instead of removing its last order.");
            }
            session.remove(line);
            return BatchQueries.readBack(session, batchId);
        });
    }

    /**
     * Records DELIVERED or FAILED for one order of a batch that is out for delivery; returns the batch as its unit
     * of work left it (callers that do not show it may ignore it).
     */
    public BatchRow recordOutcome(UUID batchId, UUID orderId, OrderOutcome outcome, String reason, String actor) {
        return record(batchId, orderId, Expected.ANY, outcome, reason, null, actor);
    }

    /**
     * Records an outcome with its proof of delivery: the document is validated first (each refusal names the
     * field) and nothing is written unless it is valid; a photo it names as {@code photo:<uuid>} must be stored
     * already ({@link PhotoService#store}). FAILED needs a reason. An order that already has an
     * outcome gets a new version; the database keeps every earlier one as evidence.
     */
    public BatchRow recordOutcome(UUID batchId, UUID orderId, OrderOutcome outcome, String reason,
                                  String proofOfDelivery, String actor) {
        return recordOutcome(batchId, orderId, Expected.ANY, outcome, reason, proofOfDelivery, actor);
    }

    /**
     * As above with a document already validated ({@link PodValidator#validate} or {@link PodDocument#builder()}),
     * so it is not parsed again; null records no document.
     */
    public BatchRow recordOutcome(UUID batchId, UUID orderId, OrderOutcome outcome, String reason,
                                  PodDocument proofOfDelivery, String actor) {
        return record(batchId, orderId, Expected.ANY, outcome, reason, proofOfDelivery, actor);
    }

    /**
     * As above, only if the order's outcome is still the version the caller saw (0 for none yet): a second
     * recording made without seeing the first is refused with ALREADY_CHANGED.
     */
    public BatchRow recordOutcome(UUID batchId, UUID orderId, Expected outcomeSeen, OrderOutcome outcome,
                                  String reason, String proofOfDelivery, String actor) {
        // Validated (and read) once, before anything else is looked at.
        PodDocument document = proofOfDelivery == null ? null : PodValidator.validate(proofOfDelivery);
        return record(batchId, orderId, outcomeSeen, outcome, reason, document, actor);
    }

    /** The one that writes: a validated document, or null for none. */
    private BatchRow record(UUID batchId, UUID orderId, Expected outcomeSeen, OrderOutcome outcome, String reason,
                            PodDocument proofOfDelivery, String actor) {
        if (proofOfDelivery != null && !proofOfDelivery.readable()) {
            // A document read from storage that did not parse: it cannot be recorded again as proof.
            throw new DispatchException(ErrorCode.INVALID_POD, proofOfDelivery.problem() + " Nothing was saved.");
        }
        String document = proofOfDelivery == null ? null : proofOfDelivery.toJson();
        Checks.requireId(batchId, "batch");
        Checks.requireId(orderId, "order");
        Checks.requireActor(actor);
        if (outcome == null || outcome == OrderOutcome.PENDING) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "An outcome is DELIVERED or FAILED.");
        }
        if (outcome == OrderOutcome.FAILED) {
            Checks.requireReason(reason, "record a failed delivery");
        }
        return unitOfWork.call(actor, reason, session -> {
            requireStoredPhotos(session, proofOfDelivery);
            BatchState seen = Checks.peek(session, batchId);
            if (!seen.status().takesOutcomes()) {
                throw new DispatchException(ErrorCode.INVALID_BATCH_STATUS, "Batch " + ShortId.of(batchId) + " is "
                        + seen.status().label() + "; outcomes are recorded only while it is "
                        + BatchStatus.OUT_FOR_DELIVERY.label() + ".");
            }
            riderLocks.lock(session, seen.riderId());
            Checks.lockBatch(session, batchId, seen);
            BatchOrder line = findLine(session, batchId, orderId);
            int current = UnitOfWork.jdbc(session, c -> PodQueries.outcomeVersion(c, line.getId()));
            if (!outcomeSeen.matches(current)) {
                List<HistoryEntry> history = UnitOfWork.jdbc(session, c -> HistoryQueries.history(c, batchId));
                throw StaleAction.refusal("The outcome of order " + ShortId.of(orderId), history);
            }
            line.recordOutcome(outcome, reason == null || reason.isBlank() ? null : reason.strip(), document,
                    clock.instant());
            return BatchQueries.readBack(session, batchId);
        });
    }

    /**
     * Every {@code photo:<uuid>} the document names must be a photo stored here (uploaded first): a PoD that points
     * at nothing is no proof. Refused as INVALID_POD naming the first such photo field; nothing is written.
     */
    private static void requireStoredPhotos(Session session, PodDocument proofOfDelivery) {
        if (proofOfDelivery == null) {
            return;
        }
        Map<UUID, Integer> named = new LinkedHashMap<>();
        List<PodDocument.Photo> photos = proofOfDelivery.photos();
        for (int i = 0; i < photos.size(); i++) {
            int index = i;
            PhotoReference.parse(photos.get(i).url()).ifPresent(id -> named.putIfAbsent(id, index));
        }
        if (named.isEmpty()) {
            return;
        }
        Set<UUID> missing = UnitOfWork.jdbc(session, c -> PhotoQueries.missing(c, named.keySet()));
        if (!missing.isEmpty()) {
            UUID first = missing.iterator().next();
            throw new DispatchException(ErrorCode.INVALID_POD, PodFields.PHOTOS + "[" + named.get(first) + "]."
                    + PodFields.PHOTO_URL + " names photo " + ShortId.of(first) + ", which is not stored in this "
                    + "database; upload the photo first. Nothing was saved.");
        }
    }

    private static BatchOrder findLine(Session session, UUID batchId, UUID orderId) {
        BatchOrder line = BatchQueries.line(session, batchId, orderId);
        if (line == null) {
            throw new DispatchException(ErrorCode.ORDER_NOT_FOUND,
                    "Order " + ShortId.of(orderId) + " is not in batch " + ShortId.of(batchId) + ".");
        }
        return line;
    }

    private static void requireEditable(UUID batchId, BatchStatus status) {
        if (!status.isOpen()) {
            throw new DispatchException(ErrorCode.INVALID_BATCH_STATUS, "Batch " + ShortId.of(batchId) + " is "
                    + status.label() + "; orders can change only before pick-up.");
        }
    }

    private static void validateOrders(List<NewOrder> orders) {
        if (orders == null || orders.isEmpty()) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "A batch needs at least one order.");
        }
        for (NewOrder order : orders) {
            if (order == null) {
                throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "An order is missing.");
            }
            if (order.customerName() == null || order.customerName().isBlank()
                    || order.deliveryAddress() == null || order.deliveryAddress().isBlank()) {
                throw new DispatchException(ErrorCode.INVALID_ARGUMENT,
                        "Every order needs a customer name and a delivery address.");
            }
            if ((order.lat() == null) != (order.lon() == null)
                    || (order.lat() != null && (Math.abs(order.lat()) > 90 || Math.abs(order.lon()) > 180))) {
                throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "The address position of the order for "
                        + order.customerName() + " needs both lat in [-90, 90] and lon in [-180, 180], or neither.");
            }
            Kilograms.require(order.weightKg(), "The weight of the order for " + order.customerName(), false);
        }
    }
}

package com.dispatchconsole.service;

import com.dispatchconsole.domain.BatchOrder;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.BatchStatusHistory;
import com.dispatchconsole.domain.CustomerOrder;
import com.dispatchconsole.domain.DeliveryBatch;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.Load;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.Outlet;
import com.dispatchconsole.domain.Rider;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.NewOrder;
import com.dispatchconsole.persistence.BatchState;
import com.dispatchconsole.persistence.ReadQueries;
import com.dispatchconsole.persistence.RiderLocks;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        UUID id = createBatches(outletId, List.of(orders), actor).get(0);
        return unitOfWork.read(c -> ReadQueries.batches(c, List.of(id))).get(0);
    }

    /** Creates several CREATED batches at one outlet in one transaction; returns their ids in order. */
    public List<UUID> createBatches(UUID outletId, List<List<NewOrder>> batches, String actor) {
        Checks.requireId(outletId, "outlet");
        Checks.requireActor(actor);
        batches.forEach(BatchService::validateOrders);
        return unitOfWork.call(session -> {
            if (session.find(Outlet.class, outletId) == null) {
                throw new DispatchException(ErrorCode.OUTLET_NOT_FOUND,
                        "Outlet " + ShortId.of(outletId) + " does not exist.");
            }
            Instant now = clock.instant();
            List<UUID> ids = new ArrayList<>();
            for (List<NewOrder> orders : batches) {
                ids.add(insertBatch(session, outletId, orders, actor, now));
            }
            return ids;
        });
    }

    private static UUID insertBatch(Session session, UUID outletId, List<NewOrder> orders, String actor, Instant now) {
        UUID batchId = UUID.randomUUID();
        BigDecimal weight = orders.stream().map(NewOrder::weightKg).reduce(BigDecimal.ZERO, BigDecimal::add);
        session.persist(new DeliveryBatch(batchId, outletId, orders.size(), weight, now));
        session.flush();
        int sequence = 1;
        for (NewOrder order : orders) {
            UUID orderId = UUID.randomUUID();
            session.persist(new CustomerOrder(orderId, outletId, order.customerName(), order.deliveryAddress(),
                    order.weightKg(), now).at(order.lat(), order.lon()));
            session.persist(new BatchOrder(UUID.randomUUID(), batchId, orderId, sequence++));
        }
        session.persist(new BatchStatusHistory(batchId, null, BatchStatus.CREATED, null, actor, now));
        return batchId;
    }

    /** Adds an order to a CREATED or ASSIGNED batch; an assigned rider must still have room for it. */
    public BatchRow addOrder(UUID batchId, NewOrder order, String actor) {
        Checks.requireId(batchId, "batch");
        Checks.requireActor(actor);
        validateOrders(List.of(order));
        return unitOfWork.call(session -> {
            BatchState seen = Checks.peek(session, batchId);
            requireEditable(batchId, seen.status());
            Rider rider = seen.riderId() == null ? null : riderLocks.lock(session, seen.riderId());
            DeliveryBatch batch = Checks.lockBatch(session, batchId, seen);
            if (rider != null) {
                Load current = UnitOfWork.jdbc(session, c -> ReadQueries.load(c, rider.getId()));
                rider.limits().require(rider.getName(), current.grownBy(1, order.weightKg()));
            }
            Instant now = clock.instant();
            UUID orderId = UUID.randomUUID();
            session.persist(new CustomerOrder(orderId, batch.getOutletId(), order.customerName(),
                    order.deliveryAddress(), order.weightKg(), now));
            int next = session.createSelectionQuery(
                            "select coalesce(max(o.sequence), 0) + 1 from BatchOrder o where o.batchId = :b", Integer.class)
                    .setParameter("b", batchId).getSingleResult();
            session.persist(new BatchOrder(UUID.randomUUID(), batchId, orderId, next));
            batch.changeContents(batch.getOrderCount() + 1, batch.getTotalWeightKg().add(order.weightKg()), now);
            return AssignmentService.snapshot(session, batchId);
        });
    }

    /** Takes an order out of a CREATED or ASSIGNED batch; a batch keeps at least one order. */
    public BatchRow removeOrder(UUID batchId, UUID orderId, String actor) {
        Checks.requireId(batchId, "batch");
        Checks.requireId(orderId, "order");
        Checks.requireActor(actor);
        return unitOfWork.call(session -> {
            BatchState seen = Checks.peek(session, batchId);
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
            CustomerOrder order = session.find(CustomerOrder.class, orderId);
            session.remove(line);
            batch.changeContents(batch.getOrderCount() - 1, batch.getTotalWeightKg().subtract(order.getWeightKg()),
                    clock.instant());
            return AssignmentService.snapshot(session, batchId);
        });
    }

    /** Records DELIVERED or FAILED for one order of a batch that is out for delivery. */
    public void recordOutcome(UUID batchId, UUID orderId, OrderOutcome outcome, String reason, String actor) {
        recordOutcome(batchId, orderId, outcome, reason, null, actor);
    }

    /**
     * Records an outcome with its proof of delivery: the document is validated first (each refusal names the
     * field) and nothing is written unless it is valid. DELIVERED needs a document; FAILED needs a reason.
     */
    public void recordOutcome(UUID batchId, UUID orderId, OrderOutcome outcome, String reason, String proofOfDelivery,
                              String actor) {
        String document = proofOfDelivery == null ? null
                : com.dispatchconsole.domain.pod.PodValidator.validate(proofOfDelivery).toString();
        recordValidated(batchId, orderId, outcome, reason, document, actor);
    }

    private void recordValidated(UUID batchId, UUID orderId, OrderOutcome outcome, String reason, String document,
                                 String actor) {
        Checks.requireId(batchId, "batch");
        Checks.requireId(orderId, "order");
        Checks.requireActor(actor);
        if (outcome == null || outcome == OrderOutcome.PENDING) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "An outcome is DELIVERED or FAILED.");
        }
        if (outcome == OrderOutcome.FAILED) {
            Checks.requireReason(reason, "record a failed delivery");
        }
        unitOfWork.call(session -> {
            BatchState seen = Checks.peek(session, batchId);
            if (seen.status() != BatchStatus.OUT_FOR_DELIVERY) {
                throw new DispatchException(ErrorCode.INVALID_BATCH_STATUS, "Batch " + ShortId.of(batchId) + " is "
                        + seen.status() + "; outcomes are recorded only while it is OUT_FOR_DELIVERY.");
            }
            riderLocks.lock(session, seen.riderId());
            Checks.lockBatch(session, batchId, seen);
            BatchOrder line = findLine(session, batchId, orderId);
            if (document == null) {
                line.recordOutcome(outcome, reason, clock.instant());
            } else {
                line.recordOutcome(outcome, reason, document, clock.instant());
            }
            return null;
        });
    }

    private static BatchOrder findLine(Session session, UUID batchId, UUID orderId) {
        BatchOrder line = session.createSelectionQuery(
                        "from BatchOrder o where o.batchId = :b and o.orderId = :o", BatchOrder.class)
                .setParameter("b", batchId).setParameter("o", orderId).getSingleResultOrNull();
        if (line == null) {
            throw new DispatchException(ErrorCode.ORDER_NOT_FOUND,
                    "Order " + ShortId.of(orderId) + " is not in batch " + ShortId.of(batchId) + ".");
        }
        return line;
    }

    private static void requireEditable(UUID batchId, BatchStatus status) {
        if (status != BatchStatus.CREATED && status != BatchStatus.ASSIGNED) {
            throw new DispatchException(ErrorCode.INVALID_BATCH_STATUS, "Batch " + ShortId.of(batchId) + " is "
                    + status + "; orders can change only before pick-up.");
        }
    }

    private static void validateOrders(List<NewOrder> orders) {
        if (orders == null || orders.isEmpty()) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "A batch needs at least one order.");
        }
        for (NewOrder order : orders) {
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
            if (order.weightKg() == null || order.weightKg().signum() < 0) {
                throw new DispatchException(ErrorCode.INVALID_ARGUMENT,
                        "Order for " + order.customerName() + " has no valid weight (kg, zero or more).");
            }
        }
    }
}

package com.dispatchconsole.gateway.http;

import com.dispatchconsole.domain.rows.BatchOrderRow;
import com.dispatchconsole.domain.rows.BatchRow;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The JSON shapes the API answers with; field names are the API's contract (docs/api.md, openapi.json). */
final class Views {

    private Views() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Batch(UUID batchId, UUID outletId, String outletName, String status, UUID riderId, String riderName,
                 int orderCount, BigDecimal totalWeightKg, Instant createdAt, Instant statusChangedAt,
                 Instant updatedAt, long version, List<Order> orders) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Order(UUID orderId, int sequence, String customerName, String deliveryAddress, BigDecimal weightKg,
                 String outcome, String outcomeReason, Instant completedAt, boolean hasProofOfDelivery,
                 int outcomeVersion, String customerPhone) {
    }

    /** What a customer's tracking page sees: the design's {status, timestamp}, and the batch it is about. */
    record Tracking(UUID batchId, String status, Instant timestamp) {
    }

    record BatchList(List<Batch> batches, int count, boolean more) {
    }

    record Accepted(int accepted, Instant latestFixAt) {
    }

    record Rider(UUID riderId, String name, String availability, long version) {
    }

    record Outlet(UUID outletId, String name, String address) {
    }

    record OutletList(List<Outlet> outlets) {
    }

    record Limits(int maxOrders, BigDecimal maxWeightKg, int maxActiveBatches) {
    }

    record Load(int orders, BigDecimal weightKg, int activeBatches) {
    }

    /** What the rider can still take: orders, kilograms and batches below their limits. */
    record Room(int orders, BigDecimal weightKg, int batches) {
    }

    record Position(double lat, double lon, Float accuracyM, Instant fixAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FleetRider(UUID riderId, String name, String vehicleType, String availability, UUID homeOutletId,
                      Limits limits, Load load, Room room, Position position, long version) {
    }

    record RiderList(List<FleetRider> riders) {
    }

    record Photo(UUID photoId, String contentType, long size, String reference) {
    }

    record Health(String status, String database) {
    }

    static Batch batch(BatchRow row, List<BatchOrderRow> orders) {
        return new Batch(row.id(), row.outletId(), row.outletName(), row.status().name(), row.riderId(),
                row.riderName(), row.orderCount(), row.totalWeightKg(), row.createdAt(), row.statusChangedAt(),
                row.updatedAt(), row.version(), orders == null ? null : orders.stream().map(Views::order).toList());
    }

    static Order order(BatchOrderRow o) {
        return new Order(o.orderId(), o.sequence(), o.customerName(), o.deliveryAddress(), o.weightKg(),
                o.outcome().name(), o.outcomeReason(), o.completedAt(), o.hasProofOfDelivery(), o.outcomeVersion(),
                o.customerPhone());
    }

    static Tracking tracking(BatchRow row) {
        return new Tracking(row.id(), row.status().name(), row.statusChangedAt());
    }
}

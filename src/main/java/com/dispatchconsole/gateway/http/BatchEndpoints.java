package com.dispatchconsole.gateway.http;

import com.dispatchconsole.domain.ApiAccess;
import com.dispatchconsole.domain.ApiAccess.Action;
import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.Expected;
import com.dispatchconsole.domain.OrderOutcome;
import com.dispatchconsole.domain.pod.PodDocument;
import com.dispatchconsole.domain.pod.PodFields;
import com.dispatchconsole.domain.pod.PodValidator;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.NewOrder;
import com.dispatchconsole.service.DispatchServices;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Batches: outlet systems create, list, dispatch and cancel them; rider apps move their own along the state map
 * and record each order's outcome. Each handler checks the token's kind and subject first (for a clear 403), then
 * calls one service use case as the token; the database checks the subject again under its locks.
 */
final class BatchEndpoints {

    static final int MAX_ORDERS = 100;
    static final int MAX_LIST = 500;
    static final int MAX_REASON = 500;

    private BatchEndpoints() {
    }

    static void register(RoutesConfig routes) {
        routes.post("/api/batches", BatchEndpoints::create);
        routes.get("/api/batches", BatchEndpoints::list);
        routes.get("/api/batches/{batchId}", BatchEndpoints::read);
        routes.get("/api/batches/{batchId}/tracking", BatchEndpoints::tracking);
        routes.post("/api/batches/{batchId}/assign", ctx -> giveTo(ctx, false));
        routes.post("/api/batches/{batchId}/reassign", ctx -> giveTo(ctx, true));
        routes.post("/api/batches/{batchId}/unassign", ctx -> move(ctx, Action.DISPATCH, BatchStatus.CREATED));
        routes.post("/api/batches/{batchId}/cancel", ctx -> move(ctx, Action.CANCEL, BatchStatus.CANCELLED));
        routes.post("/api/batches/{batchId}/pickup", ctx -> move(ctx, Action.DELIVER, BatchStatus.PICKED));
        routes.post("/api/batches/{batchId}/out-for-delivery",
                ctx -> move(ctx, Action.DELIVER, BatchStatus.OUT_FOR_DELIVERY));
        routes.post("/api/batches/{batchId}/complete", ctx -> move(ctx, Action.DELIVER, BatchStatus.COMPLETED));
        routes.post("/api/batches/{batchId}/fail", ctx -> move(ctx, Action.DELIVER, BatchStatus.FAILED));
        routes.post("/api/batches/{batchId}/orders/{orderId}/outcome", BatchEndpoints::outcome);
    }

    private static void create(Context ctx) {
        Caller caller = Requests.caller(ctx);
        ApiAccess.require(caller.scope(), Action.CREATE_BATCH);
        JsonBody body = Requests.body(ctx).allowOnly("outletId", "orders");
        UUID outlet = Requests.outlet(caller, body.optionalUuid("outletId"));
        List<NewOrder> orders = new ArrayList<>();
        for (JsonBody o : body.objects("orders", MAX_ORDERS)) {
            o.allowOnly("customerName", "deliveryAddress", "weightKg", "lat", "lon", "customerPhone");
            orders.add(new NewOrder(o.text("customerName", 200), o.text("deliveryAddress", 500),
                    weight(o), o.optionalDouble("lat"), o.optionalDouble("lon"), o.optionalText("customerPhone", 40)));
        }
        BatchRow created = caller.services().batches().createBatch(outlet, orders, caller.actor());
        ctx.header("Location", "/api/batches/" + created.id());
        answerBatch(ctx, 201, caller.services(), created);
    }

    private static BigDecimal weight(JsonBody order) {
        BigDecimal kg = order.decimal("weightKg");
        if (kg.signum() < 0 || kg.compareTo(BigDecimal.valueOf(1000)) > 0 || kg.scale() > 2) {
            // toString, not toPlainString: 1e-2000000000 is 13 characters in a body and two billion written out.
            throw ApiFailure.badField(order.field("weightKg"), "Weights are kilograms from 0 to 1000 with at most "
                    + "two decimals; got " + kg + ".");
        }
        return kg;
    }

    private static void list(Context ctx) {
        Caller caller = Requests.caller(ctx);
        ApiAccess.require(caller.scope(), Action.LIST_BATCHES);
        UUID outlet = Requests.queryOutlet(ctx, caller);
        Set<BatchStatus> statuses = statuses(ctx.queryParam("status"));
        int limit = limit(ctx.queryParam("limit"));
        List<BatchRow> rows = caller.services().queries().outletBatches(outlet, statuses, limit + 1);
        boolean more = rows.size() > limit;
        List<Views.Batch> batches = rows.stream().limit(limit).map(r -> Views.batch(r, null)).toList();
        Json.answer(ctx, 200, new Views.BatchList(batches, batches.size(), more));
    }

    static Set<BatchStatus> statuses(String param) {
        if (param == null || param.isBlank()) {
            return EnumSet.allOf(BatchStatus.class);
        }
        Set<BatchStatus> statuses = EnumSet.noneOf(BatchStatus.class);
        for (String s : param.split(",")) {
            try {
                statuses.add(BatchStatus.valueOf(s.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiFailure.badField("status", "Unknown status '" + (s.length() > 30 ? s.substring(0, 30) : s)
                        + "'; statuses are " + EnumSet.allOf(BatchStatus.class) + ".");
            }
        }
        return statuses;
    }

    private static int limit(String param) {
        if (param == null || param.isBlank()) {
            return 100;
        }
        try {
            int limit = Integer.parseInt(param.strip());
            if (limit >= 1 && limit <= MAX_LIST) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiFailure.badField("limit", "limit is a whole number from 1 to " + MAX_LIST + ".");
    }

    private static void read(Context ctx) {
        Caller caller = Requests.caller(ctx);
        BatchRow row = visibleBatch(caller, Requests.pathId(ctx, "batchId"));
        if (caller.scope().kind() == ApiTokenScope.Kind.TRACKING) {
            // A customer's page sees its delivery's progress, never the other customers of the batch.
            ctx.header("ETag", Requests.etag(row.version()));
            Json.answer(ctx, 200, Views.tracking(row));
            return;
        }
        answerBatch(ctx, 200, caller.services(), row);
    }

    private static void tracking(Context ctx) {
        Caller caller = Requests.caller(ctx);
        BatchRow row = visibleBatch(caller, Requests.pathId(ctx, "batchId"));
        Json.answer(ctx, 200, Views.tracking(row));
    }

    /**
     * Assign (a CREATED batch; the reason is optional) or reassign (an ASSIGNED one, to another rider; the reason
     * is required): one request shape, one service call each.
     */
    private static void giveTo(Context ctx, boolean reassign) {
        Caller caller = Requests.caller(ctx);
        ApiAccess.require(caller.scope(), Action.DISPATCH);
        UUID batchId = Requests.pathId(ctx, "batchId");
        JsonBody body = Requests.body(ctx).allowOnly("riderId", "reason", "expectedVersion");
        UUID riderId = body.uuid("riderId");
        String reason = reassign ? body.text("reason", MAX_REASON) : body.optionalText("reason", MAX_REASON);
        Expected expected = Requests.expected(ctx, body);
        requireSubject(caller, batchId);
        var assignments = caller.services().assignments();
        BatchRow row = reassign ? assignments.reassign(batchId, riderId, expected, caller.actor(), reason)
                : assignments.assign(batchId, riderId, expected, caller.actor(), reason);
        answerBatch(ctx, 200, caller.services(), row);
    }

    /** Every other move on the state map: the service names what is missing (a reason, outcomes). */
    private static void move(Context ctx, Action action, BatchStatus target) {
        Caller caller = Requests.caller(ctx);
        ApiAccess.require(caller.scope(), action);
        UUID batchId = Requests.pathId(ctx, "batchId");
        JsonBody body = Requests.body(ctx).allowOnly("reason", "expectedVersion");
        String reason = body.optionalText("reason", MAX_REASON);
        Expected expected = Requests.expected(ctx, body);
        requireSubject(caller, batchId);
        BatchRow row = caller.services().assignments().transition(batchId, target, expected, caller.actor(), reason);
        answerBatch(ctx, 200, caller.services(), row);
    }

    private static void outcome(Context ctx) {
        Caller caller = Requests.caller(ctx);
        ApiAccess.require(caller.scope(), Action.DELIVER);
        UUID batchId = Requests.pathId(ctx, "batchId");
        UUID orderId = Requests.pathId(ctx, "orderId");
        JsonBody body = Requests.body(ctx).allowOnly("outcome", "reason", "pod", "expectedOutcomeVersion");
        OrderOutcome outcome = outcomeOf(body.text("outcome", 20));
        String reason = body.optionalText("reason", MAX_REASON);
        String pod = body.optionalObjectJson("pod");
        Long seen = body.optionalLong("expectedOutcomeVersion");
        requireSubject(caller, batchId);
        if (pod != null) {
            requireTimesNotAhead(PodValidator.validate(pod));
        }
        BatchRow row = caller.services().batches().recordOutcome(batchId, orderId,
                seen == null ? Expected.ANY : Expected.version(seen), outcome, reason, pod, caller.actor());
        answerBatch(ctx, 200, caller.services(), row);
    }

    /**
     * The times the rider's device wrote into the PoD (arrived, delivered, captured, each photo taken) are the
     * device's clock, held to the same rule as a position's fix: refused as INVALID_POD naming the field when beyond
     * the skew in the future. The service validates the document again and stores it as sent.
     */
    private static void requireTimesNotAhead(PodDocument pod) {
        Instant now = Instant.now();
        Map<String, OffsetDateTime> times = new LinkedHashMap<>();
        times.put(PodFields.ARRIVED_AT, pod.arrivedAt());
        times.put(PodFields.DELIVERED_AT, pod.deliveredAt());
        times.put(PodFields.CAPTURED_AT, pod.capturedAt());
        for (int i = 0; i < pod.photos().size(); i++) {
            times.put(PodFields.PHOTOS + "[" + i + "]." + PodFields.PHOTO_TAKEN_AT, pod.photos().get(i).takenAt());
        }
        times.forEach((field, at) -> DeviceClock.requireNotAhead(at == null ? null : at.toInstant(), now,
                ErrorCode.INVALID_POD, "pod." + field));
    }

    private static OrderOutcome outcomeOf(String value) {
        if ("DELIVERED".equalsIgnoreCase(value)) {
            return OrderOutcome.DELIVERED;
        }
        if ("FAILED".equalsIgnoreCase(value)) {
            return OrderOutcome.FAILED;
        }
        throw ApiFailure.badField("outcome", "outcome is DELIVERED or FAILED.");
    }

    /** The batch, if it exists and the token may see it (404 before 403: ids are random, not secret counters). */
    private static BatchRow visibleBatch(Caller caller, UUID batchId) {
        BatchRow row = caller.services().queries().batch(batchId);
        ApiAccess.requireBatch(caller.scope(), row.id(), row.outletId(), row.riderId());
        return row;
    }

    /**
     * A clear refusal before acting on a batch outside the token's subject. A system token may act on any; the
     * database re-checks every other kind under the row lock, so a batch that changes hands after this read is
     * still refused.
     */
    private static void requireSubject(Caller caller, UUID batchId) {
        if (caller.scope().kind() != ApiTokenScope.Kind.SYSTEM) {
            visibleBatch(caller, batchId);
        }
    }

    private static void answerBatch(Context ctx, int status, DispatchServices services, BatchRow row) {
        ctx.header("ETag", Requests.etag(row.version()));
        Json.answer(ctx, status, Views.batch(row, services.queries().orders(row.id())));
    }
}

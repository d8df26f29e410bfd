package com.dispatchconsole.gateway.http;

import com.dispatchconsole.domain.ApiAccess;
import com.dispatchconsole.domain.ApiAccess.Action;
import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.Expected;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.RiderRow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A rider app's own things: its batches, its position, its breaks. {@code me} stands for the token's rider; a
 * system token names the rider instead. And the control room's say over a rider: off duty and on duty, for system
 * tokens alone (a workforce or dispatch system).
 */
final class RiderEndpoints {

    static final int MAX_FIXES = 50;

    /**
     * The availability changes the API offers, each with who may make it: a rider's app goes on break and back;
     * the control room takes riders off duty and puts them on duty.
     */
    private enum Change {
        BREAK(Action.RIDER_SELF, Availability.ON_BREAK),
        BACK(Action.RIDER_SELF, Availability.AVAILABLE),
        OFF_DUTY(Action.DUTY, Availability.OFF_DUTY),
        ON_DUTY(Action.DUTY, Availability.AVAILABLE);

        private final Action action;
        private final Availability target;

        Change(Action action, Availability target) {
            this.action = action;
            this.target = target;
        }
    }

    private RiderEndpoints() {
    }

    static void register(RoutesConfig routes) {
        routes.get("/api/riders/{riderId}/batches", RiderEndpoints::batches);
        routes.post("/api/riders/{riderId}/location", RiderEndpoints::location);
        routes.post("/api/riders/{riderId}/break", ctx -> availability(ctx, Change.BREAK));
        routes.post("/api/riders/{riderId}/back", ctx -> availability(ctx, Change.BACK));
        routes.post("/api/riders/{riderId}/off-duty", ctx -> availability(ctx, Change.OFF_DUTY));
        routes.post("/api/riders/{riderId}/on-duty", ctx -> availability(ctx, Change.ON_DUTY));
    }

    /** The rider the path names, once the token's kind may do {@code action}; {@code me} only for a rider token. */
    private static UUID rider(Context ctx, Caller caller, Action action) {
        ApiAccess.require(caller.scope(), action);
        String value = ctx.pathParam("riderId");
        return ApiAccess.rider(caller.scope(), "me".equals(value) ? null : Fields.uuid(value, "riderId"));
    }

    private static void batches(Context ctx) {
        Caller caller = Requests.caller(ctx);
        UUID riderId = rider(ctx, caller, Action.RIDER_SELF);
        String status = ctx.queryParam("status");
        Set<BatchStatus> statuses = status == null ? BatchStatus.ACTIVE : BatchEndpoints.statuses(status);
        List<BatchRow> rows = caller.services().queries().riderBatches(riderId, statuses);
        List<Views.Batch> batches = rows.stream().limit(BatchEndpoints.MAX_LIST)
                .map(r -> Views.batch(r, caller.services().queries().orders(r.id()))).toList();
        Json.answer(ctx, 200, new Views.BatchList(batches, batches.size(), rows.size() > batches.size()));
    }

    /**
     * One fix ({@code lat, lon, accuracyM, fixAt}) or a small batch ({@code fixes: [...]}), e.g. sent after a
     * tunnel. Every fix is checked; the newest is kept (the table holds each rider's latest position).
     */
    private static void location(Context ctx) {
        Caller caller = Requests.caller(ctx);
        UUID riderId = rider(ctx, caller, Action.RIDER_SELF);
        JsonBody body = Requests.body(ctx).allowOnly("lat", "lon", "accuracyM", "fixAt", "fixes");
        List<JsonBody> fixes = body.optionalObjects("fixes", MAX_FIXES);
        if (fixes != null && (body.has("lat") || body.has("lon"))) {
            throw ApiFailure.badField("fixes", "Send one fix (lat, lon) or a list of fixes, not both.");
        }
        if (fixes != null) {
            fixes.forEach(f -> f.allowOnly("lat", "lon", "accuracyM", "fixAt"));
        }
        List<Fix> read = (fixes == null ? List.of(body) : fixes).stream().map(RiderEndpoints::fix).toList();
        if (read.isEmpty()) {
            throw ApiFailure.badField("fixes", "'fixes' needs at least one fix.");
        }
        Fix newest = read.stream().max(Comparator.comparing(Fix::at)).orElseThrow();
        caller.services().fleet().reportPosition(riderId, newest.lat(), newest.lon(), newest.accuracy(), newest.at());
        Json.answer(ctx, 202, new Views.Accepted(read.size(), newest.at()));
    }

    private record Fix(double lat, double lon, Float accuracy, Instant at) {
    }

    private static Fix fix(JsonBody fix) {
        double lat = fix.number("lat");
        double lon = fix.number("lon");
        if (lat < -90 || lat > 90) {
            throw ApiFailure.badField("lat", "lat is from -90 to 90; got " + lat + ".");
        }
        if (lon < -180 || lon > 180) {
            throw ApiFailure.badField("lon", "lon is from -180 to 180; got " + lon + ".");
        }
        Double accuracy = fix.optionalDouble("accuracyM");
        if (accuracy != null && (accuracy < 0 || accuracy > 100_000)) {
            throw ApiFailure.badField("accuracyM", "accuracyM is metres from 0 to 100000.");
        }
        Instant at = fix.optionalInstant("fixAt");
        Instant now = Instant.now();
        DeviceClock.requireNotAhead(at, now, ErrorCode.INVALID_ARGUMENT, "fixAt");
        return new Fix(lat, lon, accuracy == null ? null : accuracy.floatValue(), at == null ? now : at);
    }

    /**
     * A break and the way back from it, and off duty and on duty. Going off duty and coming on duty are the control
     * room's to say (a system token): an off-duty rider's app cannot put the rider back to work. The change is made
     * only on the version read here (or the {@code expectedVersion} sent), so a rider the control room takes off duty
     * meanwhile is refused too (ALREADY_CHANGED). Off duty, like a break, is refused while the rider carries batches.
     */
    private static void availability(Context ctx, Change change) {
        Caller caller = Requests.caller(ctx);
        UUID riderId = rider(ctx, caller, change.action);
        JsonBody body = Requests.body(ctx).allowOnly("expectedVersion");
        Long version = body.optionalLong("expectedVersion");
        RiderRow current = caller.services().queries().riders(List.of(riderId)).stream().findFirst()
                .orElseThrow(() -> new DispatchException(ErrorCode.RIDER_NOT_FOUND, "Rider " + ShortId.of(riderId)
                        + " does not exist."));
        if (change.action == Action.RIDER_SELF && current.availability() == Availability.OFF_DUTY) {
            throw new DispatchException(ErrorCode.RIDER_UNAVAILABLE, current.name() + " is off duty; the control "
                    + "room puts riders on duty (on-duty, with a system token). Nothing was changed.");
        }
        RiderRow row = caller.services().fleet().setAvailability(riderId, change.target,
                Expected.version(version == null ? current.version() : version), caller.actor());
        Json.answer(ctx, 200, new Views.Rider(row.id(), row.name(), row.availability().name(), row.version()));
    }
}

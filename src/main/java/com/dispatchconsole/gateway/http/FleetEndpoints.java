package com.dispatchconsole.gateway.http;

import com.dispatchconsole.domain.ApiAccess;
import com.dispatchconsole.domain.ApiAccess.Action;
import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.rows.RiderRow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What an outlet system or a dispatching system needs to pick a rider: the outlets (a system's all, an outlet's
 * own) and the riders of an outlet with their limits, load and last position. Phones stay in the control room.
 */
final class FleetEndpoints {

    private FleetEndpoints() {
    }

    static void register(RoutesConfig routes) {
        routes.get("/api/outlets", FleetEndpoints::outlets);
        routes.get("/api/riders", FleetEndpoints::riders);
    }

    private static void outlets(Context ctx) {
        Caller caller = Requests.caller(ctx);
        ApiAccess.require(caller.scope(), Action.LIST_FLEET);
        List<Views.Outlet> outlets = caller.services().queries().outlets().stream()
                .filter(o -> caller.scope().kind() == ApiTokenScope.Kind.SYSTEM
                        || o.id().equals(caller.scope().subjectId()))
                .map(o -> new Views.Outlet(o.id(), o.name(), o.address())).toList();
        Json.answer(ctx, 200, new Views.OutletList(outlets));
    }

    private static void riders(Context ctx) {
        Caller caller = Requests.caller(ctx);
        ApiAccess.require(caller.scope(), Action.LIST_FLEET);
        UUID outlet = Requests.queryOutlet(ctx, caller);
        Availability availability = availability(ctx.queryParam("availability"));
        boolean withRoom = flag(ctx.queryParam("hasRoom"), "hasRoom");
        List<Views.FleetRider> riders = caller.services().queries().riders().stream()
                .filter(r -> outlet.equals(r.homeOutletId()))
                .filter(r -> availability == null || r.availability() == availability)
                .filter(r -> !withRoom || takesAnotherBatch(r))
                .map(FleetEndpoints::view).toList();
        Json.answer(ctx, 200, new Views.RiderList(riders));
    }

    /** Available, with a batch slot free and an order and some weight to spare: worth offering a batch to. */
    private static boolean takesAnotherBatch(RiderRow r) {
        return r.availability() == Availability.AVAILABLE
                && r.load().activeBatches() < r.limits().maxActiveBatches()
                && r.load().orders() < r.limits().maxCapacity()
                && r.load().weightKg().compareTo(r.limits().maxWeightKg()) < 0;
    }

    private static boolean flag(String param, String field) {
        if (param == null || param.isBlank() || param.equalsIgnoreCase("false")) {
            return false;
        }
        if (param.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiFailure.badField(field, field + " is true or false.");
    }

    private static Availability availability(String param) {
        if (param == null || param.isBlank()) {
            return null;
        }
        try {
            return Availability.valueOf(param.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiFailure.badField("availability", "availability is AVAILABLE, ON_BREAK or OFF_DUTY.");
        }
    }

    private static Views.FleetRider view(RiderRow r) {
        return new Views.FleetRider(r.id(), r.name(), r.vehicleType().name(), r.availability().name(),
                r.homeOutletId(), new Views.Limits(r.limits().maxCapacity(), r.limits().maxWeightKg(),
                        r.limits().maxActiveBatches()),
                new Views.Load(r.load().orders(), r.load().weightKg(), r.load().activeBatches()),
                new Views.Room(Math.max(0, r.limits().maxCapacity() - r.load().orders()),
                        r.limits().maxWeightKg().subtract(r.load().weightKg()).max(java.math.BigDecimal.ZERO),
                        Math.max(0, r.limits().maxActiveBatches() - r.load().activeBatches())),
                r.position() == null ? null : new Views.Position(r.position().lat(), r.position().lon(),
                        r.position().accuracyMetres(), r.position().fixAt()),
                r.version());
    }
}

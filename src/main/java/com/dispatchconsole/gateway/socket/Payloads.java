package com.dispatchconsole.gateway.socket;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.realtime.ChangeEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The events the rooms emit and what each carries, in one place. Ids are UUID strings, times ISO-8601 instants
 * ("2025-05-01T10:42:07.123456Z"); a value the database does not have is null, never left out.
 */
final class Payloads {

    /** To {@code outlet:<outletId>}: a batch of the outlet changed. */
    static final String DELIVERY_BATCH_UPDATED = "delivery_batch_updated";
    /** To {@code rider:<riderId>}, and to the previous rider's room when a batch leaves a rider. */
    static final String MY_BATCH_UPDATED = "my_batch_updated";
    /** To {@code batch:<batchId>}: what a tracking page shows. */
    static final String TRACKING_UPDATED = "tracking_updated";
    /** To {@code outlet:<home outlet>}: a rider of the outlet reported a position. */
    static final String RIDER_LOCATION_UPDATED = "rider_location_updated";
    /** To a client that may have missed events: read the state again. */
    static final String RESYNC = "resync";
    /** From a system client: follow a room. */
    static final String SUBSCRIBE = "subscribe";

    private Payloads() {
    }

    /** {batchId, status, outletId, riderId, updatedAt} from a notification. */
    static Map<String, Object> batch(ChangeEvent event) {
        return batch(event.id(), event.status(), event.outletId(), event.riderId(), event.updatedAt());
    }

    /** The same payload from a row read for a client that just connected or subscribed. */
    static Map<String, Object> batch(BatchRow row) {
        return batch(row.id(), row.status().name(), row.outletId(), row.riderId(), row.updatedAt());
    }

    private static Map<String, Object> batch(UUID id, String status, UUID outletId, UUID riderId, Instant updatedAt) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("batchId", text(id));
        payload.put("status", status);
        payload.put("outletId", text(outletId));
        payload.put("riderId", text(riderId));
        payload.put("updatedAt", text(updatedAt));
        return payload;
    }

    /** {status, timestamp}: a tracking page learns nothing of riders or outlets. */
    static Map<String, Object> tracking(String status, Instant timestamp) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("status", status);
        payload.put("timestamp", text(timestamp));
        return payload;
    }

    /** {riderId, lat, lon, accuracyM, fixAt, outletId} from a position notification. */
    static Map<String, Object> location(ChangeEvent event) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("riderId", text(event.id()));
        payload.put("lat", event.lat());
        payload.put("lon", event.lon());
        payload.put("accuracyM", event.accuracyM());
        payload.put("fixAt", text(event.fixAt()));
        payload.put("outletId", text(event.outletId()));
        return payload;
    }

    /** {at}: when the gateway asked. */
    static Map<String, Object> resync(Instant at) {
        return Map.of("at", text(at));
    }

    static Map<String, Object> ok() {
        return Map.of("ok", true);
    }

    /** {ok: false, code, message}: a refused subscribe. */
    static Map<String, Object> refused(ErrorCode code, String sentence) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("ok", false);
        payload.put("code", code.name());
        payload.put("message", sentence);
        return payload;
    }

    static Map<String, Object> refused(DispatchException e) {
        return refused(e.code(), sentence(e));
    }

    /**
     * A service's sentence as a client may read it: the database's outages without the database's address (the
     * services name it for the console's operators; a client has no business knowing it).
     */
    static String sentence(DispatchException e) {
        return switch (e.code()) {
            case DATABASE_UNAVAILABLE -> "The gateway cannot reach its database right now; try again in a moment.";
            case DATABASE_TIMEOUT -> "The gateway's database did not answer in time; try again in a moment.";
            default -> e.sentence();
        };
    }

    /**
     * A refused connection as Socket.IO 4 clients read it: {@code err.message} is "CODE: sentence" and
     * {@code err.data} is {code, message}.
     */
    static Map<String, Object> connectError(ErrorCode code, String sentence) {
        return Map.of("message", code + ": " + sentence, "data", Map.of("code", code.name(), "message", sentence));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}

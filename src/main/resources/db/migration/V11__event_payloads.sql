-- Event payloads for the gateway (issue 11): its Socket.IO rooms fan each notification out to riders, outlets and
-- tracking pages without a database round trip per event, so the payload now carries what those events show.
-- A batch notification gains "at" (the row's updated_at); a position notification gains "lat", "lon", "acc"
-- (accuracy in metres, null when unknown) and "fix" (the device's fix time). Every key sent before is kept, so a
-- console reading the old keys is unaffected. Still far under PostgreSQL's 8000-byte limit (about 350 bytes).
--
-- CREATE OR REPLACE resets a function's settings: the pinned search path of V8 is declared again here.

CREATE OR REPLACE FUNCTION notify_batch_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    PERFORM pg_notify('dispatch_changes', json_build_object(
        'e', 'batch', 'id', NEW.id, 'op', left(TG_OP, 1), 'outlet', NEW.outlet_id, 'rider', NEW.rider_id,
        'oldRider', CASE WHEN TG_OP = 'UPDATE' AND OLD.rider_id IS DISTINCT FROM NEW.rider_id THEN OLD.rider_id END,
        'status', NEW.status, 'v', NEW.version, 'at', NEW.updated_at)::text);
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION notify_location_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    PERFORM pg_notify('dispatch_changes', json_build_object(
        'e', 'location', 'id', NEW.rider_id, 'op', left(TG_OP, 1),
        'outlet', (SELECT home_outlet_id FROM delivery_riders WHERE id = NEW.rider_id),
        'lat', NEW.lat, 'lon', NEW.lon, 'acc', NEW.accuracy_m, 'fix', NEW.fix_at)::text);
    RETURN NULL;
END;
$$;

-- Real-time: every committed change to riders, batches, batch orders and rider positions sends a small JSON
-- notification on channel 'dispatch_changes'. Payloads carry ids and a row version only, never whole rows
-- (PostgreSQL caps a payload at 8000 bytes; these stay under 300). Notifications are delivered at commit, in
-- commit order, and identical ones within a transaction are merged by PostgreSQL.

CREATE TABLE rider_locations (
    rider_id   uuid PRIMARY KEY REFERENCES delivery_riders (id),
    lat        double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon        double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    accuracy_m real CHECK (accuracy_m >= 0),
    fix_at     timestamptz      NOT NULL,
    received_at timestamptz     NOT NULL DEFAULT now()
);

CREATE FUNCTION notify_batch_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('dispatch_changes', json_build_object(
        'e', 'batch', 'id', NEW.id, 'op', left(TG_OP, 1), 'outlet', NEW.outlet_id, 'rider', NEW.rider_id,
        'oldRider', CASE WHEN TG_OP = 'UPDATE' AND OLD.rider_id IS DISTINCT FROM NEW.rider_id THEN OLD.rider_id END,
        'status', NEW.status, 'v', NEW.version)::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER delivery_batches_notify
    AFTER INSERT OR UPDATE ON delivery_batches
    FOR EACH ROW EXECUTE FUNCTION notify_batch_change();

CREATE FUNCTION notify_rider_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('dispatch_changes', json_build_object(
        'e', 'rider', 'id', NEW.id, 'op', left(TG_OP, 1), 'outlet', NEW.home_outlet_id, 'v', NEW.version)::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER delivery_riders_notify
    AFTER INSERT OR UPDATE ON delivery_riders
    FOR EACH ROW EXECUTE FUNCTION notify_rider_change();

CREATE FUNCTION notify_batch_order_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    line delivery_batch_orders%ROWTYPE;
BEGIN
    line := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    PERFORM pg_notify('dispatch_changes', json_build_object(
        'e', 'order', 'id', line.id, 'op', left(TG_OP, 1), 'batch', line.batch_id,
        'outlet', (SELECT outlet_id FROM delivery_batches WHERE id = line.batch_id))::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER delivery_batch_orders_notify
    AFTER INSERT OR UPDATE OR DELETE ON delivery_batch_orders
    FOR EACH ROW EXECUTE FUNCTION notify_batch_order_change();

CREATE FUNCTION notify_location_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('dispatch_changes', json_build_object(
        'e', 'location', 'id', NEW.rider_id, 'op', left(TG_OP, 1),
        'outlet', (SELECT home_outlet_id FROM delivery_riders WHERE id = NEW.rider_id))::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER rider_locations_notify
    AFTER INSERT OR UPDATE ON rider_locations
    FOR EACH ROW EXECUTE FUNCTION notify_location_change();

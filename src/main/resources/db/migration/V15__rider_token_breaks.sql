-- A rider's own app goes on break and comes back; it never puts an off-duty rider on duty, nor takes one off
-- duty (the control room does both). V10 let a rider's token set any availability on its own row; the API
-- already refused it (RIDER_UNAVAILABLE), now the database does too, for plain SQL with that token as well.
CREATE OR REPLACE FUNCTION scope_rider() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    p record;
BEGIN
    IF gateway_session() THEN
        SELECT * INTO p FROM gateway_principal();
        IF p.kind IN ('TRACKING', 'OUTLET') THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'OUT_OF_SCOPE: ' || format('%s token cannot change '
                || 'riders.', CASE WHEN p.kind = 'OUTLET' THEN 'An outlet' ELSE 'A tracking' END);
        ELSIF p.kind = 'RIDER' AND (TG_OP <> 'UPDATE' OR OLD.id IS DISTINCT FROM p.subject_id
                                    OR NEW.id IS DISTINCT FROM p.subject_id) THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'OUT_OF_SCOPE: ' || format('Rider %s''s token changes '
                || 'only that rider.', left(p.subject_id::text, 8));
        ELSIF p.kind = 'RIDER' AND NEW.availability IS DISTINCT FROM OLD.availability
                AND (OLD.availability = 'OFF_DUTY' OR NEW.availability = 'OFF_DUTY') THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'RIDER_UNAVAILABLE: ' || format('Rider %s''s app goes '
                || 'on break and back only; the control room puts riders on and off duty.', left(p.subject_id::text, 8));
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

-- Photos through the gateway (issue 11): V12 lets dispatchers store PoD photos, and the gateway's role inherits
-- that grant. Hold gateway sessions to the API's rule here too: only a rider's token (the one at the door) or a
-- system's stores photos; an outlet's or a tracking page's token stores nothing. Named to fire before
-- pod_photos_guard, like V10's scope triggers before the V8 guards.
CREATE FUNCTION scope_photo() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    p record;
BEGIN
    IF gateway_session() THEN
        SELECT * INTO p FROM gateway_principal();
        IF p.kind NOT IN ('RIDER', 'SYSTEM') THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'OUT_OF_SCOPE: ' || format('%s token cannot store '
                || 'photos; a rider''s app or a system uploads them.',
                CASE WHEN p.kind = 'OUTLET' THEN 'An outlet' ELSE 'A tracking' END);
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER pod_photos_gateway_scope BEFORE INSERT OR UPDATE OR DELETE ON pod_photos
    FOR EACH ROW EXECUTE FUNCTION scope_photo();

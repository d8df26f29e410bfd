-- The gateway (issue 11): the HTTP and Socket.IO edge signs in with a login that is a member of
-- dispatch_gateway and acts for one API token per transaction. The database, not the gateway's Java code, decides
-- what each token may change, for every writer in that role, plain SQL included:
--
-- * A gateway session declares the token it acts for in each transaction:
--   set_config('dispatch.api_token', <lowercase hex of the token's SHA-256>, true). No declared token is
--   PERMISSION_DENIED; an unknown, revoked or malformed one is UNAUTHENTICATED (all alike).
-- * The scope triggers below fire BEFORE every write to batches, order lines, orders, riders and positions (their
--   names sort before the V8 guards', so a write outside the token's scope is refused as OUT_OF_SCOPE before a
--   guard can say anything about rows the token has no business with):
--     TRACKING  writes nothing;
--     RIDER     changes only batches that were and stay with its rider (no insert, no rider change), records
--               outcomes only on the lines of those batches (no lines added or removed, no orders), and changes
--               only its rider's own row (availability) and position;
--     OUTLET    creates and changes only its outlet's batches, orders and order lines; no riders, no positions;
--     SYSTEM    what a dispatcher may (the grants and V8 guards still apply to every token).
-- * The audit names the token, never a declared name: audit_operator() returns e.g.
--   "api rider 1a2b3c4d (token dct_AbCd1234)" for a gateway session, next to the real login in db_user.
--
-- Every other session (the consoles' operators, the owner, superusers) is unaffected: the scope triggers return at
-- once for them. Refusals follow V8's style: SQLSTATE 'DC000', MESSAGE 'CODE: sentence'.

DO
$$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dispatch_gateway') THEN
        CREATE ROLE dispatch_gateway NOLOGIN;
    END IF;
END;
$$;

-- Every V8 grant and guard applies to the gateway exactly as to a dispatcher (and positions as to the riders'
-- system); the scope triggers narrow that per token.
GRANT dispatch_dispatcher, dispatch_rider_system TO dispatch_gateway;

-- ---- who is a gateway session ------------------------------------------------------------------------------

-- Whether this session's login acts as the gateway: it has the gateway's privileges, by inheritance (USAGE) or
-- by SET ROLE (SET). Not 'MEMBER': a superuser is a member of every role, and an owner with CREATEROLE is
-- granted every role it creates WITH ADMIN OPTION (PostgreSQL 16+), which counts as membership without giving
-- the role's privileges. The owner (whom this function runs as: SECURITY DEFINER makes current_user the owner,
-- while session_user stays the login) and superusers are never the gateway; they can switch triggers off anyway.
-- session_user, not current_user: a gateway login that runs SET ROLE dispatch_dispatcher is still the gateway.
CREATE FUNCTION gateway_session() RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    IF session_user = current_user THEN
        RETURN false;
    END IF;
    IF NOT (pg_has_role(session_user, 'dispatch_gateway', 'USAGE')
            OR pg_has_role(session_user, 'dispatch_gateway', 'SET')) THEN
        RETURN false;
    END IF;
    RETURN NOT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false);
END;
$$;

-- ---- tokens ------------------------------------------------------------------------------------------------

-- The valid (unrevoked) token with this SHA-256, or no row: what a gateway authenticates a request with. Found by
-- the unique index on the hash alone; the hash itself is never returned. The gateway role never reads api_tokens.
CREATE FUNCTION api_token_principal(token_hash bytea)
    RETURNS TABLE (id uuid, kind text, subject_id uuid, system_name text, token_prefix text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
SELECT t.id, t.kind, t.subject_id, t.system_name, t.token_prefix
FROM api_tokens t
WHERE t.token_hash = api_token_principal.token_hash AND t.revoked_at IS NULL
$$;

REVOKE EXECUTE ON FUNCTION api_token_principal(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION api_token_principal(bytea) TO dispatch_gateway, dispatch_admin;

-- The token this transaction declared, or a refusal. Only for the trigger functions below.
CREATE FUNCTION gateway_principal(OUT id uuid, OUT kind text, OUT subject_id uuid, OUT system_name text,
                                  OUT token_prefix text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    declared text := nullif(btrim(current_setting('dispatch.api_token', true)), '');
BEGIN
    IF declared IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'PERMISSION_DENIED: The gateway''s login changes nothing '
            || 'without the API token it acts for (set dispatch.api_token for the transaction).';
    END IF;
    IF declared ~ '^[0-9a-f]{64}$' THEN
        SELECT p.id, p.kind, p.subject_id, p.system_name, p.token_prefix
        INTO id, kind, subject_id, system_name, token_prefix
        FROM api_token_principal(decode(declared, 'hex')) p;
        IF FOUND THEN
            RETURN;
        END IF;
    END IF;
    RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'UNAUTHENTICATED: The API token this change was made '
        || 'with is unknown or revoked.';
END;
$$;

REVOKE EXECUTE ON FUNCTION gateway_principal() FROM PUBLIC;

-- "api rider 1a2b3c4d (token dct_AbCd1234)", "api system billing (token dct_…)": how the audit names a token.
-- The same words as com.dispatchconsole.domain.ApiPrincipal.label() (a test compares them).
CREATE FUNCTION api_principal_label(kind text, subject_id uuid, system_name text, token_prefix text) RETURNS text
    LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, public, pg_temp AS
$$
SELECT 'api ' || CASE kind
                     WHEN 'SYSTEM' THEN 'system ' || system_name
                     WHEN 'TRACKING' THEN 'batch ' || left(subject_id::text, 8)
                     ELSE lower(kind) || ' ' || left(subject_id::text, 8)
                 END || ' (token ' || token_prefix || ')'
$$;

-- ---- the audit names the token -----------------------------------------------------------------------------

-- As in V8, plus: a gateway session is its token's principal, whatever dispatch.operator says; and nobody else may
-- declare a name that reads like a token's principal ("API rider …"), so history cannot be made to look as if a
-- token acted.
CREATE OR REPLACE FUNCTION audit_operator() RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    declared text := nullif(btrim(current_setting('dispatch.operator', true)), '');
    p record;
BEGIN
    IF gateway_session() THEN
        SELECT * INTO p FROM gateway_principal();
        RETURN api_principal_label(p.kind, p.subject_id, p.system_name, p.token_prefix);
    END IF;
    IF declared IS NULL THEN
        RETURN session_user;
    END IF;
    IF length(declared) > 100 THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: ' || 'The operator name is longer than 100 characters.';
    END IF;
    IF operator_skeleton(declared) ~ '^api(rider|outlet|batch|system)' THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'PERMISSION_DENIED: ' || format('The operator name %L reads '
            || 'like an API token''s; only the gateway acts under those.', declared);
    END IF;
    IF operator_skeleton(declared) <> operator_skeleton(session_user)
            AND EXISTS (SELECT 1 FROM pg_roles WHERE operator_skeleton(rolname) = operator_skeleton(declared)) THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'PERMISSION_DENIED: ' || format('The operator name %L is another database login; '
            || 'sign in as that login to act under its name.', declared);
    END IF;
    RETURN declared;
END;
$$;

-- ---- scope triggers ----------------------------------------------------------------------------------------
-- Each returns the row untouched for a session that is not the gateway and for a SYSTEM token, and refuses
-- (OUT_OF_SCOPE) a write the token does not speak for. A refusal names the token's subject, never the token.

CREATE FUNCTION scope_batch() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    p record;
BEGIN
    IF gateway_session() THEN
        SELECT * INTO p FROM gateway_principal();
        IF p.kind = 'TRACKING' THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'OUT_OF_SCOPE: A tracking token follows its batch; '
                || 'it changes nothing.';
        ELSIF p.kind = 'RIDER' THEN
            IF TG_OP <> 'UPDATE' THEN
                RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'OUT_OF_SCOPE: A rider''s token cannot create or '
                    || 'delete batches.';
            END IF;
            IF OLD.rider_id IS DISTINCT FROM p.subject_id THEN
                RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'OUT_OF_SCOPE: ' || format('Batch %s is not with '
                    || 'rider %s; a rider''s token changes only that rider''s batches.', left(OLD.id::text, 8),
                    left(p.subject_id::text, 8));
            END IF;
            IF NEW.rider_id IS DISTINCT FROM p.subject_id THEN
                RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'OUT_OF_SCOPE: ' || format('A rider''s token cannot '
                    || 'hand batch %s to another rider or give it back; dispatch does that.', left(OLD.id::text, 8));
            END IF;
        ELSIF p.kind = 'OUTLET' THEN
            IF (TG_OP <> 'INSERT' AND OLD.outlet_id IS DISTINCT FROM p.subject_id)
                    OR (TG_OP <> 'DELETE' AND NEW.outlet_id IS DISTINCT FROM p.subject_id) THEN
                RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'OUT_OF_SCOPE: ' || format('Batch %s belongs to '
                    || 'another outlet; outlet %s''s token changes only its own batches.',
                    left(CASE WHEN TG_OP = 'INSERT' THEN NEW.id ELSE OLD.id END::text, 8), left(p.subject_id::text, 8));
            END IF;
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

-- Order lines: a rider's token records outcomes on its own batches only (the batch's rider cannot change while
-- outcomes are taken, so reading it unlocked here is enough: V8 locks the batch before any outcome is stored).
CREATE FUNCTION scope_batch_order() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    p record;
    batch record;
    line_batch uuid;
BEGIN
    IF gateway_session() THEN
        SELECT * INTO p FROM gateway_principal();
        IF p.kind = 'TRACKING' THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'OUT_OF_SCOPE: A tracking token follows its batch; '
                || 'it changes nothing.';
        ELSIF p.kind = 'RIDER' AND TG_OP <> 'UPDATE' THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'OUT_OF_SCOPE: A rider''s token cannot add or remove '
                || 'orders.';
        ELSIF p.kind IN ('RIDER', 'OUTLET') THEN
            -- The batch the line is in, before and after (a line never moves; V8 refuses that anyway).
            FOREACH line_batch IN ARRAY ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN OLD.batch_id END,
                                              CASE WHEN TG_OP <> 'DELETE' THEN NEW.batch_id END] LOOP
                CONTINUE WHEN line_batch IS NULL;
                SELECT b.id, b.rider_id, b.outlet_id INTO batch FROM delivery_batches b WHERE b.id = line_batch;
                IF p.kind = 'RIDER' AND batch.rider_id IS DISTINCT FROM p.subject_id THEN
                    RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'OUT_OF_SCOPE: ' || format('Batch %s is not '
                        || 'with rider %s; a rider''s token changes only that rider''s batches.',
                        left(line_batch::text, 8), left(p.subject_id::text, 8));
                END IF;
                IF p.kind = 'OUTLET' AND batch.outlet_id IS DISTINCT FROM p.subject_id THEN
                    RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'OUT_OF_SCOPE: ' || format('Batch %s belongs '
                        || 'to another outlet; outlet %s''s token changes only its own batches.',
                        left(line_batch::text, 8), left(p.subject_id::text, 8));
                END IF;
            END LOOP;
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

CREATE FUNCTION scope_order() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    p record;
BEGIN
    IF gateway_session() THEN
        SELECT * INTO p FROM gateway_principal();
        IF p.kind IN ('TRACKING', 'RIDER') THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'OUT_OF_SCOPE: ' || format('A %s token cannot create '
                || 'or change orders.', lower(p.kind));
        ELSIF p.kind = 'OUTLET' AND ((TG_OP <> 'INSERT' AND OLD.outlet_id IS DISTINCT FROM p.subject_id)
                                     OR (TG_OP <> 'DELETE' AND NEW.outlet_id IS DISTINCT FROM p.subject_id)) THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'OUT_OF_SCOPE: ' || format('Order %s belongs to another '
                || 'outlet; outlet %s''s token changes only its own orders.',
                left(CASE WHEN TG_OP = 'INSERT' THEN NEW.id ELSE OLD.id END::text, 8), left(p.subject_id::text, 8));
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

-- Riders' rows (availability is all a dispatcher may change there): a rider's own, or a system's.
CREATE FUNCTION scope_rider() RETURNS trigger
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
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

-- Positions: a rider's own, or a system's.
CREATE FUNCTION scope_location() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    p record;
BEGIN
    IF gateway_session() THEN
        SELECT * INTO p FROM gateway_principal();
        IF p.kind IN ('TRACKING', 'OUTLET') THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'OUT_OF_SCOPE: ' || format('%s token cannot report '
                || 'positions.', CASE WHEN p.kind = 'OUTLET' THEN 'An outlet' ELSE 'A tracking' END);
        ELSIF p.kind = 'RIDER' AND ((TG_OP <> 'INSERT' AND OLD.rider_id IS DISTINCT FROM p.subject_id)
                                    OR (TG_OP <> 'DELETE' AND NEW.rider_id IS DISTINCT FROM p.subject_id)) THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'OUT_OF_SCOPE: ' || format('Rider %s''s token reports '
                || 'only that rider''s own position.', left(p.subject_id::text, 8));
        END IF;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;

-- Named "<table>_gateway_scope": PostgreSQL fires a table's BEFORE triggers in name order, so each fires before
-- that table's V8 guard ("…_guard", "…_stamp") and a token out of scope learns nothing from a guard.
CREATE TRIGGER delivery_batches_gateway_scope BEFORE INSERT OR UPDATE OR DELETE ON delivery_batches
    FOR EACH ROW EXECUTE FUNCTION scope_batch();
CREATE TRIGGER delivery_batch_orders_gateway_scope BEFORE INSERT OR UPDATE OR DELETE ON delivery_batch_orders
    FOR EACH ROW EXECUTE FUNCTION scope_batch_order();
CREATE TRIGGER orders_gateway_scope BEFORE INSERT OR UPDATE OR DELETE ON orders
    FOR EACH ROW EXECUTE FUNCTION scope_order();
CREATE TRIGGER delivery_riders_gateway_scope BEFORE INSERT OR UPDATE OR DELETE ON delivery_riders
    FOR EACH ROW EXECUTE FUNCTION scope_rider();
CREATE TRIGGER rider_locations_gateway_scope BEFORE INSERT OR UPDATE OR DELETE ON rider_locations
    FOR EACH ROW EXECUTE FUNCTION scope_location();

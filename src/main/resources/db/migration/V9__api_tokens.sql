-- API tokens (issue 11): what riders' devices, outlet systems, tracking pages and other systems will present to
-- the gateway. Only a SHA-256 of each token is stored; the token itself is shown once, when issued, and never
-- kept. Admins issue and revoke; the database checks the subject and the revocation for every writer, in the
-- style of V8 (SQLSTATE 'DC000', MESSAGE 'CODE: sentence').

CREATE TABLE api_tokens (
    id           uuid PRIMARY KEY,
    kind         text        NOT NULL CHECK (kind IN ('RIDER', 'OUTLET', 'TRACKING', 'SYSTEM')),
    -- The rider, outlet or batch the token speaks for; a SYSTEM token names a system instead.
    subject_id   uuid,
    system_name  text,
    token_hash   bytea       NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    token_prefix text        NOT NULL CHECK (length(token_prefix) BETWEEN 1 AND 16),
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   text        NOT NULL DEFAULT session_user,
    revoked_at   timestamptz,
    revoked_by   text,
    CONSTRAINT api_tokens_subject CHECK ((kind = 'SYSTEM') = (subject_id IS NULL)),
    CONSTRAINT api_tokens_system_name CHECK ((kind = 'SYSTEM') = (system_name IS NOT NULL)
        AND (system_name IS NULL OR (btrim(system_name) <> '' AND length(system_name) <= 100))),
    CONSTRAINT api_tokens_revocation CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);

-- A token is issued for a subject that exists, stamped with the server's clock and the real login; afterwards it
-- may only be revoked, once: revoked_at and revoked_by are set by the database and never cleared.
CREATE FUNCTION guard_api_token() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.kind = 'SYSTEM' THEN
            IF NEW.subject_id IS NOT NULL THEN
                RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: '
                    || 'A SYSTEM token names a system, not a rider, outlet or batch.';
            END IF;
            IF NEW.system_name IS NULL OR btrim(NEW.system_name) = '' OR length(NEW.system_name) > 100 THEN
                RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: '
                    || 'A SYSTEM token needs a system name of 1 to 100 characters.';
            END IF;
        ELSE
            IF NEW.system_name IS NOT NULL THEN
                RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: '
                    || format('A token of kind %s names its subject, not a system name.', NEW.kind);
            END IF;
            IF NEW.kind = 'RIDER' AND NOT EXISTS (SELECT 1 FROM delivery_riders WHERE id = NEW.subject_id) THEN
                RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'RIDER_NOT_FOUND: '
                    || format('Rider %s does not exist.', coalesce(left(NEW.subject_id::text, 8), '(none)'));
            ELSIF NEW.kind = 'OUTLET' AND NOT EXISTS (SELECT 1 FROM outlets WHERE id = NEW.subject_id) THEN
                RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'OUTLET_NOT_FOUND: '
                    || format('Outlet %s does not exist.', coalesce(left(NEW.subject_id::text, 8), '(none)'));
            ELSIF NEW.kind = 'TRACKING' AND NOT EXISTS (SELECT 1 FROM delivery_batches WHERE id = NEW.subject_id) THEN
                RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'BATCH_NOT_FOUND: '
                    || format('Batch %s does not exist.', coalesce(left(NEW.subject_id::text, 8), '(none)'));
            END IF;
        END IF;
        NEW.created_at := now();
        NEW.created_by := session_user;
        NEW.revoked_at := NULL;
        NEW.revoked_by := NULL;
        RETURN NEW;
    END IF;

    -- UPDATE: the only change a token ever sees is its revocation.
    IF OLD.revoked_at IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'ALREADY_CHANGED: '
            || format('Token %s was already revoked by %s at %s; a revocation is never undone or repeated.',
                      left(OLD.id::text, 8), OLD.revoked_by, OLD.revoked_at);
    END IF;
    IF NEW.revoked_at IS NULL
            OR (NEW.id, NEW.kind, NEW.subject_id, NEW.system_name, NEW.token_hash, NEW.token_prefix,
                NEW.created_at, NEW.created_by)
               IS DISTINCT FROM
               (OLD.id, OLD.kind, OLD.subject_id, OLD.system_name, OLD.token_hash, OLD.token_prefix,
                OLD.created_at, OLD.created_by) THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: '
            || 'A token can only be revoked; issue a new token instead of changing one.';
    END IF;
    NEW.revoked_at := now();
    NEW.revoked_by := session_user;
    RETURN NEW;
END;
$$;

CREATE TRIGGER api_tokens_guard BEFORE INSERT OR UPDATE ON api_tokens
    FOR EACH ROW EXECUTE FUNCTION guard_api_token();

-- Least privilege: admins issue, list and revoke; nobody else sees the table (a later gateway gets its own
-- grant). Only the owner deletes.
REVOKE ALL ON api_tokens FROM PUBLIC, dispatch_dispatcher, dispatch_supervisor, dispatch_admin, dispatch_rider_system;
GRANT SELECT, INSERT ON api_tokens TO dispatch_admin;
GRANT UPDATE (revoked_at, revoked_by) ON api_tokens TO dispatch_admin;

-- The database guards the rules itself, for every writer: the Java services check first (for clear messages),
-- these triggers are the last line for anyone with plain SQL. Every refusal raises SQLSTATE 'DC000' with a
-- message "CODE: sentence", where CODE is one of the product's error codes (com.dispatchconsole.domain.ErrorCode),
-- so a refusal from here reads exactly like one from the services. docs/architecture.md explains the split.
--
-- The audit is written here too, never by clients: trigger functions run as the schema owner (SECURITY DEFINER)
-- and are the only writers of the history tables. Each history row carries the session's database login
-- (session_user, which SECURITY DEFINER does not change), the server's clock (now()) and the operator name the
-- session declared with set_config('dispatch.operator', …, true).
--
-- Every function that reads a table pins its search_path with pg_temp LAST: otherwise a session's temporary
-- table named like one of ours (any login may create temporary tables) would be searched first and could feed
-- the guards a fake state map, fake riders or a fake history.

-- ---- shared helpers ----------------------------------------------------------------------------------------

-- Refusals are raised where they are found (RAISE … USING ERRCODE = 'DC000', MESSAGE = 'CODE: sentence'), not
-- through a helper, so psql shows one line of context under the error instead of a stack of them.

-- A name reduced to what a reader sees in it: case, accents and width folded, spaces and punctuation (including
-- look-alike spaces) dropped, so "Demo_Supervisor\u00a0" and "demo supervisor" compare equal.
CREATE FUNCTION operator_skeleton(name text) RETURNS text
    LANGUAGE sql IMMUTABLE AS
$$
SELECT regexp_replace(lower(normalize(name, NFKC)), '[^a-z0-9]', '', 'g')
$$;

-- The operator name a session declared, or its login. A declared name may not be (or look like) another login's
-- name: the display name is free text, but it cannot make history look as if another account acted.
CREATE FUNCTION audit_operator() RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    declared text := nullif(btrim(current_setting('dispatch.operator', true)), '');
BEGIN
    IF declared IS NULL THEN
        RETURN session_user;
    END IF;
    IF length(declared) > 100 THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: ' || 'The operator name is longer than 100 characters.';
    END IF;
    IF operator_skeleton(declared) <> operator_skeleton(session_user)
            AND EXISTS (SELECT 1 FROM pg_roles WHERE operator_skeleton(rolname) = operator_skeleton(declared)) THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'PERMISSION_DENIED: ' || format('The operator name %L is another database login; '
            || 'sign in as that login to act under its name.', declared);
    END IF;
    RETURN declared;
END;
$$;

CREATE FUNCTION audit_reason() RETURNS text
    LANGUAGE sql STABLE AS
$$
SELECT nullif(btrim(current_setting('dispatch.reason', true)), '')
$$;

-- The state map, as data: the Java BatchTransitions class and this table must agree (a test compares them).
CREATE TABLE batch_transitions (
    from_status text NOT NULL,
    to_status   text NOT NULL,
    PRIMARY KEY (from_status, to_status)
);
INSERT INTO batch_transitions VALUES
    ('CREATED', 'ASSIGNED'), ('CREATED', 'CANCELLED'),
    ('ASSIGNED', 'PICKED'), ('ASSIGNED', 'CREATED'), ('ASSIGNED', 'CANCELLED'),
    ('PICKED', 'OUT_FOR_DELIVERY'), ('PICKED', 'FAILED'),
    ('OUT_FOR_DELIVERY', 'COMPLETED'), ('OUT_FOR_DELIVERY', 'FAILED');
CREATE TRIGGER batch_transitions_fixed BEFORE INSERT OR UPDATE OR DELETE ON batch_transitions
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER batch_transitions_no_truncate BEFORE TRUNCATE ON batch_transitions
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

CREATE FUNCTION dispatch_is_active(status text) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS
$$
SELECT status IN ('ASSIGNED', 'PICKED', 'OUT_FOR_DELIVERY')
$$;

-- ---- proof of delivery is evidence -------------------------------------------------------------------------

-- What the database itself requires of a PoD document; the Java validator checks every field first and names it.
CREATE FUNCTION pod_document_ok(doc jsonb) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE AS
$$
DECLARE
    coords jsonb;
BEGIN
    IF doc IS NULL THEN
        RETURN true;
    END IF;
    IF jsonb_typeof(doc) <> 'object' OR octet_length(doc::text) > 65536 THEN
        RETURN false;
    END IF;
    coords := doc -> 'coordinates';
    IF coords IS NULL OR jsonb_typeof(coords) = 'null' THEN
        RETURN true;
    END IF;
    RETURN jsonb_typeof(coords) = 'object'
        AND jsonb_typeof(coords -> 'lat') = 'number' AND jsonb_typeof(coords -> 'lon') = 'number'
        AND (coords ->> 'lat')::numeric BETWEEN -90 AND 90
        AND (coords ->> 'lon')::numeric BETWEEN -180 AND 180;
END;
$$;

-- NOT VALID: documents already stored stay readable (the console shows a bad one as unreadable); every new or
-- changed document is checked.
ALTER TABLE delivery_batch_orders ADD CONSTRAINT delivery_batch_orders_pod_document
    CHECK (pod_document_ok(proof_of_delivery)) NOT VALID;

-- Every outcome recorded for an order line, in order; the line itself shows the latest one.
ALTER TABLE delivery_batch_orders ADD COLUMN outcome_version integer NOT NULL DEFAULT 0;

CREATE TABLE pod_versions (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    batch_order_id    uuid        NOT NULL REFERENCES delivery_batch_orders (id),
    version           integer     NOT NULL CHECK (version >= 1),
    outcome           text        NOT NULL CHECK (outcome IN ('DELIVERED', 'FAILED')),
    reason            text,
    proof_of_delivery jsonb,
    actor             text        NOT NULL,
    db_user           text        NOT NULL,
    recorded_at       timestamptz NOT NULL,
    UNIQUE (batch_order_id, version)
);

-- Outcomes recorded before this migration become version 1, recorded by an unknown login.
INSERT INTO pod_versions (batch_order_id, version, outcome, reason, proof_of_delivery, actor, db_user, recorded_at)
SELECT id, 1, outcome, outcome_reason, proof_of_delivery, 'before-audit', 'unknown', coalesce(completed_at, now())
FROM delivery_batch_orders WHERE outcome <> 'PENDING';
UPDATE delivery_batch_orders SET outcome_version = 1 WHERE outcome <> 'PENDING';

-- A verdict names the version it judged.
ALTER TABLE pod_reviews ADD COLUMN pod_version integer;
UPDATE pod_reviews r SET pod_version = 1;
ALTER TABLE pod_reviews ALTER COLUMN pod_version SET NOT NULL;

-- ---- new audit tables --------------------------------------------------------------------------------------

CREATE TABLE rider_history (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rider_id   uuid        NOT NULL REFERENCES delivery_riders (id),
    change     text        NOT NULL CHECK (change IN ('CREATED', 'AVAILABILITY', 'LIMITS', 'DETAILS')),
    old_value  jsonb,
    new_value  jsonb       NOT NULL,
    reason     text,
    actor      text        NOT NULL,
    db_user    text        NOT NULL,
    changed_at timestamptz NOT NULL
);
CREATE INDEX rider_history_rider_idx ON rider_history (rider_id, id);

-- Orders put into or taken out of a batch. A removed order's line and order row are gone, so the row keeps
-- what it was (customer, address, weight).
CREATE TABLE batch_order_history (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    batch_id       uuid          NOT NULL REFERENCES delivery_batches (id),
    batch_order_id uuid          NOT NULL,
    order_id       uuid          NOT NULL,
    change         text          NOT NULL CHECK (change IN ('ADDED', 'REMOVED')),
    sequence       integer       NOT NULL,
    customer_name  text          NOT NULL,
    weight_kg      numeric(8, 2) NOT NULL,
    actor          text          NOT NULL,
    db_user        text          NOT NULL,
    changed_at     timestamptz   NOT NULL
);
CREATE INDEX batch_order_history_batch_idx ON batch_order_history (batch_id, id);

DO
$$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['pod_versions', 'rider_history', 'batch_order_history'] LOOP
        EXECUTE format('CREATE TRIGGER %1$s_append_only BEFORE UPDATE OR DELETE ON %1$s '
                       'FOR EACH ROW EXECUTE FUNCTION refuse_audit_change()', t);
        EXECUTE format('CREATE TRIGGER %1$s_no_truncate BEFORE TRUNCATE ON %1$s '
                       'FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()', t);
    END LOOP;
END;
$$;

-- History rows written before: the database, not the client, decides when and by whom from now on.
DROP TRIGGER batch_status_history_db_user ON batch_status_history;
DROP TRIGGER rider_assignment_history_db_user ON rider_assignment_history;
DROP TRIGGER pod_reviews_reviewer ON pod_reviews;
DROP FUNCTION stamp_database_user();

-- Every audit insert gets the login and the server's clock, whoever inserts (even the owner cannot back-date).
CREATE FUNCTION stamp_audit_row() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_TABLE_NAME = 'pod_reviews' THEN
        NEW.reviewer := session_user;
        NEW.reviewed_at := now();
    ELSIF TG_TABLE_NAME = 'pod_versions' THEN
        NEW.db_user := session_user;
        NEW.recorded_at := now();
    ELSE
        NEW.db_user := session_user;
        NEW.changed_at := now();
    END IF;
    RETURN NEW;
END;
$$;

DO
$$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['batch_status_history', 'rider_assignment_history', 'pod_reviews', 'pod_versions',
                             'rider_history', 'batch_order_history'] LOOP
        EXECUTE format('CREATE TRIGGER %1$s_stamp BEFORE INSERT ON %1$s '
                       'FOR EACH ROW EXECUTE FUNCTION stamp_audit_row()', t);
    END LOOP;
END;
$$;

-- ---- riders ------------------------------------------------------------------------------------------------

-- A rider's current load, summed over their active batches other than one; call it holding the rider's lock.
CREATE FUNCTION rider_load(rider uuid, except_batch uuid, OUT batches bigint, OUT orders bigint,
                           OUT weight numeric)
    LANGUAGE sql STABLE AS
$$
SELECT count(*), coalesce(sum(order_count), 0), coalesce(sum(total_weight_kg), 0)
FROM delivery_batches
WHERE rider_id = rider AND status IN ('ASSIGNED', 'PICKED', 'OUT_FOR_DELIVERY')
  AND id IS DISTINCT FROM except_batch
$$;

-- The capacity check is only correct at READ COMMITTED: there, each statement after the rider lock sees every
-- batch committed before the lock was granted. At REPEATABLE READ it would read the load as of before the wait.
CREATE FUNCTION require_read_committed() RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'UNSAFE_ISOLATION: ' || format('This transaction runs at %s; changes to riders'' '
            || 'loads are accepted only at read committed, where the capacity check is correct.',
            current_setting('transaction_isolation'));
    END IF;
END;
$$;

CREATE FUNCTION guard_rider() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    load record;
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.version := 0;
        NEW.created_at := now();
        NEW.updated_at := now();
        RETURN NEW;
    END IF;
    IF NEW.id <> OLD.id OR NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: ' || 'A rider''s id and creation time never change.';
    END IF;
    NEW.version := OLD.version + 1;
    NEW.updated_at := now();
    IF (NEW.max_capacity, NEW.max_weight_kg, NEW.max_active_batches)
            IS DISTINCT FROM (OLD.max_capacity, OLD.max_weight_kg, OLD.max_active_batches)
       OR (NEW.availability <> 'AVAILABLE' AND OLD.availability = 'AVAILABLE') THEN
        PERFORM require_read_committed();
        load := rider_load(NEW.id, NULL);
        IF NEW.availability <> 'AVAILABLE' AND OLD.availability = 'AVAILABLE' AND load.batches > 0 THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'RIDER_HAS_ACTIVE_BATCHES: ' || format('%s still carries %s active batch%s; '
                || 'finish or reassign them first.', NEW.name, load.batches, CASE WHEN load.batches = 1 THEN ''
                ELSE 'es' END);
        END IF;
        IF load.batches > NEW.max_active_batches THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'ACTIVE_BATCH_LIMIT: ' || format('The new limits are below what %s carries now: '
                || '%s active batches, limit %s.', NEW.name, load.batches, NEW.max_active_batches);
        END IF;
        IF load.orders > NEW.max_capacity THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'CAPACITY_EXCEEDED: ' || format('The new limits are below what %s carries now: '
                || '%s orders, limit %s.', NEW.name, load.orders, NEW.max_capacity);
        END IF;
        IF load.weight > NEW.max_weight_kg THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'WEIGHT_EXCEEDED: ' || format('The new limits are below what %s carries now: '
                || '%s kg, limit %s kg.', NEW.name, load.weight, NEW.max_weight_kg);
        END IF;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER delivery_riders_guard BEFORE INSERT OR UPDATE ON delivery_riders
    FOR EACH ROW EXECUTE FUNCTION guard_rider();

CREATE FUNCTION audit_rider() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    who text := audit_operator();
    why text := audit_reason();
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO rider_history (rider_id, change, new_value, reason, actor, db_user, changed_at)
        VALUES (NEW.id, 'CREATED', jsonb_build_object('name', NEW.name, 'vehicle', NEW.vehicle_type,
                'homeOutlet', NEW.home_outlet_id, 'availability', NEW.availability,
                'maxOrders', NEW.max_capacity, 'maxKg', NEW.max_weight_kg, 'maxBatches', NEW.max_active_batches),
                why, who, session_user, now());
        RETURN NULL;
    END IF;
    IF NEW.availability <> OLD.availability THEN
        INSERT INTO rider_history (rider_id, change, old_value, new_value, reason, actor, db_user, changed_at)
        VALUES (NEW.id, 'AVAILABILITY', to_jsonb(OLD.availability), to_jsonb(NEW.availability), why, who,
                session_user, now());
    END IF;
    IF (NEW.max_capacity, NEW.max_weight_kg, NEW.max_active_batches)
            IS DISTINCT FROM (OLD.max_capacity, OLD.max_weight_kg, OLD.max_active_batches) THEN
        INSERT INTO rider_history (rider_id, change, old_value, new_value, reason, actor, db_user, changed_at)
        VALUES (NEW.id, 'LIMITS',
                jsonb_build_object('maxOrders', OLD.max_capacity, 'maxKg', OLD.max_weight_kg,
                                   'maxBatches', OLD.max_active_batches),
                jsonb_build_object('maxOrders', NEW.max_capacity, 'maxKg', NEW.max_weight_kg,
                                   'maxBatches', NEW.max_active_batches), why, who, session_user, now());
    END IF;
    IF (NEW.name, NEW.phone, NEW.vehicle_type, NEW.home_outlet_id)
            IS DISTINCT FROM (OLD.name, OLD.phone, OLD.vehicle_type, OLD.home_outlet_id) THEN
        INSERT INTO rider_history (rider_id, change, old_value, new_value, reason, actor, db_user, changed_at)
        VALUES (NEW.id, 'DETAILS',
                jsonb_build_object('name', OLD.name, 'phone', OLD.phone, 'vehicle', OLD.vehicle_type,
                                   'homeOutlet', OLD.home_outlet_id),
                jsonb_build_object('name', NEW.name, 'phone', NEW.phone, 'vehicle', NEW.vehicle_type,
                                   'homeOutlet', NEW.home_outlet_id), why, who, session_user, now());
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER delivery_riders_audit AFTER INSERT OR UPDATE ON delivery_riders
    FOR EACH ROW EXECUTE FUNCTION audit_rider();

-- ---- batches -----------------------------------------------------------------------------------------------

-- Whether a rider may take on more: available, and the batch's orders, weight and one more active batch (unless
-- the batch is already one of theirs) fit their limits. Locks the rider's row first; the services already hold it.
CREATE FUNCTION require_rider_room(rider uuid, batch uuid, batch_orders integer, batch_weight numeric,
                                   newly_active boolean)
    RETURNS void
    LANGUAGE plpgsql AS
$$
DECLARE
    r record;
    load record;
BEGIN
    PERFORM require_read_committed();
    SELECT name, availability, max_capacity, max_weight_kg, max_active_batches INTO r
    FROM delivery_riders WHERE id = rider FOR NO KEY UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'RIDER_NOT_FOUND: ' || format('Rider %s does not exist.', left(rider::text, 8));
    END IF;
    IF newly_active AND r.availability <> 'AVAILABLE' THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'RIDER_UNAVAILABLE: ' || format('%s is %s and cannot take batches.', r.name,
            lower(replace(r.availability, '_', ' ')));
    END IF;
    load := rider_load(rider, batch);
    IF load.batches + 1 > r.max_active_batches THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'ACTIVE_BATCH_LIMIT: ' || format('%s already carries %s of at most %s active batch%s.',
            r.name, load.batches, r.max_active_batches, CASE WHEN r.max_active_batches = 1 THEN '' ELSE 'es' END);
    END IF;
    IF load.orders + batch_orders > r.max_capacity THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'CAPACITY_EXCEEDED: ' || format('%s would carry %s orders; the limit is %s.', r.name,
            load.orders + batch_orders, r.max_capacity);
    END IF;
    IF load.weight + batch_weight > r.max_weight_kg THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'WEIGHT_EXCEEDED: ' || format('%s would carry %s kg; the limit is %s kg.', r.name,
            trim_scale(load.weight + batch_weight), trim_scale(r.max_weight_kg));
    END IF;
END;
$$;

-- The order count and total weight of a batch, from its stored lines.
CREATE FUNCTION batch_contents(batch uuid, OUT orders integer, OUT weight numeric)
    LANGUAGE sql STABLE AS
$$
SELECT count(*)::integer, coalesce(sum(o.weight_kg), 0)
FROM delivery_batch_orders bo JOIN orders o ON o.id = bo.order_id
WHERE bo.batch_id = batch
$$;

CREATE FUNCTION guard_batch() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    contents record;
    pending integer;
    rider_moved boolean;
    grows boolean;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.status <> 'CREATED' OR NEW.rider_id IS NOT NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'ILLEGAL_TRANSITION: ' || 'A batch is created as CREATED, without a rider; '
                || 'assign it afterwards.';
        END IF;
        -- Contents are computed from the order lines as they are added.
        NEW.order_count := 0;
        NEW.total_weight_kg := 0;
        NEW.version := 0;
        NEW.created_at := now();
        NEW.status_changed_at := now();
        NEW.updated_at := now();
        RETURN NEW;
    END IF;

    IF NEW.id <> OLD.id OR NEW.outlet_id <> OLD.outlet_id OR NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: ' || 'A batch''s id, outlet and creation time never change.';
    END IF;
    rider_moved := NEW.rider_id IS DISTINCT FROM OLD.rider_id;
    -- An update that changes nothing a person can see keeps the version: a stale-screen refusal must always be
    -- able to name the change that made the screen stale, and every real change has a history line.
    IF NEW.status = OLD.status AND NOT rider_moved
            AND (NEW.order_count, NEW.total_weight_kg) IS NOT DISTINCT FROM (OLD.order_count, OLD.total_weight_kg) THEN
        NEW.version := OLD.version;
        NEW.updated_at := OLD.updated_at;
        NEW.status_changed_at := OLD.status_changed_at;
        RETURN NEW;
    END IF;
    NEW.version := OLD.version + 1;
    NEW.updated_at := now();

    IF NEW.status <> OLD.status THEN
        IF NOT EXISTS (SELECT 1 FROM batch_transitions WHERE from_status = OLD.status AND to_status = NEW.status) THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'ILLEGAL_TRANSITION: ' || format('Batch %s cannot move from %s to %s.',
                left(NEW.id::text, 8), OLD.status, NEW.status);
        END IF;
        NEW.status_changed_at := now();
    ELSIF rider_moved THEN
        -- A reassign: ASSIGNED to one rider, through CREATED, to another, in one statement.
        IF OLD.status <> 'ASSIGNED' THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_BATCH_STATUS: ' || format('Batch %s is %s; only ASSIGNED batches '
                || 'change rider.', left(NEW.id::text, 8), OLD.status);
        END IF;
        NEW.status_changed_at := now();
    ELSE
        NEW.status_changed_at := OLD.status_changed_at;
    END IF;

    -- The rider follows the status: given on ASSIGNED, cleared on CREATED and CANCELLED (a CHECK constraint
    -- enforces those), and kept on the way to PICKED, OUT_FOR_DELIVERY, COMPLETED and FAILED.
    IF rider_moved AND NEW.status NOT IN ('ASSIGNED', 'CREATED', 'CANCELLED') THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: ' || format('Batch %s keeps its rider while %s.',
            left(NEW.id::text, 8), NEW.status);
    END IF;
    IF (NEW.status IN ('CANCELLED', 'FAILED') AND NEW.status <> OLD.status)
            OR (rider_moved AND OLD.rider_id IS NOT NULL AND NEW.rider_id IS NOT NULL) THEN
        IF audit_reason() IS NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: ' || format('A reason is required to %s (set dispatch.reason).',
                CASE WHEN NEW.status = 'CANCELLED' THEN 'cancel a batch' WHEN NEW.status = 'FAILED'
                THEN 'fail a batch' ELSE 'reassign a batch' END);
        END IF;
    END IF;

    IF NEW.status = 'COMPLETED' AND OLD.status <> 'COMPLETED' THEN
        SELECT count(*) INTO pending FROM delivery_batch_orders WHERE batch_id = NEW.id AND outcome = 'PENDING';
        IF pending > 0 THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'OUTCOMES_MISSING: ' || format('Batch %s still has %s order%s without an outcome; '
                || 'record each delivery or failure before completing it.', left(NEW.id::text, 8), pending,
                CASE WHEN pending = 1 THEN '' ELSE 's' END);
        END IF;
    END IF;

    grows := false;
    IF (NEW.order_count, NEW.total_weight_kg) IS DISTINCT FROM (OLD.order_count, OLD.total_weight_kg) THEN
        IF OLD.status NOT IN ('CREATED', 'ASSIGNED') OR NEW.status <> OLD.status THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_BATCH_STATUS: ' || format('Batch %s is %s; orders can change only '
                || 'before pick-up.', left(NEW.id::text, 8), OLD.status);
        END IF;
        contents := batch_contents(NEW.id);
        IF contents.orders <> NEW.order_count OR contents.weight <> NEW.total_weight_kg THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: ' || format('A batch''s order count and weight are computed '
                || 'from its orders (%s orders, %s kg); they cannot be set.', contents.orders,
                trim_scale(contents.weight));
        END IF;
        grows := NEW.order_count > OLD.order_count OR NEW.total_weight_kg > OLD.total_weight_kg;
    END IF;

    IF dispatch_is_active(NEW.status) AND NEW.rider_id IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: ' || format('Batch %s is %s and needs a '
            || 'rider; unassign it (status CREATED) to take its rider away.', left(NEW.id::text, 8), NEW.status);
    END IF;
    IF dispatch_is_active(NEW.status) AND (rider_moved OR NOT dispatch_is_active(OLD.status) OR grows) THEN
        PERFORM require_rider_room(NEW.rider_id, NEW.id, NEW.order_count, NEW.total_weight_kg,
                                   rider_moved OR NOT dispatch_is_active(OLD.status));
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER delivery_batches_guard BEFORE INSERT OR UPDATE ON delivery_batches
    FOR EACH ROW EXECUTE FUNCTION guard_batch();

CREATE FUNCTION audit_batch() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    who text := audit_operator();
    why text := audit_reason();
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO batch_status_history (batch_id, old_status, new_status, reason, actor, db_user, changed_at)
        VALUES (NEW.id, NULL, NEW.status, why, who, session_user, now());
        RETURN NULL;
    END IF;
    IF NEW.status <> OLD.status THEN
        INSERT INTO batch_status_history (batch_id, old_status, new_status, reason, actor, db_user, changed_at)
        VALUES (NEW.id, OLD.status, NEW.status, why, who, session_user, now());
    END IF;
    IF NEW.rider_id IS DISTINCT FROM OLD.rider_id THEN
        INSERT INTO rider_assignment_history (batch_id, old_rider_id, new_rider_id, reason, actor, db_user,
                                              changed_at)
        VALUES (NEW.id, OLD.rider_id, NEW.rider_id, why, who, session_user, now());
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER delivery_batches_audit AFTER INSERT OR UPDATE ON delivery_batches
    FOR EACH ROW EXECUTE FUNCTION audit_batch();

-- ---- order lines -------------------------------------------------------------------------------------------

CREATE FUNCTION guard_batch_order() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    batch record;
    batch_status text;
BEGIN
    -- Lines come and go only before pick-up, checked on the line itself: a statement that swaps one order for
    -- another of the same weight changes no total, so the batch's own guard would never see it.
    IF TG_OP IN ('INSERT', 'DELETE') THEN
        SELECT id, status, outlet_id INTO batch FROM delivery_batches
        WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.batch_id ELSE OLD.batch_id END FOR SHARE;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.outcome <> 'PENDING' OR NEW.proof_of_delivery IS NOT NULL OR NEW.outcome_reason IS NOT NULL
                OR NEW.completed_at IS NOT NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: ' || 'An order joins a batch without an outcome; record the '
                || 'outcome when it is delivered or fails.';
        END IF;
        IF batch.status NOT IN ('CREATED', 'ASSIGNED') THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_BATCH_STATUS: ' || format('Batch %s is %s; orders can change only '
                || 'before pick-up.', left(NEW.batch_id::text, 8), batch.status);
        END IF;
        IF (SELECT outlet_id FROM orders WHERE id = NEW.order_id) IS DISTINCT FROM batch.outlet_id THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: ' || format('Order %s belongs to another outlet than batch %s.',
                left(NEW.order_id::text, 8), left(NEW.batch_id::text, 8));
        END IF;
        NEW.outcome_version := 0;
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' THEN
        IF OLD.outcome <> 'PENDING' OR OLD.proof_of_delivery IS NOT NULL OR OLD.outcome_version > 0 THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_BATCH_STATUS: ' || 'An order with a recorded outcome or proof of '
                || 'delivery is evidence and cannot be removed.';
        END IF;
        IF batch.status NOT IN ('CREATED', 'ASSIGNED') THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_BATCH_STATUS: ' || format('Batch %s is %s; orders can change only '
                || 'before pick-up.', left(OLD.batch_id::text, 8), batch.status);
        END IF;
        IF NOT EXISTS (SELECT 1 FROM delivery_batch_orders WHERE batch_id = OLD.batch_id AND id <> OLD.id) THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: ' || format('Batch %s would be empty; cancel it instead of '
                || 'removing its last order.', left(OLD.batch_id::text, 8));
        END IF;
        RETURN OLD;
    END IF;
    IF (NEW.id, NEW.batch_id, NEW.order_id, NEW.sequence) IS DISTINCT FROM
       (OLD.id, OLD.batch_id, OLD.order_id, OLD.sequence) THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: ' || 'An order line''s batch, order and sequence never change.';
    END IF;
    IF (NEW.outcome, NEW.outcome_reason, NEW.proof_of_delivery)
            IS NOT DISTINCT FROM (OLD.outcome, OLD.outcome_reason, OLD.proof_of_delivery) THEN
        NEW.completed_at := OLD.completed_at;
        NEW.outcome_version := OLD.outcome_version;
        RETURN NEW;
    END IF;
    SELECT status INTO batch_status FROM delivery_batches WHERE id = NEW.batch_id FOR SHARE;
    IF batch_status <> 'OUT_FOR_DELIVERY' THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_BATCH_STATUS: ' || format('Batch %s is %s; outcomes are recorded only while '
            || 'it is OUT_FOR_DELIVERY.', left(NEW.batch_id::text, 8), batch_status);
    END IF;
    IF NEW.outcome = 'PENDING' AND OLD.outcome = 'PENDING' THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: Record the outcome (DELIVERED or '
            || 'FAILED) together with its proof of delivery; the order is still PENDING.';
    END IF;
    IF NEW.outcome = 'PENDING' THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: A recorded outcome never goes back '
            || 'to PENDING; record DELIVERED or FAILED again to correct it.';
    END IF;
    IF NEW.outcome = 'FAILED' AND nullif(btrim(NEW.outcome_reason), '') IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: ' || 'A reason is required to record a failed delivery.';
    END IF;
    IF NOT pod_document_ok(NEW.proof_of_delivery) THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_POD: ' || 'The proof of delivery must be a JSON object of at most 64 KiB '
            || 'with coordinates.lat in [-90, 90] and coordinates.lon in [-180, 180].';
    END IF;
    NEW.completed_at := now();
    NEW.outcome_version := OLD.outcome_version + 1;
    RETURN NEW;
END;
$$;

CREATE TRIGGER delivery_batch_orders_guard BEFORE INSERT OR UPDATE OR DELETE ON delivery_batch_orders
    FOR EACH ROW EXECUTE FUNCTION guard_batch_order();

CREATE FUNCTION audit_batch_order() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    who text := audit_operator();
    o record;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.outcome_version <> OLD.outcome_version THEN
            INSERT INTO pod_versions (batch_order_id, version, outcome, reason, proof_of_delivery, actor, db_user,
                                      recorded_at)
            VALUES (NEW.id, NEW.outcome_version, NEW.outcome, NEW.outcome_reason, NEW.proof_of_delivery, who,
                    session_user, now());
        END IF;
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT customer_name, weight_kg INTO o FROM orders WHERE id = NEW.order_id;
        INSERT INTO batch_order_history (batch_id, batch_order_id, order_id, change, sequence, customer_name,
                                         weight_kg, actor, db_user, changed_at)
        VALUES (NEW.batch_id, NEW.id, NEW.order_id, 'ADDED', NEW.sequence, o.customer_name, o.weight_kg, who,
                session_user, now());
        RETURN NULL;
    END IF;
    -- DELETE: the order leaves with its line, so no order row is left behind belonging to no batch.
    DELETE FROM orders WHERE id = OLD.order_id RETURNING customer_name, weight_kg INTO o;
    INSERT INTO batch_order_history (batch_id, batch_order_id, order_id, change, sequence, customer_name,
                                     weight_kg, actor, db_user, changed_at)
    VALUES (OLD.batch_id, OLD.id, OLD.order_id, 'REMOVED', OLD.sequence, o.customer_name, o.weight_kg, who,
            session_user, now());
    RETURN NULL;
END;
$$;

CREATE TRIGGER delivery_batch_orders_audit AFTER INSERT OR UPDATE OR DELETE ON delivery_batch_orders
    FOR EACH ROW EXECUTE FUNCTION audit_batch_order();

-- Contents follow the lines: once per statement and batch, so a batch created with its orders in one
-- multi-row insert is updated once.
CREATE FUNCTION recompute_batch_contents() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    UPDATE delivery_batches b SET order_count = c.orders, total_weight_kg = c.weight
    FROM (SELECT x.batch_id, bc.orders, bc.weight
          FROM (SELECT DISTINCT batch_id FROM changed_lines) x
          CROSS JOIN LATERAL batch_contents(x.batch_id) bc) c
    WHERE b.id = c.batch_id
      AND (b.order_count, b.total_weight_kg) IS DISTINCT FROM (c.orders, c.weight);
    RETURN NULL;
END;
$$;

CREATE TRIGGER delivery_batch_orders_added AFTER INSERT ON delivery_batch_orders
    REFERENCING NEW TABLE AS changed_lines
    FOR EACH STATEMENT EXECUTE FUNCTION recompute_batch_contents();
CREATE TRIGGER delivery_batch_orders_removed AFTER DELETE ON delivery_batch_orders
    REFERENCING OLD TABLE AS changed_lines
    FOR EACH STATEMENT EXECUTE FUNCTION recompute_batch_contents();

-- Orders are written once: a weight changed afterwards would slip past the rider's limits.
CREATE FUNCTION guard_order() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.id, NEW.outlet_id, NEW.weight_kg, NEW.created_at)
            IS DISTINCT FROM (OLD.id, OLD.outlet_id, OLD.weight_kg, OLD.created_at) THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: ' || 'An order''s outlet and weight never change; remove the order '
            || 'and add a new one.';
    END IF;
    IF TG_OP = 'INSERT' THEN
        NEW.created_at := now();
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER orders_guard BEFORE INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION guard_order();

-- ---- reviews -----------------------------------------------------------------------------------------------

CREATE FUNCTION guard_review() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    line record;
    recorder text;
BEGIN
    SELECT outcome, outcome_version, proof_of_delivery IS NOT NULL AS has_pod INTO line
    FROM delivery_batch_orders WHERE id = NEW.batch_order_id FOR SHARE;
    IF NOT FOUND OR NOT line.has_pod OR line.outcome = 'PENDING' THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: ' || format('Order line %s has no recorded proof of delivery to '
            || 'review.', left(NEW.batch_order_id::text, 8));
    END IF;
    IF NEW.pod_version IS NULL OR NEW.pod_version <> line.outcome_version THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'ALREADY_CHANGED: ' || format('The proof of delivery of order line %s is at version '
            || '%s; a verdict must name the version it judged (%s).', left(NEW.batch_order_id::text, 8),
            line.outcome_version, coalesce(NEW.pod_version::text, 'none given'));
    END IF;
    SELECT db_user INTO recorder FROM pod_versions
    WHERE batch_order_id = NEW.batch_order_id AND version = NEW.pod_version;
    IF recorder = session_user THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'PERMISSION_DENIED: ' || 'You recorded this proof of delivery; another supervisor '
            || 'must judge it.';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER pod_reviews_guard BEFORE INSERT ON pod_reviews FOR EACH ROW EXECUTE FUNCTION guard_review();

-- ---- positions and notifications ---------------------------------------------------------------------------

-- A position's arrival time is the server's; the fix time is the device's.
CREATE FUNCTION stamp_location() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.received_at := now();
    RETURN NEW;
END;
$$;
CREATE TRIGGER rider_locations_stamp BEFORE INSERT OR UPDATE ON rider_locations
    FOR EACH ROW EXECUTE FUNCTION stamp_location();

-- The notification functions read tables too (to name the outlet); pinned like the guards.
ALTER FUNCTION notify_batch_change() SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION notify_rider_change() SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION notify_batch_order_change() SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION notify_location_change() SET search_path = pg_catalog, public, pg_temp;
ALTER FUNCTION notify_review_change() SET search_path = pg_catalog, public, pg_temp;

-- ---- least privilege ---------------------------------------------------------------------------------------

DO
$$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dispatch_rider_system') THEN
        CREATE ROLE dispatch_rider_system NOLOGIN;
    END IF;
END;
$$;

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM dispatch_dispatcher, dispatch_supervisor, dispatch_admin;
GRANT USAGE ON SCHEMA public TO dispatch_rider_system;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO dispatch_dispatcher, dispatch_supervisor, dispatch_admin;

-- Dispatch work: create batches (always CREATED), add and remove orders before pick-up, assign, reassign, move
-- batches, record outcomes with their PoD, and set riders' availability. Only the columns that work needs.
GRANT INSERT ON delivery_batches, orders, delivery_batch_orders
    TO dispatch_dispatcher, dispatch_supervisor, dispatch_admin;
GRANT UPDATE (status, rider_id, status_changed_at, updated_at, version) ON delivery_batches
    TO dispatch_dispatcher, dispatch_supervisor, dispatch_admin;
GRANT UPDATE (outcome, outcome_reason, completed_at, proof_of_delivery) ON delivery_batch_orders
    TO dispatch_dispatcher, dispatch_supervisor, dispatch_admin;
GRANT DELETE ON delivery_batch_orders TO dispatch_dispatcher, dispatch_supervisor, dispatch_admin;
GRANT UPDATE (availability, updated_at, version) ON delivery_riders
    TO dispatch_dispatcher, dispatch_supervisor, dispatch_admin;

-- Reviews: supervisors and admins.
GRANT INSERT (batch_order_id, verdict, note, pod_version) ON pod_reviews TO dispatch_supervisor, dispatch_admin;

-- Fleet set-up: admins create outlets and riders and change riders' names, vehicles, outlets and limits.
GRANT INSERT ON outlets, delivery_riders TO dispatch_admin;
GRANT UPDATE (name, phone, vehicle_type, home_outlet_id, max_capacity, max_weight_kg, max_active_batches)
    ON delivery_riders TO dispatch_admin;

-- Positions come only from the systems riders' devices report through.
GRANT SELECT ON delivery_riders, rider_locations TO dispatch_rider_system;
GRANT INSERT, UPDATE ON rider_locations TO dispatch_rider_system;

-- The history tables get no INSERT grant: only the trigger functions above write them.

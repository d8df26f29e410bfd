-- Follow-up (issue 13, point 5): disputed proofs of delivery are followed up, and the undelivered orders of a
-- FAILED batch are re-dispatched in a new batch. Both are audited, append-only and guarded here for every writer,
-- plain SQL included; refusals follow V8's style (SQLSTATE 'DC000', MESSAGE 'CODE: sentence'). The gateway's
-- login does neither (it has a dispatcher's grants by membership; the guards below refuse its sessions).

-- ---- re-dispatch -------------------------------------------------------------------------------------------

-- An order used to have exactly one line ever (UNIQUE order_id). Now it may have one line per dispatch round: the
-- first line is round 1, and a line of round n+1 exists only after its round-n line, in a FAILED batch and not
-- delivered, was re-dispatched (a row below). (order_id, dispatch_round) is unique, so two writers can never give
-- one order two lines of the same round (two active batches), however they race.
ALTER TABLE delivery_batch_orders DROP CONSTRAINT delivery_batch_orders_order_id_key;
ALTER TABLE delivery_batch_orders ADD COLUMN dispatch_round integer NOT NULL DEFAULT 1 CHECK (dispatch_round >= 1);
ALTER TABLE delivery_batch_orders ADD CONSTRAINT delivery_batch_orders_order_round_key UNIQUE (order_id, dispatch_round);
ALTER TABLE delivery_batch_orders ADD CONSTRAINT delivery_batch_orders_batch_order_key UNIQUE (batch_id, order_id);

-- Each row: one order line of a FAILED batch sent out again in a new (CREATED) batch of the same outlet. The line
-- it came from is re-dispatched at most once (UNIQUE); who, when and the login are written by the guard.
CREATE TABLE order_redispatches (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    from_line_id    uuid        NOT NULL UNIQUE REFERENCES delivery_batch_orders (id),
    to_batch_id     uuid        NOT NULL REFERENCES delivery_batches (id),
    order_id        uuid        NOT NULL REFERENCES orders (id),
    from_batch_id   uuid        NOT NULL REFERENCES delivery_batches (id),
    reason          text        NOT NULL CHECK (length(btrim(reason)) > 0),
    actor           text        NOT NULL,
    db_user         text        NOT NULL,
    redispatched_at timestamptz NOT NULL,
    UNIQUE (to_batch_id, order_id),
    CHECK (to_batch_id <> from_batch_id)
);
CREATE INDEX order_redispatches_from_batch_idx ON order_redispatches (from_batch_id);
CREATE INDEX order_redispatches_order_idx ON order_redispatches (order_id);

CREATE TRIGGER order_redispatches_append_only BEFORE UPDATE OR DELETE ON order_redispatches
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER order_redispatches_no_truncate BEFORE TRUNCATE ON order_redispatches
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

CREATE FUNCTION guard_redispatch() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    line record;
    target record;
    earlier record;
BEGIN
    IF gateway_session() THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'PERMISSION_DENIED: The gateway does not re-dispatch orders; '
            || 'a dispatcher does, from the console.';
    END IF;
    SELECT bo.id, bo.order_id, bo.batch_id, bo.outcome, bo.dispatch_round, o.customer_name, b.status, b.outlet_id
    INTO line
    FROM delivery_batch_orders bo
    JOIN orders o ON o.id = bo.order_id
    JOIN delivery_batches b ON b.id = bo.batch_id
    WHERE bo.id = NEW.from_line_id
    FOR SHARE OF b;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'ORDER_NOT_FOUND: ' || format('Order line %s does not exist.',
            left(NEW.from_line_id::text, 8));
    END IF;
    IF line.status <> 'FAILED' THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_BATCH_STATUS: ' || format('Batch %s is %s; only the '
            || 'orders of a FAILED batch are re-dispatched.', left(line.batch_id::text, 8), line.status);
    END IF;
    IF line.outcome = 'DELIVERED' THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: ' || format('The order for %s in batch %s was '
            || 'delivered; a delivered order is never re-dispatched.', line.customer_name, left(line.batch_id::text, 8));
    END IF;
    SELECT r.to_batch_id, r.actor, r.redispatched_at INTO earlier FROM order_redispatches r
    WHERE r.from_line_id = NEW.from_line_id;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'ALREADY_CHANGED: ' || format('The order for %s was already '
            || 're-dispatched from batch %s by %s at %s (new batch %s).', line.customer_name,
            left(line.batch_id::text, 8), earlier.actor, to_char(earlier.redispatched_at, 'HH24:MI:SS'),
            left(earlier.to_batch_id::text, 8));
    END IF;
    IF line.dispatch_round <> (SELECT max(dispatch_round) FROM delivery_batch_orders WHERE order_id = line.order_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'ALREADY_CHANGED: ' || format('The order for %s is in a later '
            || 'batch already.', line.customer_name);
    END IF;
    SELECT id, status, outlet_id INTO target FROM delivery_batches WHERE id = NEW.to_batch_id FOR SHARE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'BATCH_NOT_FOUND: ' || format('Batch %s does not exist.',
            left(NEW.to_batch_id::text, 8));
    END IF;
    IF target.status <> 'CREATED' THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_BATCH_STATUS: ' || format('Batch %s is %s; orders are '
            || 're-dispatched into a new CREATED batch.', left(target.id::text, 8), target.status);
    END IF;
    IF target.outlet_id <> line.outlet_id THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: ' || format('Batch %s belongs to another '
            || 'outlet than batch %s.', left(target.id::text, 8), left(line.batch_id::text, 8));
    END IF;
    IF nullif(btrim(coalesce(NEW.reason, audit_reason())), '') IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: A reason is required to re-dispatch an order.';
    END IF;
    NEW.reason := btrim(coalesce(NEW.reason, audit_reason()));
    NEW.order_id := line.order_id;
    NEW.from_batch_id := line.batch_id;
    NEW.actor := audit_operator();
    NEW.db_user := session_user;
    NEW.redispatched_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER order_redispatches_guard BEFORE INSERT ON order_redispatches
    FOR EACH ROW EXECUTE FUNCTION guard_redispatch();

-- A re-dispatch is complete only with the order's line in the new batch: checked at commit, so the row and the
-- line may be written in either order within the transaction.
CREATE FUNCTION require_redispatched_line() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM delivery_batch_orders WHERE batch_id = NEW.to_batch_id AND order_id = NEW.order_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: ' || format('A re-dispatch into batch %s '
            || 'needs the order''s line in that batch; nothing was changed.', left(NEW.to_batch_id::text, 8));
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER order_redispatches_line_exists AFTER INSERT ON order_redispatches
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION require_redispatched_line();

-- The old batch shows the change too: its order lines are announced as changed (consoles reload its details).
CREATE FUNCTION notify_redispatch() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    PERFORM pg_notify('dispatch_changes', json_build_object(
        'e', 'order', 'id', NEW.from_line_id, 'op', 'U', 'batch', NEW.from_batch_id,
        'outlet', (SELECT outlet_id FROM delivery_batches WHERE id = NEW.from_batch_id))::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER order_redispatches_notify AFTER INSERT ON order_redispatches
    FOR EACH ROW EXECUTE FUNCTION notify_redispatch();

-- A line's dispatch round is the database's to set: one more than the order's re-dispatches so far. A line for an
-- order that has lines already needs a re-dispatch of that order into this batch, and no line still out.
CREATE FUNCTION guard_dispatch_round() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    current record;
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.dispatch_round > 1 THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_BATCH_STATUS: ' || format('The order in line %s was '
                || 're-dispatched from a failed batch, whose record needs it; it stays in batch %s (cancel the '
                || 'batch to stop it).', OLD.sequence, left(OLD.batch_id::text, 8));
        END IF;
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF NEW.dispatch_round <> OLD.dispatch_round THEN
            RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: An order line''s dispatch round never changes.';
        END IF;
        RETURN NEW;
    END IF;
    SELECT bo.batch_id, b.status INTO current
    FROM delivery_batch_orders bo JOIN delivery_batches b ON b.id = bo.batch_id
    WHERE bo.order_id = NEW.order_id
      AND NOT EXISTS (SELECT 1 FROM order_redispatches r WHERE r.from_line_id = bo.id)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: ' || format('Order %s is in batch %s (%s); an '
            || 'order is in one batch at a time, and only a FAILED batch''s undelivered orders are re-dispatched.',
            left(NEW.order_id::text, 8), left(current.batch_id::text, 8), current.status);
    END IF;
    NEW.dispatch_round := 1 + (SELECT count(*) FROM order_redispatches WHERE order_id = NEW.order_id);
    IF NEW.dispatch_round > 1 AND NOT EXISTS (SELECT 1 FROM order_redispatches
                                              WHERE order_id = NEW.order_id AND to_batch_id = NEW.batch_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: ' || format('Order %s was re-dispatched into '
            || 'another batch than %s.', left(NEW.order_id::text, 8), left(NEW.batch_id::text, 8));
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER delivery_batch_orders_round BEFORE INSERT OR UPDATE OR DELETE ON delivery_batch_orders
    FOR EACH ROW EXECUTE FUNCTION guard_dispatch_round();

-- ---- disputed proofs of delivery, followed up ----------------------------------------------------------------

-- A dispute (a DISPUTED verdict) stays open until someone records how it was followed up: once per dispute, by
-- another login than the one that raised it (as a verdict is never given on one's own PoD), with a note.
CREATE TABLE dispute_follow_ups (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- No foreign key: pod_reviews is append-only (its verdicts never go), and a key here would change how a
    -- TRUNCATE of it is refused; the guard checks the review exists.
    review_id      bigint      NOT NULL UNIQUE,
    batch_order_id uuid        NOT NULL REFERENCES delivery_batch_orders (id),
    note           text        NOT NULL CHECK (length(btrim(note)) > 0),
    actor          text        NOT NULL,
    db_user        text        NOT NULL,
    followed_up_at timestamptz NOT NULL
);
CREATE INDEX dispute_follow_ups_line_idx ON dispute_follow_ups (batch_order_id);

CREATE TRIGGER dispute_follow_ups_append_only BEFORE UPDATE OR DELETE ON dispute_follow_ups
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER dispute_follow_ups_no_truncate BEFORE TRUNCATE ON dispute_follow_ups
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

CREATE FUNCTION guard_follow_up() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    review record;
    earlier record;
BEGIN
    IF gateway_session() THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'PERMISSION_DENIED: The gateway does not follow up disputes; '
            || 'an operator does, from the console.';
    END IF;
    SELECT id, batch_order_id, verdict, reviewer INTO review FROM pod_reviews WHERE id = NEW.review_id FOR SHARE;
    IF NOT FOUND OR review.verdict <> 'DISPUTED' THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: ' || format('Review %s is not a dispute; only '
            || 'disputes are followed up.', NEW.review_id);
    END IF;
    SELECT actor, followed_up_at INTO earlier FROM dispute_follow_ups WHERE review_id = NEW.review_id;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'ALREADY_CHANGED: ' || format('This dispute was already followed '
            || 'up by %s at %s.', earlier.actor, to_char(earlier.followed_up_at, 'HH24:MI:SS'));
    END IF;
    IF review.reviewer = session_user THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'PERMISSION_DENIED: You raised this dispute; another operator '
            || 'follows it up.';
    END IF;
    IF nullif(btrim(NEW.note), '') IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: Say how the dispute was followed up.';
    END IF;
    NEW.note := btrim(NEW.note);
    NEW.batch_order_id := review.batch_order_id;
    NEW.actor := audit_operator();
    NEW.db_user := session_user;
    NEW.followed_up_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER dispute_follow_ups_guard BEFORE INSERT ON dispute_follow_ups
    FOR EACH ROW EXECUTE FUNCTION guard_follow_up();

-- Consoles' disputed lists and open viewers reload: announced like a verdict (V6), as a change of the order line.
CREATE FUNCTION notify_follow_up() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    PERFORM pg_notify('dispatch_changes', json_build_object(
        'e', 'order', 'id', NEW.batch_order_id, 'op', 'R',
        'batch', (SELECT batch_id FROM delivery_batch_orders WHERE id = NEW.batch_order_id),
        'outlet', (SELECT b.outlet_id FROM delivery_batch_orders bo JOIN delivery_batches b ON b.id = bo.batch_id
                   WHERE bo.id = NEW.batch_order_id))::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER dispute_follow_ups_notify AFTER INSERT ON dispute_follow_ups
    FOR EACH ROW EXECUTE FUNCTION notify_follow_up();

-- ---- grants ------------------------------------------------------------------------------------------------

REVOKE ALL ON order_redispatches, dispute_follow_ups FROM PUBLIC;
GRANT SELECT ON order_redispatches, dispute_follow_ups TO dispatch_dispatcher, dispatch_supervisor, dispatch_admin;
-- Dispatch work: every operator role re-dispatches and follows up; the guards fill in the rest of each row.
GRANT INSERT (from_line_id, to_batch_id, reason) ON order_redispatches
    TO dispatch_dispatcher, dispatch_supervisor, dispatch_admin;
GRANT INSERT (review_id, note) ON dispute_follow_ups TO dispatch_dispatcher, dispatch_supervisor, dispatch_admin;

-- When a proof of delivery counts as "Late" in the review queue and the PoD viewer: delivered more than
-- late_after after its batch went out for delivery. One setting for the whole control room, in the database, so
-- every console flags the same PoDs (a dark store promising 20 minutes calls 45 late; a scratch database for a
-- simulator can lower it to see the flag in a short run). Read by every operator role, changed only by admins,
-- and every change audited: the row says who changed it last and when, an append-only history keeps every change.
--
-- The Java side (domain.pod.ReviewSettings) checks the range first, for a clear message; the CHECK below is the
-- last line for every writer. Who and when are the database's to say, as in V8: the server's clock, the real
-- login (session_user) and the operator name the session declared (audit_operator()).

CREATE TABLE review_settings (
    -- One row: the primary key can only be true.
    id              boolean     PRIMARY KEY DEFAULT true CHECK (id),
    -- 90 minutes is the default the product shipped with; ReviewSettings.MAX_LATE_AFTER is the upper bound.
    late_after      interval    NOT NULL DEFAULT '90 minutes'
        CONSTRAINT review_settings_late_after_range
        CHECK (late_after > interval '0' AND late_after <= interval '7 days'),
    updated_at      timestamptz NOT NULL,
    updated_by      text        NOT NULL,
    updated_db_user text        NOT NULL
);

CREATE TABLE review_settings_history (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    old_late_after interval    NOT NULL,
    new_late_after interval    NOT NULL,
    actor          text        NOT NULL,
    db_user        text        NOT NULL,
    changed_at     timestamptz NOT NULL
);

-- The setting is one row that is changed, never removed (every console reads it); an INSERT could only be a
-- second row, which the key refuses anyway.
CREATE FUNCTION refuse_review_settings_removal() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: The review settings are one row that is '
        || 'changed, never removed; change late_after instead.';
END;
$$;

-- Stamps who and when on every write, whoever writes and whatever the statement says; an update that leaves the
-- threshold as it was changes nothing (no new stamp, no history line).
CREATE FUNCTION stamp_review_settings() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.late_after = OLD.late_after THEN
        NEW.updated_at := OLD.updated_at;
        NEW.updated_by := OLD.updated_by;
        NEW.updated_db_user := OLD.updated_db_user;
        RETURN NEW;
    END IF;
    NEW.updated_at := now();
    NEW.updated_by := audit_operator();
    NEW.updated_db_user := session_user;
    RETURN NEW;
END;
$$;

-- The history is written here, never by clients: SECURITY DEFINER, like V8's audit functions.
CREATE FUNCTION audit_review_settings() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    IF NEW.late_after <> OLD.late_after THEN
        INSERT INTO review_settings_history (old_late_after, new_late_after, actor, db_user, changed_at)
        VALUES (OLD.late_after, NEW.late_after, NEW.updated_by, session_user, now());
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER review_settings_stamp BEFORE INSERT OR UPDATE ON review_settings
    FOR EACH ROW EXECUTE FUNCTION stamp_review_settings();
CREATE TRIGGER review_settings_audit AFTER UPDATE ON review_settings
    FOR EACH ROW EXECUTE FUNCTION audit_review_settings();
CREATE TRIGGER review_settings_kept BEFORE DELETE ON review_settings
    FOR EACH ROW EXECUTE FUNCTION refuse_review_settings_removal();
CREATE TRIGGER review_settings_no_truncate BEFORE TRUNCATE ON review_settings
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_review_settings_removal();

-- Append-only, as V2 makes every history table: refused to everyone, the owner included.
CREATE TRIGGER review_settings_history_append_only BEFORE UPDATE OR DELETE ON review_settings_history
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER review_settings_history_no_truncate BEFORE TRUNCATE ON review_settings_history
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER review_settings_history_stamp BEFORE INSERT ON review_settings_history
    FOR EACH ROW EXECUTE FUNCTION stamp_audit_row();

-- The one row, stamped by the trigger with the migrating login.
INSERT INTO review_settings DEFAULT VALUES;

-- Least privilege: every operator role reads (the gateway inherits the dispatcher's); only admins change the
-- threshold, and only it. Nobody but the owner inserts or deletes (and the triggers refuse deleting to the owner
-- too); nobody writes the history but the trigger above.
REVOKE ALL ON review_settings, review_settings_history FROM PUBLIC;
GRANT SELECT ON review_settings, review_settings_history
    TO dispatch_dispatcher, dispatch_supervisor, dispatch_admin;
GRANT UPDATE (late_after) ON review_settings TO dispatch_admin;

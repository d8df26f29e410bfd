-- Found by the adversary pass on issue 14: a history row's reason is what the writer declares
-- (dispatch.reason), so any writer could label any change "Undo of assign at 09:40:12", indistinguishable from a
-- console's real undo (UndoService.REASON_PREFIX). The database now keeps that label for what it says: taking back
-- the writer's own latest change of the batch's rider (an assign, unassign or reassign), within 2 minutes (the
-- console offers Undo for 10 seconds). Anything else with such a reason is refused, for every writer.

CREATE FUNCTION guard_undo_reason() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
DECLARE
    why  text := current_setting('dispatch.reason', true);
    last rider_assignment_history%ROWTYPE;
BEGIN
    IF why IS NULL OR why NOT LIKE 'Undo of %' THEN
        RETURN NEW;
    END IF;
    SELECT * INTO last FROM rider_assignment_history WHERE batch_id = NEW.id ORDER BY id DESC LIMIT 1;
    IF NOT FOUND
       OR NEW.rider_id IS NOT DISTINCT FROM OLD.rider_id
       OR last.new_rider_id IS DISTINCT FROM OLD.rider_id
       OR last.old_rider_id IS DISTINCT FROM NEW.rider_id
       OR last.db_user IS DISTINCT FROM session_user
       OR last.changed_at < now() - interval '2 minutes' THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: '
            || 'A reason starting with "Undo of" is kept for taking back your own latest change of this batch''s '
            || 'rider within 2 minutes.';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER delivery_batches_undo_guard BEFORE UPDATE ON delivery_batches
    FOR EACH ROW EXECUTE FUNCTION guard_undo_reason();

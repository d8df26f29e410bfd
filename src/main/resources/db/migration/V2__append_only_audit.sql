-- The audit history is evidence: the database itself refuses to change or remove it, whoever asks.
CREATE FUNCTION refuse_audit_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit table % is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER rider_assignment_history_append_only
    BEFORE UPDATE OR DELETE ON rider_assignment_history
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER rider_assignment_history_no_truncate
    BEFORE TRUNCATE ON rider_assignment_history
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

CREATE TRIGGER batch_status_history_append_only
    BEFORE UPDATE OR DELETE ON batch_status_history
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER batch_status_history_no_truncate
    BEFORE TRUNCATE ON batch_status_history
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

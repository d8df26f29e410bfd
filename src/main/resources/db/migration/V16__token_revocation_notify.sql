-- A revoked token must stop hearing events at once, not only stop writing (V10 refuses its writes in the same
-- transaction). The revocation is announced on the change channel like every other change, with the token's id
-- alone (never its hash), so a gateway closes the Socket.IO connections made with it.
CREATE FUNCTION notify_token_revoked() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    PERFORM pg_notify('dispatch_changes', json_build_object('e', 'token', 'id', NEW.id, 'op', 'U')::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER api_tokens_notify_revoked AFTER UPDATE OF revoked_at ON api_tokens
    FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
    EXECUTE FUNCTION notify_token_revoked();

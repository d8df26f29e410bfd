-- The history names what acted through the API in a dispatcher's words (issue 11, from a dispatcher's look at
-- the console): "api outlet Central Market (token dct_AbCd1234)", "api rider Farid Rossi (token dct_…)" instead of
-- id prefixes. The name is the one the rider or outlet has when the change is made; the token prefix keeps two
-- riders of the same name apart. Tracking tokens stay "api batch 1a2b3c4d" (a customer has no name here) and
-- system tokens "api system <name>".

CREATE FUNCTION api_subject_name(kind text, subject_id uuid, system_name text) RETURNS text
    LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS
$$
SELECT CASE kind
           WHEN 'SYSTEM' THEN system_name
           WHEN 'RIDER' THEN coalesce((SELECT left(r.name, 60) FROM delivery_riders r WHERE r.id = subject_id),
                                      left(subject_id::text, 8))
           WHEN 'OUTLET' THEN coalesce((SELECT left(o.name, 60) FROM outlets o WHERE o.id = subject_id),
                                       left(subject_id::text, 8))
           ELSE left(subject_id::text, 8)
       END
$$;

-- Same arguments as V10's, so audit_operator() is unchanged; no longer IMMUTABLE, since it reads names.
CREATE OR REPLACE FUNCTION api_principal_label(kind text, subject_id uuid, system_name text, token_prefix text)
    RETURNS text
    LANGUAGE sql STABLE SET search_path = pg_catalog, public, pg_temp AS
$$
SELECT 'api ' || CASE kind WHEN 'TRACKING' THEN 'batch' ELSE lower(kind) END || ' '
           || api_subject_name(kind, subject_id, system_name) || ' (token ' || token_prefix || ')'
$$;

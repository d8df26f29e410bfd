-- Photos of deliveries (issue 11): uploaded by riders' apps through the gateway, stored here, named by a PoD
-- document as "photo:<uuid>" in photos[i].url, and shown by the console's viewer straight from this table (never
-- fetched over HTTP). The Java side (domain.pod.PhotoType) checks size and type first, for a clear message; this
-- table checks them again for every writer, in the style of V8 (SQLSTATE 'DC000', MESSAGE 'CODE: sentence').
--
-- A photo is evidence: it never changes once stored. Who uploaded it and when are the database's to say (the
-- server's clock; the session's operator as audit_operator() names it, else the login), and so is its SHA-256.
-- Only the owner may delete photos (e.g. when their retention period ends); a PoD that still names a deleted photo
-- shows it as "not stored" in the viewer.

-- Whether the bytes start with the magic number of the declared type. Immutable (reads no table), so it can sit in
-- a CHECK; domain.pod.PhotoType.sniff is the Java copy, and PodPhotosGuardsTest compares the two on the same bytes.
CREATE FUNCTION photo_magic_ok(content_type text, bytes bytea) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS
$$
SELECT CASE content_type
    WHEN 'image/png'  THEN substring(bytes FROM 1 FOR 8) = '\x89504e470d0a1a0a'::bytea
    WHEN 'image/jpeg' THEN substring(bytes FROM 1 FOR 3) = '\xffd8ff'::bytea
    WHEN 'image/webp' THEN substring(bytes FROM 1 FOR 4) = '\x52494646'::bytea      -- "RIFF"
                       AND substring(bytes FROM 9 FOR 4) = '\x57454250'::bytea      -- "WEBP"
    ELSE false
END
$$;

CREATE TABLE pod_photos (
    id           uuid PRIMARY KEY,
    content_type text        NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
    -- 1 byte to 5 MiB (domain.pod.PhotoType.MAX_BYTES).
    bytes        bytea       NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 5242880),
    sha256       bytea       NOT NULL CHECK (octet_length(sha256) = 32),
    uploaded_at  timestamptz NOT NULL,
    uploaded_by  text        NOT NULL,
    CONSTRAINT pod_photos_magic CHECK (photo_magic_ok(content_type, bytes))
);

-- PNG, JPEG and WebP are compressed already: store them out of line without trying to compress them again.
ALTER TABLE pod_photos ALTER COLUMN bytes SET STORAGE EXTERNAL;

-- The CHECKs above are the last line; this guard runs first and says which rule a photo broke, in words, and
-- stamps what only the database may say. An UPDATE is refused to everyone, the owner included.
CREATE FUNCTION guard_pod_photo() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: '
            || format('Photo %s is evidence and never changes; upload a new photo instead.', left(OLD.id::text, 8));
    END IF;
    IF NEW.content_type IS NULL OR NEW.content_type NOT IN ('image/png', 'image/jpeg', 'image/webp') THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_PHOTO: '
            || format('A photo is image/png, image/jpeg or image/webp, not %s.',
                      coalesce(quote_literal(left(NEW.content_type, 40)), 'none'));
    END IF;
    IF NEW.bytes IS NULL OR octet_length(NEW.bytes) = 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_PHOTO: The photo is empty.';
    END IF;
    IF octet_length(NEW.bytes) > 5242880 THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'TOO_LARGE: '
            || format('The photo is %s bytes; at most 5242880 (5 MiB) are allowed.', octet_length(NEW.bytes));
    END IF;
    IF NOT photo_magic_ok(NEW.content_type, NEW.bytes) THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_PHOTO: '
            || format('The photo''s first bytes are not those of %s, its declared type.', NEW.content_type);
    END IF;
    NEW.sha256 := sha256(NEW.bytes);
    NEW.uploaded_at := now();
    NEW.uploaded_by := coalesce(audit_operator(), session_user);
    RETURN NEW;
END;
$$;

CREATE TRIGGER pod_photos_guard BEFORE INSERT OR UPDATE ON pod_photos
    FOR EACH ROW EXECUTE FUNCTION guard_pod_photo();

-- Least privilege: dispatchers (and the gateway role, which is one) upload, naming only what a client provides;
-- every operator role looks. Nobody but the owner updates (refused anyway), deletes or truncates.
REVOKE ALL ON pod_photos FROM PUBLIC;
GRANT SELECT ON pod_photos TO dispatch_dispatcher, dispatch_supervisor, dispatch_admin;
GRANT INSERT (id, content_type, bytes) ON pod_photos TO dispatch_dispatcher;

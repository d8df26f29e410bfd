-- Found by the adversary pass on issue 14.
--
-- 1. A position stored again (a device retrying the same report: the upsert accepts an equal fix time) or an
--    update that does not move the fix forward added the same point to the trail again, pushing the rider's real
--    trail out (60 resends left 50 copies of one point). Only a newer fix now joins the trail.
-- 2. The database did not bound a fix's time: plain SQL as a rider's system could store a fix 30 days (or
--    'infinity') ahead, after which the rider looked fresh for ever and every real report was dropped as older.
--    The gateway refuses fixes more than 2 minutes ahead of the server (DeviceClock.CLOCK_SKEW, its word to a
--    device); the database, the last line for every writer, refuses what no device's clock explains: a fix more
--    than an hour ahead of the server's clock, or a fix time that is not a finite time.

CREATE OR REPLACE FUNCTION keep_rider_trail() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.fix_at <= OLD.fix_at THEN
        RETURN NULL;
    END IF;
    INSERT INTO rider_trail (rider_id, lat, lon, fix_at) VALUES (NEW.rider_id, NEW.lat, NEW.lon, NEW.fix_at);
    -- The 50th newest and everything older than it goes: one short index range per fix.
    DELETE FROM rider_trail
    WHERE rider_id = NEW.rider_id
      AND id <= (SELECT id FROM rider_trail WHERE rider_id = NEW.rider_id ORDER BY id DESC OFFSET 50 LIMIT 1);
    RETURN NULL;
END;
$$;

-- A position's arrival time is the server's; the fix time is the device's, and may not be more than an hour ahead of
-- the server's clock.
CREATE OR REPLACE FUNCTION stamp_location() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.fix_at IS NULL OR NOT isfinite(NEW.fix_at) OR NEW.fix_at > now() + interval '1 hour' THEN
        RAISE EXCEPTION USING ERRCODE = 'DC000', MESSAGE = 'INVALID_ARGUMENT: '
            || 'The position''s fix time ' || coalesce(NEW.fix_at::text, 'null')
            || ' is more than an hour ahead of the server''s clock (or not a time); check the device''s clock.';
    END IF;
    NEW.received_at := now();
    RETURN NEW;
END;
$$;
ALTER FUNCTION stamp_location() SET search_path = pg_catalog, public, pg_temp;

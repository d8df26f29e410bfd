-- Issue 14, the map: where a rider has been lately, so the map can draw the recent trail of the rider of the
-- selected batch. rider_locations keeps only the last fix; every fix stored there (insert, or an update by a newer
-- fix) is copied here by a trigger, and only the newest 50 per rider are kept, so the table stays small however
-- long a shift runs. Nobody writes it but that trigger; consoles only read it.

CREATE TABLE rider_trail (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rider_id uuid             NOT NULL REFERENCES delivery_riders (id),
    lat      double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon      double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    fix_at   timestamptz      NOT NULL
);
CREATE INDEX rider_trail_rider_idx ON rider_trail (rider_id, id);

CREATE FUNCTION keep_rider_trail() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS
$$
BEGIN
    INSERT INTO rider_trail (rider_id, lat, lon, fix_at) VALUES (NEW.rider_id, NEW.lat, NEW.lon, NEW.fix_at);
    -- The 50th newest and everything older than it goes: one short index range per fix.
    DELETE FROM rider_trail
    WHERE rider_id = NEW.rider_id
      AND id <= (SELECT id FROM rider_trail WHERE rider_id = NEW.rider_id ORDER BY id DESC OFFSET 50 LIMIT 1);
    RETURN NULL;
END;
$$;

CREATE TRIGGER rider_locations_trail AFTER INSERT OR UPDATE ON rider_locations
    FOR EACH ROW EXECUTE FUNCTION keep_rider_trail();

-- Positions already stored start the trail.
INSERT INTO rider_trail (rider_id, lat, lon, fix_at) SELECT rider_id, lat, lon, fix_at FROM rider_locations;

REVOKE ALL ON rider_trail FROM PUBLIC;
GRANT SELECT ON rider_trail TO dispatch_dispatcher, dispatch_supervisor, dispatch_admin;

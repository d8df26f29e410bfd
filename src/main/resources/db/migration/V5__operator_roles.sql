-- Operators are PostgreSQL login roles that are members of one of these group roles. The GRANTs are the
-- enforcement: a console hides what a role cannot do, and the database refuses it anyway.
DO
$$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dispatch_dispatcher') THEN
        CREATE ROLE dispatch_dispatcher NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dispatch_supervisor') THEN
        CREATE ROLE dispatch_supervisor NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dispatch_admin') THEN
        CREATE ROLE dispatch_admin NOLOGIN;
    END IF;
END;
$$;

-- Nobody but the owner changes the schema.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO dispatch_dispatcher, dispatch_supervisor, dispatch_admin;

-- Everyone reads.
GRANT SELECT ON ALL TABLES IN SCHEMA public TO dispatch_dispatcher, dispatch_supervisor, dispatch_admin;

-- Dispatch work: assign, reassign, move batches, record outcomes and PoD, edit batch contents, availability.
GRANT INSERT, UPDATE ON delivery_batches, delivery_batch_orders, orders, rider_locations
    TO dispatch_dispatcher, dispatch_supervisor, dispatch_admin;
GRANT DELETE ON delivery_batch_orders TO dispatch_dispatcher, dispatch_supervisor, dispatch_admin;
GRANT UPDATE ON delivery_riders TO dispatch_dispatcher, dispatch_supervisor, dispatch_admin;

-- Audit history: INSERT only, for every role (the append-only triggers refuse the rest even to the owner).
GRANT INSERT ON batch_status_history, rider_assignment_history
    TO dispatch_dispatcher, dispatch_supervisor, dispatch_admin;

-- Reviews: supervisors (and admins) only.
GRANT INSERT ON pod_reviews TO dispatch_supervisor, dispatch_admin;

-- Fleet set-up: admins create outlets and riders.
GRANT INSERT ON outlets, delivery_riders TO dispatch_admin;

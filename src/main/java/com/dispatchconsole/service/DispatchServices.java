package com.dispatchconsole.service;

import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.RiderLocks;
import java.time.Clock;

/** The services of one console (or one stress client) over one database. */
public final class DispatchServices {

    /**
     * @param lockRiders   false only in the test that proves the stress harness catches a missing rider lock
     * @param maxAttempts  how often a deadlocked or serialization-failed unit of work is tried in all
     */
    public record Options(boolean lockRiders, int maxAttempts) {
        public static final Options SAFE = new Options(true, 3);

        public static Options withoutRiderLockForTests() {
            return new Options(false, 3);
        }
    }

    private final Database database;
    private final UnitOfWork unitOfWork;
    private final AssignmentService assignments;
    private final BatchService batches;
    private final FleetService fleet;
    private final QueryService queries;
    private final PodService pods;
    private final BatchChanges changes;
    private final ApiTokenService tokens;
    private final PhotoService photos;

    public DispatchServices(Database database) {
        this(database, Options.SAFE, Clock.systemUTC());
    }

    public DispatchServices(Database database, Options options, Clock clock) {
        this.database = database;
        this.unitOfWork = new UnitOfWork(database, options.maxAttempts());
        RiderLocks locks = new RiderLocks(options.lockRiders());
        this.assignments = new AssignmentService(unitOfWork, locks, clock);
        this.batches = new BatchService(unitOfWork, locks, clock);
        this.fleet = new FleetService(unitOfWork, locks, clock);
        this.queries = new QueryService(unitOfWork);
        this.pods = new PodService(unitOfWork);
        this.changes = new BatchChanges(assignments, queries);
        this.tokens = new ApiTokenService(unitOfWork);
        this.photos = new PhotoService(unitOfWork);
    }

    public AssignmentService assignments() {
        return assignments;
    }

    public BatchService batches() {
        return batches;
    }

    /** "Change these batches": what a console's drops and lifecycle buttons do. */
    public BatchChanges changes() {
        return changes;
    }

    public FleetService fleet() {
        return fleet;
    }

    public QueryService queries() {
        return queries;
    }

    public PodService pods() {
        return pods;
    }

    /** API tokens: issued and revoked by admins (the database's GRANTs decide), authenticated by gateways. */
    public ApiTokenService tokens() {
        return tokens;
    }

    /** Photos of deliveries stored in the database: uploaded by the gateway, shown by the PoD viewer. */
    public PhotoService photos() {
        return photos;
    }

    public UnitOfWork unitOfWork() {
        return unitOfWork;
    }

    public Database database() {
        return database;
    }
}

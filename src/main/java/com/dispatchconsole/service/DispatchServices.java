package com.dispatchconsole.service;

import com.dispatchconsole.domain.ApiPrincipal;
import com.dispatchconsole.persistence.Database;
import com.dispatchconsole.persistence.RiderLocks;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

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
    private final Options options;
    private final Clock clock;
    private final ApiPrincipal principal;
    private final UnitOfWork unitOfWork;
    private final AssignmentService assignments;
    private final BatchService batches;
    private final FleetService fleet;
    private final QueryService queries;
    private final PodService pods;
    private final BatchChanges changes;
    private final ApiTokenService tokens;
    private final PhotoService photos;
    private final FollowUpService followUps;
    private final UndoService undo;

    public DispatchServices(Database database) {
        this(database, Options.SAFE, Clock.systemUTC());
    }

    public DispatchServices(Database database, Options options, Clock clock) {
        this(database, options, clock, null);
    }

    private DispatchServices(Database database, Options options, Clock clock, ApiPrincipal principal) {
        this.database = database;
        this.options = options;
        this.clock = clock;
        this.principal = principal;
        this.unitOfWork = new UnitOfWork(database, options.maxAttempts(),
                principal == null ? null : principal.credential());
        RiderLocks locks = new RiderLocks(options.lockRiders());
        this.assignments = new AssignmentService(unitOfWork, locks);
        this.batches = new BatchService(unitOfWork, locks, clock);
        this.fleet = new FleetService(unitOfWork, locks, clock);
        this.queries = new QueryService(unitOfWork);
        this.pods = new PodService(unitOfWork);
        this.changes = new BatchChanges(assignments, queries);
        this.tokens = new ApiTokenService(unitOfWork);
        this.photos = new PhotoService(unitOfWork);
        this.followUps = new FollowUpService(unitOfWork, clock);
        this.undo = new UndoService(unitOfWork, locks, clock);
    }

    /**
     * The same services on the same database (pool, session factory) working for an API token: every transaction
     * declares the token to the database, which refuses whatever is outside the token's scope (OUT_OF_SCOPE) and
     * writes the token's principal into the audit, whatever operator name a call passes (migration V10). Meant for
     * a gateway signed in with a login in {@code dispatch_gateway}; cheap enough to make per request.
     */
    public DispatchServices actingFor(ApiPrincipal principal) {
        return new DispatchServices(database, options, clock, Objects.requireNonNull(principal, "principal"));
    }

    /** The API token these services work for ({@link #actingFor}), or empty for a console's or tool's services. */
    public Optional<ApiPrincipal> principal() {
        return Optional.ofNullable(principal);
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

    /** Disputes to follow up and failed batches to re-dispatch (issue 13). */
    public FollowUpService followUps() {
        return followUps;
    }

    /** Undo: takes back a console's own change while the batch is still as that change left it (issue 14). */
    public UndoService undo() {
        return undo;
    }

    public UnitOfWork unitOfWork() {
        return unitOfWork;
    }

    public Database database() {
        return database;
    }
}

package com.dispatchconsole.domain;

import com.dispatchconsole.domain.ApiTokenScope.Kind;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * What an API token may see and do, checked before anything is read or written so a refusal can say why in
 * words. The database checks the subject again under the row locks (V10's scope guards), so a batch that moves to
 * another rider between this check and the write is still refused there.
 */
public final class ApiAccess {

    /** The kinds of work the API offers, each with the token kinds that may do it. */
    public enum Action {
        CREATE_BATCH("create batches", EnumSet.of(Kind.OUTLET, Kind.SYSTEM)),
        LIST_FLEET("list outlets and riders", EnumSet.of(Kind.OUTLET, Kind.SYSTEM)),
        LIST_BATCHES("list an outlet's batches", EnumSet.of(Kind.OUTLET, Kind.SYSTEM)),
        DISPATCH("assign, reassign or unassign batches", EnumSet.of(Kind.OUTLET, Kind.SYSTEM)),
        CANCEL("cancel batches", EnumSet.of(Kind.OUTLET, Kind.SYSTEM)),
        DELIVER("pick up, deliver or fail batches", EnumSet.of(Kind.RIDER, Kind.SYSTEM)),
        RIDER_SELF("report positions or breaks", EnumSet.of(Kind.RIDER, Kind.SYSTEM)),
        /** The control room's (a workforce or dispatch system's): a rider's app only goes on break and back. */
        DUTY("take riders on or off duty", EnumSet.of(Kind.SYSTEM)),
        UPLOAD_PHOTO("upload photos", EnumSet.of(Kind.RIDER, Kind.SYSTEM)),
        READ_PHOTO("read photos", EnumSet.of(Kind.SYSTEM));

        private final String words;
        private final Set<Kind> kinds;

        Action(String words, Set<Kind> kinds) {
            this.words = words;
            this.kinds = kinds;
        }
    }

    private ApiAccess() {
    }

    /** Refuses an action the token's kind never does, e.g. a tracking token cancelling. */
    public static void require(ApiTokenScope scope, Action action) {
        if (!action.kinds.contains(scope.kind())) {
            throw new DispatchException(ErrorCode.OUT_OF_SCOPE,
                    (scope.kind() == Kind.OUTLET ? "An " : "A ") + scope.kind().name().toLowerCase(java.util.Locale.ROOT)
                            + " token cannot " + action.words + ".");
        }
    }

    /**
     * Refuses a batch (given by its id, outlet and current rider) outside the token's subject: another rider's,
     * another outlet's, not the tracked one.
     */
    public static void requireBatch(ApiTokenScope scope, UUID batchId, UUID outletId, UUID riderId) {
        if (!mayRead(scope, batchId, outletId, riderId)) {
            throw new DispatchException(ErrorCode.OUT_OF_SCOPE, "Batch " + ShortId.of(batchId)
                    + " is not one this token (" + scope.describe() + ") may see or change.");
        }
    }

    public static boolean mayRead(ApiTokenScope scope, UUID batchId, UUID outletId, UUID riderId) {
        return switch (scope.kind()) {
            case SYSTEM -> true;
            case RIDER -> scope.subjectId().equals(riderId);
            case OUTLET -> scope.subjectId().equals(outletId);
            case TRACKING -> scope.subjectId().equals(batchId);
        };
    }

    /** The outlet a request works on: an outlet token's own (another is refused), or the one a system names. */
    public static UUID outlet(ApiTokenScope scope, UUID named) {
        if (scope.kind() == Kind.OUTLET) {
            if (named != null && !named.equals(scope.subjectId())) {
                throw new DispatchException(ErrorCode.OUT_OF_SCOPE, "Outlet " + ShortId.of(named)
                        + " is not this token's outlet (" + scope.describe() + ").");
            }
            return scope.subjectId();
        }
        if (named == null) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "Name the outlet (outletId).");
        }
        return named;
    }

    /**
     * The rider a request speaks for: a rider token's own ({@code named} null for "me", or its own id), any named
     * rider for a system token.
     */
    public static UUID rider(ApiTokenScope scope, UUID named) {
        if (named == null) {
            if (scope.kind() != Kind.RIDER) {
                throw new DispatchException(ErrorCode.OUT_OF_SCOPE,
                        "Only a rider token is a rider; name the rider's id instead of 'me'.");
            }
            return scope.subjectId();
        }
        if (scope.kind() == Kind.RIDER && !named.equals(scope.subjectId())) {
            throw new DispatchException(ErrorCode.OUT_OF_SCOPE,
                    "Rider " + ShortId.of(named) + " is not this token's rider (" + scope.describe() + ").");
        }
        return named;
    }
}

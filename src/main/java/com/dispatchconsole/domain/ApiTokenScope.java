package com.dispatchconsole.domain;

import java.util.UUID;

/**
 * What an API token speaks for: one rider's device, one outlet's system, one batch's tracking page, or a named
 * system. A rider, outlet or tracking scope names its subject; a system scope names the system instead.
 */
public record ApiTokenScope(Kind kind, UUID subjectId, String systemName) {

    /** The longest system name the database accepts. */
    public static final int MAX_SYSTEM_NAME = 100;

    public enum Kind { RIDER, OUTLET, TRACKING, SYSTEM }

    public ApiTokenScope {
        if (kind == null) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT,
                    "A token needs a scope: a rider, an outlet, a batch to track, or a system.");
        }
        if (kind == Kind.SYSTEM) {
            if (subjectId != null) {
                throw new DispatchException(ErrorCode.INVALID_ARGUMENT,
                        "A SYSTEM token names a system, not a rider, outlet or batch.");
            }
            if (systemName == null || systemName.isBlank()) {
                throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "A SYSTEM token needs the system's name.");
            }
            systemName = systemName.strip();
            if (systemName.length() > MAX_SYSTEM_NAME) {
                throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "The system name is longer than "
                        + MAX_SYSTEM_NAME + " characters.");
            }
        } else {
            if (subjectId == null) {
                throw new DispatchException(ErrorCode.INVALID_ARGUMENT, article(kind) + kind + " token needs the id of its "
                        + subjectWord(kind) + ".");
            }
            if (systemName != null) {
                throw new DispatchException(ErrorCode.INVALID_ARGUMENT, article(kind) + kind + " token names its "
                        + subjectWord(kind) + ", not a system name.");
            }
        }
    }

    public static ApiTokenScope rider(UUID riderId) {
        return new ApiTokenScope(Kind.RIDER, riderId, null);
    }

    public static ApiTokenScope outlet(UUID outletId) {
        return new ApiTokenScope(Kind.OUTLET, outletId, null);
    }

    /** A tracking page's token: it may follow one batch. */
    public static ApiTokenScope tracking(UUID batchId) {
        return new ApiTokenScope(Kind.TRACKING, batchId, null);
    }

    public static ApiTokenScope system(String name) {
        return new ApiTokenScope(Kind.SYSTEM, null, name);
    }

    /** "rider 1a2b3c4d", "system billing": how messages and listings name the scope. */
    public String describe() {
        return kind == Kind.SYSTEM ? "system " + systemName : subjectWord(kind) + " " + ShortId.of(subjectId);
    }

    private static String article(Kind kind) {
        return kind == Kind.OUTLET ? "An " : "A ";
    }

    private static String subjectWord(Kind kind) {
        return switch (kind) {
            case RIDER -> "rider";
            case OUTLET -> "outlet";
            case TRACKING -> "batch";
            case SYSTEM -> "system";
        };
    }
}

package com.dispatchconsole.domain.rows;

import com.dispatchconsole.domain.ApiTokenScope;
import java.time.Instant;
import java.util.UUID;

/**
 * An issued API token as listings show it. Never the token nor its hash: {@code prefix} is the token's first
 * characters, enough to tell tokens apart. {@code revokedAt} and {@code revokedBy} are null while it is valid.
 */
public record ApiTokenRow(UUID id, ApiTokenScope scope, String prefix, Instant createdAt, String createdBy,
                          Instant revokedAt, String revokedBy) {

    public ApiTokenScope.Kind kind() {
        return scope.kind();
    }

    public UUID subjectId() {
        return scope.subjectId();
    }

    public String systemName() {
        return scope.systemName();
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}

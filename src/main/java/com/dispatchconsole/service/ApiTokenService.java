package com.dispatchconsole.service;

import com.dispatchconsole.domain.ApiPrincipal;
import com.dispatchconsole.domain.ApiTokenScope;
import com.dispatchconsole.domain.ApiTokenSecret;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.rows.ApiTokenRow;
import com.dispatchconsole.domain.rows.IssuedToken;
import com.dispatchconsole.persistence.ApiTokenQueries;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * API tokens for the systems around the console (issue 11): admins issue and revoke them, the gateway
 * authenticates them. The plaintext exists only in the {@link IssuedToken} returned once by {@link #issue}; it is
 * never stored, logged or put into an exception. Who may issue, list and revoke is the database's GRANTs' call
 * (admins only, V9): another role's attempt comes back as PERMISSION_DENIED with nothing written.
 */
public final class ApiTokenService {

    private final UnitOfWork unitOfWork;
    private final SecureRandom random = new SecureRandom();

    public ApiTokenService(UnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    public IssuedToken issue(ApiTokenScope scope, String operator) {
        if (scope == null) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, "No token scope was given.");
        }
        Checks.requireActor(operator);
        String token = ApiTokenSecret.generate(random);
        ApiTokenRow row = unitOfWork.call(operator, null, session -> UnitOfWork.jdbc(session, c -> {
            if (!ApiTokenQueries.subjectExists(c, scope)) {
                throw subjectMissing(scope);
            }
            UUID id = UUID.randomUUID();
            ApiTokenQueries.insert(c, id, scope, ApiTokenSecret.hash(token), ApiTokenSecret.shownPart(token));
            return ApiTokenQueries.find(c, id).orElseThrow();
        }));
        return new IssuedToken(token, row);
    }

    /** Revokes a valid token; an unknown or already revoked one is refused and nothing changes. */
    public ApiTokenRow revoke(UUID tokenId, String operator) {
        Checks.requireId(tokenId, "token");
        Checks.requireActor(operator);
        return unitOfWork.call(operator, null, session -> UnitOfWork.jdbc(session, c -> {
            ApiTokenRow current = ApiTokenQueries.lock(c, tokenId).orElseThrow(() -> new DispatchException(
                    ErrorCode.TOKEN_NOT_FOUND, "Token " + ShortId.of(tokenId) + " does not exist; nothing was changed."));
            if (current.revoked()) {
                throw new DispatchException(ErrorCode.ALREADY_CHANGED, "Token " + ShortId.of(tokenId)
                        + " was already revoked by " + current.revokedBy() + " at " + current.revokedAt()
                        + "; nothing was changed.");
            }
            ApiTokenQueries.revoke(c, tokenId);
            return ApiTokenQueries.find(c, tokenId).orElseThrow();
        }));
    }

    /** Every token, valid and revoked, oldest first; never a token or its hash. */
    public List<ApiTokenRow> list() {
        return unitOfWork.read(ApiTokenQueries::all);
    }

    /**
     * Who a valid token acts for, or empty for an unknown, revoked or malformed one (all alike, so a caller learns
     * nothing about which). The token is found by its hash alone, through {@code api_token_principal}: the one thing
     * a gateway's login may ask of the tokens (it never reads the table). Hand the principal to
     * {@link DispatchServices#actingFor} to work for it.
     */
    public Optional<ApiPrincipal> authenticate(String token) {
        if (!ApiTokenSecret.wellFormed(token)) {
            return Optional.empty();
        }
        byte[] hash = ApiTokenSecret.hash(token);
        return unitOfWork.read(c -> ApiTokenQueries.principal(c, hash));
    }

    /** Whether a principal's token is still valid (not revoked), asked by its hash like {@link #authenticate}. */
    public boolean stillValid(ApiPrincipal principal) {
        byte[] hash = java.util.HexFormat.of().parseHex(principal.credential());
        return unitOfWork.read(c -> ApiTokenQueries.principal(c, hash)).isPresent();
    }

    private static DispatchException subjectMissing(ApiTokenScope scope) {
        String id = ShortId.of(scope.subjectId());
        return switch (scope.kind()) {
            case RIDER -> new DispatchException(ErrorCode.RIDER_NOT_FOUND, "Rider " + id + " does not exist; no token was issued.");
            case OUTLET -> new DispatchException(ErrorCode.OUTLET_NOT_FOUND, "Outlet " + id + " does not exist; no token was issued.");
            case TRACKING, SYSTEM -> new DispatchException(ErrorCode.BATCH_NOT_FOUND, "Batch " + id + " does not exist; no token was issued.");
        };
    }
}

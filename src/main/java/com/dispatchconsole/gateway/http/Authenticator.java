package com.dispatchconsole.gateway.http;

import com.dispatchconsole.domain.ApiPrincipal;
import com.dispatchconsole.domain.ApiTokenSecret;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.service.ApiTokenService;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns {@code Authorization: Bearer <token>} into the token's principal. A valid answer is remembered for a few
 * seconds by the token's hash (never the token), so a busy rider app costs one lookup per interval, not one per
 * request; writes are unaffected by that memory, because the database checks the token again in every write
 * transaction, so a revoked token's writes stop at once and its reads within {@code remember}.
 */
final class Authenticator {

    private static final int MAX_REMEMBERED = 50_000;

    private final ApiTokenService tokens;
    private final long rememberNanos;
    private final ConcurrentHashMap<String, Remembered> remembered = new ConcurrentHashMap<>();

    private record Remembered(ApiPrincipal principal, long until) {
    }

    Authenticator(ApiTokenService tokens, java.time.Duration remember) {
        this.tokens = tokens;
        this.rememberNanos = remember.toNanos();
    }

    /** The principal of a valid token; refuses a missing, malformed, unknown or revoked one alike. */
    ApiPrincipal authenticate(String authorizationHeader) {
        String token = bearer(authorizationHeader);
        if (token == null || !ApiTokenSecret.wellFormed(token)) {
            throw unauthenticated();
        }
        String key = HexFormat.of().formatHex(ApiTokenSecret.hash(token));
        long now = System.nanoTime();
        Remembered known = remembered.get(key);
        if (known != null && now - known.until() < 0) {
            return known.principal();
        }
        Optional<ApiPrincipal> principal = tokens.authenticate(token);
        if (principal.isEmpty()) {
            remembered.remove(key);
            throw unauthenticated();
        }
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(key, new Remembered(principal.get(), now + rememberNanos));
        return principal.get();
    }

    private static String bearer(String header) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return h.substring(7).strip();
    }

    static ApiFailure unauthenticated() {
        return new ApiFailure(ErrorCode.UNAUTHENTICATED, "Send a valid API token as 'Authorization: Bearer <token>' "
                + "(missing, malformed, unknown and revoked tokens are refused alike); nothing was done.", null);
    }
}

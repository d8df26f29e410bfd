package com.dispatchconsole.domain;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Who an authenticated API request acts for: a valid token's id, its scope and shown prefix, and the credential a
 * gateway session declares to the database for every transaction it runs for the token ({@code dispatch.api_token}:
 * the lowercase hex of the token's SHA-256, see {@link ApiTokenSecret#credential}). The credential opens the
 * gateway's database scope for this token, so {@link #toString()} never shows it.
 */
public record ApiPrincipal(UUID tokenId, ApiTokenScope scope, String tokenPrefix, String credential) {

    private static final Pattern CREDENTIAL = Pattern.compile("[0-9a-f]{64}");

    public ApiPrincipal {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(tokenPrefix, "tokenPrefix");
        if (credential == null || !CREDENTIAL.matcher(credential).matches()) {
            throw new IllegalArgumentException("A credential is the lowercase hex of a token's SHA-256.");
        }
    }

    /**
     * "api rider 1a2b3c4d (token dct_AbCd1234)", "api system billing (token dct_…)": the words the database writes
     * as the operator of every change made for this token (migration V10, {@code api_principal_label}).
     */
    public String label() {
        return "api " + scope.describe() + " (token " + tokenPrefix + ")";
    }

    @Override
    public String toString() {
        return "ApiPrincipal[" + label() + ", token " + tokenId + "]";
    }
}

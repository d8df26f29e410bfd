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
public record ApiPrincipal(UUID tokenId, ApiTokenScope scope, String tokenPrefix, String credential,
                           String subjectName) {

    private static final Pattern CREDENTIAL = Pattern.compile("[0-9a-f]{64}");

    public ApiPrincipal {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(tokenPrefix, "tokenPrefix");
        if (credential == null || !CREDENTIAL.matcher(credential).matches()) {
            throw new IllegalArgumentException("A credential is the lowercase hex of a token's SHA-256.");
        }
    }

    /** Without the subject's name: the label shows the subject's short id instead. */
    public ApiPrincipal(UUID tokenId, ApiTokenScope scope, String tokenPrefix, String credential) {
        this(tokenId, scope, tokenPrefix, credential, null);
    }

    /**
     * "api rider Farid Rossi (token dct_AbCd1234)", "api outlet Central Market (token …)", "api batch 1a2b3c4d
     * (token …)", "api system billing (token …)": the words the database writes as the operator of every change
     * made for this token (migrations V10 and V14, {@code api_principal_label}), with the rider's or outlet's name
     * as it was when the token was authenticated.
     */
    public String label() {
        boolean named = subjectName != null
                && (scope.kind() == ApiTokenScope.Kind.RIDER || scope.kind() == ApiTokenScope.Kind.OUTLET);
        String subject = named ? scope.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + subjectName
                : scope.describe();
        return "api " + subject + " (token " + tokenPrefix + ")";
    }

    @Override
    public String toString() {
        return "ApiPrincipal[" + label() + ", token " + tokenId + "]";
    }
}

package com.dispatchconsole.domain.rows;

/**
 * A token just issued: the plaintext, shown to its issuer this once (the database keeps only its hash), and the
 * stored row. {@link #toString()} leaves the token out, so logging the record cannot leak it.
 */
public record IssuedToken(String token, ApiTokenRow row) {

    @Override
    public String toString() {
        return "IssuedToken[" + row + "]";
    }
}

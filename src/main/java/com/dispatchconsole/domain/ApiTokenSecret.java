package com.dispatchconsole.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What an API token looks like and how it is stored: {@code dct_} followed by 32 random bytes in unpadded
 * base64url; the database keeps the SHA-256 of the token's text and its first characters, never the token.
 * A token is looked up by its hash only, so checking one compares no secret byte by byte in Java.
 */
public final class ApiTokenSecret {

    public static final String PREFIX = "dct_";
    /** Random bytes per token: 256 bits, so guessing is hopeless and a plain SHA-256 (no salt) is enough. */
    static final int RANDOM_BYTES = 32;
    /** "dct_" and 43 base64url characters. */
    public static final int LENGTH = PREFIX.length() + 43;
    /** How much of a token listings show: the marker and eight characters (48 of its 256 bits). */
    public static final int SHOWN_CHARACTERS = PREFIX.length() + 8;

    private ApiTokenSecret() {
    }

    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the text has a token's shape; anything else is not worth a lookup. */
    public static boolean wellFormed(String token) {
        if (token == null || token.length() != LENGTH || !token.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < token.length(); i++) {
            char c = token.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!base64url) {
                return false;
            }
        }
        return true;
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /**
     * What a gateway session declares to the database for a token: the lowercase hex of its SHA-256. Whoever
     * holds it and a gateway login can act within the token's scope, so it is kept like the token itself.
     */
    public static String credential(String token) {
        return HexFormat.of().formatHex(hash(token));
    }

    public static String shownPart(String token) {
        return token.substring(0, SHOWN_CHARACTERS);
    }
}

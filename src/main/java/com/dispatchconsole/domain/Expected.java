package com.dispatchconsole.domain;

/**
 * What a caller saw of a row when it decided to act: the row's version as shown on its screen, or nothing, for
 * automation that acts on whatever is current. A change made on a screen that no longer shows the truth is
 * refused with {@link ErrorCode#ALREADY_CHANGED} instead of being applied on top of someone else's change.
 */
public record Expected(Long version) {

    /** No expectation: act on the row as it is now (stress runs, the demo seed, command-line tools). */
    public static final Expected ANY = new Expected(null);

    public static Expected version(long version) {
        return new Expected(version);
    }

    public boolean matches(long actualVersion) {
        return version == null || version == actualVersion;
    }
}

package com.dispatchconsole.cli;

import picocli.CommandLine.IVersionProvider;

/**
 * What {@code --version} prints: the version the build wrote into the jar's manifest (the pom's, e.g. 0.1.0-SNAPSHOT),
 * so it cannot drift from the packages' version. Run from classes rather than the jar (tests, an IDE), there is no
 * manifest to read, and it says so.
 */
public final class Version implements IVersionProvider {

    /** The version of this build, or "development build" when not run from the built jar. */
    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? "development build" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Dispatch Console " + current()};
    }
}

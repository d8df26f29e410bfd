package com.dispatchconsole.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/** A directory that only this OS account can enter: created so, repaired if too open, refused if someone else's. */
final class PrivateDirectory {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private PrivateDirectory() {
    }

    static Path ensure(Path directory) throws IOException {
        Files.createDirectories(directory);
        if (!Files.getFileAttributeView(directory, java.nio.file.attribute.PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS).readAttributes().isDirectory()) {
            throw new IOException(directory + " is not a directory (a link?); refusing to use it for the database programs.");
        }
        UserPrincipal me = directory.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        if (!Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS).equals(me)) {
            throw new IOException(directory + " belongs to another account; refusing to run database programs from it.");
        }
        Files.setPosixFilePermissions(directory, OWNER_ONLY);
        return directory;
    }
}

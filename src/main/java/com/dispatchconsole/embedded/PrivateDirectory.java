package com.dispatchconsole.embedded;

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
        if (!Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS).equals(currentAccount(directory))) {
            throw new IOException(directory + " belongs to another account; refusing to run database programs from it.");
        }
        Files.setPosixFilePermissions(directory, OWNER_ONLY);
        return directory;
    }

    /**
     * This process's account, as the owner of a file it creates: works where the account has no name to look up
     * (containers, CI runners with a bare uid).
     */
    private static UserPrincipal currentAccount(Path near) throws IOException {
        Path probe = Files.createTempFile(near.getParent() == null ? near : near.getParent(), ".owner", ".probe");
        try {
            return Files.getOwner(probe);
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}

package com.dispatchconsole.cli;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.pod.PodText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a PoD file for `pod record`: a readable file of sane size, decoded as strict UTF-8. */
final class PodFile {

    /** Far above a valid document (64 KiB), so the validator still says how big it is; far below any harm. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private PodFile() {
    }

    static String read(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, file + " is not a readable file.");
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new DispatchException(ErrorCode.INVALID_POD, file + " is larger than 1 MiB; a proof of "
                        + "delivery is at most 64 KiB. Nothing was saved.");
            }
            return PodText.decodeUtf8(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new DispatchException(ErrorCode.INVALID_ARGUMENT, file + " could not be read ("
                    + e.getClass().getSimpleName() + ").", e);
        }
    }
}

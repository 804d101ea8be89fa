package org.projunn.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.projunn.npy.NpyArray;
import org.projunn.npy.NpyWriter;

/**
 * An output {@code .npy} path, checked before any work is done and written through a temporary
 * file in the same folder, so that a failed run never leaves a partial or stale-looking result.
 */
final class OutputFile {
    private final Path file;

    private OutputFile(Path file) {
        this.file = file;
    }

    static OutputFile check(Path file) {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new BadInputException("cannot write " + file + ": folder " + dir + " does not exist");
        }
        if (Files.isDirectory(abs)) {
            throw new BadInputException("cannot write " + file + ": it is a folder");
        }
        return new OutputFile(abs);
    }

    void write(NpyArray array) throws IOException {
        // a plain new file (not createTempFile) so the result gets the usual permissions
        Path tmp = file.resolveSibling("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            NpyWriter.write(tmp, array);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

package org.projunn.npy;

import java.io.IOException;

/**
 * A {@code .npy} file that cannot be read: bad magic, unsupported version or dtype, a malformed
 * header, or data shorter than the header promises. The message names the file and the problem.
 */
public class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception whose message is {@code source + ": " + problem}.
     *
     * @param source the file's name or path
     * @param problem what is wrong with it
     */
    public NpyFormatException(String source, String problem) {
        super(source + ": " + problem);
    }
}

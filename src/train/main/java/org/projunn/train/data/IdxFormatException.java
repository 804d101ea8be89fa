package org.projunn.train.data;

import java.nio.file.Path;
import org.projunn.InvalidInputException;

/** An IDX file (or the folder of the MNIST files) that cannot be used: the message names the file and the problem. */
public class IdxFormatException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public IdxFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}

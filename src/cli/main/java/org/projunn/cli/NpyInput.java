package org.projunn.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.projunn.DType;
import org.projunn.npy.MatrixBatch;
import org.projunn.npy.MatrixLayout;
import org.projunn.npy.NpyArray;
import org.projunn.npy.NpyHeader;
import org.projunn.npy.NpyReader;

/** One {@code .npy} input of a command: the option that named it, its header, its matrices. */
record NpyInput(String option, Path file, NpyHeader header, MatrixBatch matrices) {

    /** Reads a 2-D or 3-D array; the option name ({@code --A}) is used in error messages. */
    static NpyInput read(String option, Path file) throws IOException {
        NpyArray array = NpyReader.read(file);
        NpyHeader h = array.header();
        if (h.ndim() != 2 && h.ndim() != 3) {
            throw new BadInputException(option + " " + file + ": expected a 2-D (N x M) or 3-D (B x N x M) array, got "
                    + (h.ndim() == 0 ? "a scalar" : "shape " + h.describeShape()));
        }
        if (h.elementCount() == 0) {
            throw new BadInputException(option + " " + file + ": the array is empty (shape " + h.describeShape() + ")");
        }
        return new NpyInput(option, file, h, MatrixLayout.toMatrices(array));
    }

    DType dtype() {
        return matrices.dtype();
    }

    /** e.g. {@code --a a.npy (complex64, 64 x 2)}. */
    String describe() {
        return option + " " + file + " (" + dtypeName() + ", " + header.describeShape() + ")";
    }

    String dtypeName() {
        return header.dtype().type().name().toLowerCase(java.util.Locale.ROOT);
    }
}

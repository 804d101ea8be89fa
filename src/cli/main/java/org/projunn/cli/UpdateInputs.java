package org.projunn.cli;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The files of {@code projunn update}, read and checked against each other: A is N x N or
 * B x N x N; a and b are N x k or B x N x k with the same k; delta has A's shape; all have A's
 * dtype. Every check runs before any computation, so bad input never produces an output file.
 */
final class UpdateInputs {
    final NpyInput matrix;
    final NpyInput a;
    final NpyInput b;
    final NpyInput delta;

    private UpdateInputs(NpyInput matrix, NpyInput a, NpyInput b, NpyInput delta) {
        this.matrix = matrix;
        this.a = a;
        this.b = b;
        this.delta = delta;
    }

    static UpdateInputs factored(Path matrixFile, Path aFile, Path bFile) throws IOException {
        NpyInput m = readMatrix(matrixFile);
        NpyInput a = read("--a", aFile, m);
        NpyInput b = read("--b", bFile, m);
        checkFactor(a, m);
        checkFactor(b, m);
        if (a.matrices().cols() != b.matrices().cols()) {
            throw new BadInputException("a and b must have the same number of columns k: " + a.describe()
                    + ", " + b.describe());
        }
        return new UpdateInputs(m, a, b, null);
    }

    static UpdateInputs sampled(Path matrixFile, Path deltaFile) throws IOException {
        NpyInput m = readMatrix(matrixFile);
        NpyInput d = read("--delta", deltaFile, m);
        if (d.header().ndim() != m.header().ndim() || d.matrices().batch() != m.matrices().batch()
                || d.matrices().rows() != m.matrices().rows() || d.matrices().cols() != m.matrices().cols()) {
            throw new BadInputException("delta must have A's shape " + m.header().describeShape() + ": "
                    + d.describe());
        }
        return new UpdateInputs(m, null, null, d);
    }

    int batch() {
        return matrix.matrices().batch();
    }

    int n() {
        return matrix.matrices().rows();
    }

    /** k of the given a, b. */
    int factorRank() {
        return a.matrices().cols();
    }

    private static NpyInput readMatrix(Path file) throws IOException {
        NpyInput m = NpyInput.read("--A", file);
        if (m.matrices().rows() != m.matrices().cols()) {
            throw new BadInputException("A must be square (N x N or B x N x N): " + m.describe());
        }
        return m;
    }

    private static NpyInput read(String option, Path file, NpyInput matrix) throws IOException {
        NpyInput in = NpyInput.read(option, file);
        if (in.dtype() != matrix.dtype()) {
            throw new BadInputException(option + " " + file + " is " + in.dtypeName() + " but --A " + matrix.file()
                    + " is " + matrix.dtypeName() + ": a, b and delta must have A's dtype");
        }
        return in;
    }

    private static void checkFactor(NpyInput f, NpyInput m) {
        int n = m.matrices().rows();
        boolean batched = m.header().ndim() == 3;
        String expected = batched ? m.matrices().batch() + " x " + n + " x k" : n + " x k";
        if (f.header().ndim() != m.header().ndim() || f.matrices().batch() != m.matrices().batch()
                || f.matrices().rows() != n) {
            throw new BadInputException(f.option().substring(2) + " must be " + expected + " to match "
                    + m.describe() + ": " + f.describe());
        }
    }
}

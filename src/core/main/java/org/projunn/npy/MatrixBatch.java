package org.projunn.npy;

import org.projunn.Backend;
import org.projunn.DType;
import org.projunn.Tensor;

/**
 * Values in projunn's {@link Tensor} layout: {@code batch} matrices of {@code rows x cols},
 * column-major, one after the other, complex interleaved. Exactly one of {@code floats}
 * (float32, complex64) and {@code doubles} (float64, complex128) is non-null.
 */
public record MatrixBatch(DType dtype, int batch, int rows, int cols, float[] floats, double[] doubles) {

    public MatrixBatch {
        if (dtype == null) {
            throw new IllegalArgumentException("dtype must not be null");
        }
        if ((floats == null) == (doubles == null) || (doubles != null) != dtype.isDoublePrecision()) {
            throw new IllegalArgumentException(dtype + " values must be given as "
                    + (dtype.isDoublePrecision() ? "double[]" : "float[]"));
        }
        long expected = (long) batch * rows * cols * dtype.scalarsPerElement();
        int have = floats != null ? floats.length : doubles.length;
        if (batch < 0 || rows < 0 || cols < 0 || have != expected) {
            throw new IllegalArgumentException(batch + " x " + rows + " x " + cols + " " + dtype
                    + " needs " + expected + " scalars, got " + have);
        }
    }

    /** A new tensor on {@code backend} holding a copy of these values. */
    public Tensor toTensor(Backend backend) {
        Tensor t = backend.allocate(dtype, batch, rows, cols);
        try {
            if (floats != null) {
                t.copyFrom(floats);
            } else {
                t.copyFrom(doubles);
            }
            return t;
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    /** A copy of {@code t}'s values, at its own precision. */
    public static MatrixBatch of(Tensor t) {
        return t.dtype().isDoublePrecision()
                ? new MatrixBatch(t.dtype(), t.batch(), t.rows(), t.cols(), null, t.toDoubleArray())
                : new MatrixBatch(t.dtype(), t.batch(), t.rows(), t.cols(), t.toFloatArray(), null);
    }

    /** The backing array, float[] or double[]. */
    Object storage() {
        return floats != null ? floats : doubles;
    }
}

package org.projunn.npy;

import org.projunn.Backend;
import org.projunn.DType;
import org.projunn.Tensor;

/**
 * Values in projunn's {@link Tensor} layout: {@code batch} matrices of {@code rows x cols},
 * column-major, one after the other, complex interleaved. Exactly one of {@code floats}
 * (float32, complex64) and {@code doubles} (float64, complex128) is non-null. The arrays are
 * shared, not copied.
 *
 * @param dtype the element type
 * @param batch number of matrices, &gt;= 0
 * @param rows rows of each matrix, &gt;= 0
 * @param cols columns of each matrix, &gt;= 0
 * @param floats the values of a single-precision batch, else null
 * @param doubles the values of a double-precision batch, else null
 */
public record MatrixBatch(DType dtype, int batch, int rows, int cols, float[] floats, double[] doubles) {

    /**
     * Validates the fields.
     *
     * @param dtype the element type; not null
     * @param batch number of matrices, &gt;= 0
     * @param rows rows of each matrix, &gt;= 0
     * @param cols columns of each matrix, &gt;= 0
     * @param floats the values when single precision, else null. Not copied.
     * @param doubles the values when double precision, else null. Not copied.
     * @throws IllegalArgumentException for a null dtype, the wrong array (or both, or none) for
     *         the dtype, a negative size, or an array length other than
     *         {@code batch * rows * cols * dtype.scalarsPerElement()}
     */
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

    /**
     * A new tensor on {@code backend} holding a copy of these values.
     *
     * @param backend where the tensor lives; the caller closes the tensor
     * @return the tensor
     * @throws org.projunn.InvalidInputException when the backend rejects the shape (e.g. a size of 0)
     */
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

    /**
     * A copy of {@code t}'s values, at its own precision.
     *
     * @param t the tensor. Not modified.
     * @return the batch, with new arrays
     */
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

package org.projunn;

/**
 * A batch of {@code batch} matrices of {@code rows x cols} elements, column-major, complex
 * elements interleaved (re, im), owned by one {@link Backend}. Matrix {@code e} of the batch
 * starts at element {@code e * rows * cols}; element (i, j) of it is at {@code i + j * rows}.
 *
 * <p>A CPU tensor lives in a Java array, a CUDA tensor in device memory; either can wrap storage
 * the caller already has. {@link #close()} releases storage the tensor owns (wrapped storage
 * stays the caller's).
 */
public abstract class Tensor implements AutoCloseable {
    private final DType dtype;
    private final int batch;
    private final int rows;
    private final int cols;

    /**
     * Validates and records the shape; for backend implementations.
     *
     * @param dtype element type; not null
     * @param batch number of matrices, &gt;= 1
     * @param rows rows of each matrix, &gt;= 1
     * @param cols columns of each matrix, &gt;= 1
     * @throws InvalidInputException for a null dtype, a size below 1, or 2^31 scalars or more
     */
    protected Tensor(DType dtype, int batch, int rows, int cols) {
        if (dtype == null) {
            throw new InvalidInputException("dtype must not be null");
        }
        if (batch < 1 || rows < 1 || cols < 1) {
            throw new InvalidInputException("tensor shape must be positive, got batch=" + batch
                    + " rows=" + rows + " cols=" + cols);
        }
        long scalars = (long) batch * rows * cols * dtype.scalarsPerElement();
        if (scalars > Integer.MAX_VALUE - 16) {
            throw new InvalidInputException("tensor of " + scalars + " scalars is too large (limit 2^31)");
        }
        this.dtype = dtype;
        this.batch = batch;
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * The element type.
     *
     * @return the dtype
     */
    public final DType dtype() {
        return dtype;
    }

    /**
     * The number of matrices.
     *
     * @return the batch size, &gt;= 1
     */
    public final int batch() {
        return batch;
    }

    /**
     * Rows of each matrix.
     *
     * @return the rows, &gt;= 1
     */
    public final int rows() {
        return rows;
    }

    /**
     * Columns of each matrix.
     *
     * @return the columns, &gt;= 1
     */
    public final int cols() {
        return cols;
    }

    /**
     * Number of scalars (floats or doubles) held.
     *
     * @return {@code batch * rows * cols * (complex ? 2 : 1)}
     */
    public final int scalarCount() {
        return batch * rows * cols * dtype.scalarsPerElement();
    }

    /**
     * The backend that owns this tensor's storage.
     *
     * @return the backend instance; projectors accept only tensors of their own backend instance
     */
    public abstract Backend backend();

    /**
     * Copies {@code src} into this tensor (rounded to float for single-precision types).
     *
     * @param src {@link #scalarCount()} values, column-major, interleaved (re, im) when complex.
     *        Not modified.
     * @throws InvalidInputException when {@code src} is null or has another length; the tensor is
     *         then unchanged
     */
    public abstract void copyFrom(double[] src);

    /**
     * Copies {@code src} into this tensor; the same layout as {@link #copyFrom(double[])}.
     *
     * @param src {@link #scalarCount()} values. Not modified.
     * @throws InvalidInputException when {@code src} is null or has another length; the tensor is
     *         then unchanged
     */
    public abstract void copyFrom(float[] src);

    /**
     * The whole content as doubles, in the layout described above.
     *
     * @return a new array of {@link #scalarCount()} values
     */
    public abstract double[] toDoubleArray();

    /**
     * The whole content as floats (rounded for double tensors).
     *
     * @return a new array of {@link #scalarCount()} values
     */
    public abstract float[] toFloatArray();

    /**
     * A short description of the dtype and shape.
     *
     * @return e.g. {@code complex64[4 x 128 x 128]}
     */
    public String describe() {
        String name = dtype.name().toLowerCase(java.util.Locale.ROOT);
        return name + "[" + (batch > 1 ? batch + " x " : "") + rows + " x " + cols + "]";
    }

    @Override
    public String toString() {
        return describe() + " on " + backend().name();
    }

    /** Releases the storage this tensor owns (device memory); wrapped storage stays the caller's. */
    @Override
    public abstract void close();
}

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

    public final DType dtype() {
        return dtype;
    }

    public final int batch() {
        return batch;
    }

    public final int rows() {
        return rows;
    }

    public final int cols() {
        return cols;
    }

    /** Number of scalars (floats or doubles) held: batch * rows * cols * (complex ? 2 : 1). */
    public final int scalarCount() {
        return batch * rows * cols * dtype.scalarsPerElement();
    }

    /** The backend that owns this tensor's storage. */
    public abstract Backend backend();

    /** Copies {@code src} (column-major, interleaved, {@link #scalarCount()} values) into this tensor. */
    public abstract void copyFrom(double[] src);

    /** Copies {@code src} into this tensor; the same layout as {@link #copyFrom(double[])}. */
    public abstract void copyFrom(float[] src);

    /** The whole content as doubles, in the layout described above. */
    public abstract double[] toDoubleArray();

    /** The whole content as floats (rounded for double tensors). */
    public abstract float[] toFloatArray();

    /** A short description such as {@code complex64[4 x 128 x 128]}. */
    public String describe() {
        String name = dtype.name().toLowerCase(java.util.Locale.ROOT);
        return name + "[" + (batch > 1 ? batch + " x " : "") + rows + " x " + cols + "]";
    }

    @Override
    public String toString() {
        return describe() + " on " + backend().name();
    }

    @Override
    public abstract void close();
}

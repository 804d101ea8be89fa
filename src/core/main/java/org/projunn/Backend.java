package org.projunn;

import java.util.Optional;

/**
 * Where matrices live and projUNN steps run: the CPU (always available) or a CUDA device.
 * A backend owns native resources where it has any; close it when done.
 */
public interface Backend extends AutoCloseable {

    /**
     * The backend's short name, as {@link Backends#open} accepts it.
     *
     * @return "cpu", "cuda", ...
     */
    String name();

    /**
     * A human-readable description of what this backend uses (threads, device, libraries).
     *
     * @return one line, e.g. {@code cpu: 2 threads, Java 17}
     */
    String describe();

    /**
     * A new zero-filled tensor owned by this backend; close it when done.
     *
     * @param dtype element type; not null
     * @param batch number of matrices, &gt;= 1
     * @param rows rows of each matrix, &gt;= 1
     * @param cols columns of each matrix, &gt;= 1
     * @return the tensor, all zeros
     * @throws InvalidInputException when a size is below 1, dtype is null, or the tensor would
     *         hold 2^31 scalars or more
     */
    Tensor allocate(DType dtype, int batch, int rows, int cols);

    /**
     * A new tensor holding a copy of {@code data}; close it when done.
     *
     * @param dtype element type; not null
     * @param batch number of matrices, &gt;= 1
     * @param rows rows of each matrix, &gt;= 1
     * @param cols columns of each matrix, &gt;= 1
     * @param data {@code batch * rows * cols * dtype.scalarsPerElement()} values, column-major,
     *        interleaved (re, im) when complex, rounded to float for single-precision types.
     *        Not modified.
     * @return the tensor
     * @throws InvalidInputException when the shape is invalid or {@code data} has the wrong length
     */
    default Tensor upload(DType dtype, int batch, int rows, int cols, double[] data) {
        Tensor t = allocate(dtype, batch, rows, cols);
        try {
            t.copyFrom(data);
            return t;
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    /**
     * A tensor that shares the caller's array instead of copying it, where this backend computes
     * in host memory; empty where it cannot (a device backend), and then {@link #upload} and
     * {@link Tensor#copyFrom} move the data. Steps on a shared tensor write the caller's array.
     *
     * @param data FLOAT64 or COMPLEX128 values, column-major, interleaved when complex; not copied
     * @param dtype FLOAT64 or COMPLEX128
     * @param batch number of matrices
     * @param rows rows of each matrix
     * @param cols columns of each matrix
     * @return the shared tensor, or empty
     */
    default Optional<Tensor> share(double[] data, DType dtype, int batch, int rows, int cols) {
        return Optional.empty();
    }

    /**
     * A projector for {@code batch} matrices of size {@code n x n} and element type {@code dtype}.
     * It allocates its workspace once, here; its steps allocate nothing proportional to N^2.
     *
     * @param spec the step's configuration (method, rank k, sampler, re-orthonormalization); not null
     * @param dtype element type of the matrices it will step; not null
     * @param batch number of matrices stepped together, &gt;= 1
     * @param n order of each matrix, with 2k &lt;= n (n = 1 allows k = 1)
     * @return the projector, at step 0; close it when done
     * @throws InvalidInputException when the shape or rank is invalid (see {@link Checks#projectorShape})
     */
    Projector newProjector(ProjectorSpec spec, DType dtype, int batch, int n);

    /** Releases the backend's worker threads and native resources; its tensors and projectors must not be used after. */
    @Override
    void close();
}

package org.projunn;

import java.util.Optional;

/**
 * Where matrices live and projUNN steps run: the CPU (always available) or a CUDA device.
 * A backend owns native resources where it has any; close it when done.
 */
public interface Backend extends AutoCloseable {

    /** "cpu", "cuda", ... */
    String name();

    /** A human-readable description of what this backend uses (threads, device, libraries). */
    String describe();

    /** A new zero-filled tensor owned by this backend. */
    Tensor allocate(DType dtype, int batch, int rows, int cols);

    /** A new tensor holding a copy of {@code data} (column-major, interleaved complex). */
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
     */
    Projector newProjector(ProjectorSpec spec, DType dtype, int batch, int n);

    @Override
    void close();
}

package org.projunn.cpu;

import java.util.Optional;
import org.projunn.Backend;
import org.projunn.DType;
import org.projunn.InvalidInputException;
import org.projunn.ProjectorSpec;
import org.projunn.Tensor;
import org.projunn.parallel.WorkerPool;

/**
 * The CPU backend: tensors in Java arrays, steps on a fixed pool of worker threads (one per
 * core by default). Always available; also the reference the GPU backend is tested against.
 */
public final class CpuBackend implements Backend {
    private final WorkerPool parallel;

    /** One worker per available core. */
    public CpuBackend() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * A backend with a fixed number of workers.
     *
     * @param threads worker threads, &gt;= 1
     * @throws InvalidInputException when {@code threads} is below 1
     */
    public CpuBackend(int threads) {
        if (threads < 1) {
            throw new InvalidInputException("threads must be >= 1, got " + threads);
        }
        this.parallel = new WorkerPool(threads, "projunn-cpu");
    }

    WorkerPool parallel() {
        return parallel;
    }

    /**
     * The worker count.
     *
     * @return the number of threads steps run on
     */
    public int threads() {
        return parallel.threads();
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public String describe() {
        return "cpu: " + parallel.threads() + " threads, Java " + Runtime.version() + ", " + SimdKernels.describe();
    }

    @Override
    public CpuTensor allocate(DType dtype, int batch, int rows, int cols) {
        if (dtype == null) {
            throw new InvalidInputException("dtype must not be null");
        }
        long count = (long) batch * rows * cols * dtype.scalarsPerElement();
        if (batch < 1 || rows < 1 || cols < 1 || count > Integer.MAX_VALUE - 16) {
            // let the Tensor constructor produce the standard message
            return new CpuTensor(this, dtype, batch, rows, cols, new float[0], new double[0]);
        }
        return dtype.isDoublePrecision()
                ? new CpuTensor(this, dtype, batch, rows, cols, null, new double[(int) count])
                : new CpuTensor(this, dtype, batch, rows, cols, new float[(int) count], null);
    }

    /**
     * Wraps the caller's float[] (FLOAT32 or COMPLEX64) without copying.
     *
     * @param data exactly {@code batch * rows * cols * dtype.scalarsPerElement()} values,
     *        column-major, interleaved when complex. Not copied: steps on the tensor modify it.
     * @param dtype FLOAT32 or COMPLEX64
     * @param batch number of matrices, &gt;= 1
     * @param rows rows of each matrix, &gt;= 1
     * @param cols columns of each matrix, &gt;= 1
     * @return the tensor, sharing {@code data}
     * @throws InvalidInputException for a double-precision or null dtype, a null array, or a
     *         length that does not match the shape
     */
    public CpuTensor wrap(float[] data, DType dtype, int batch, int rows, int cols) {
        if (dtype != null && dtype.isDoublePrecision()) {
            throw new InvalidInputException("a float[] cannot hold " + dtype + "; use a double[]");
        }
        return new CpuTensor(this, dtype, batch, rows, cols, data, null);
    }

    /**
     * Wraps the caller's double[] (FLOAT64 or COMPLEX128) without copying.
     *
     * @param data exactly {@code batch * rows * cols * dtype.scalarsPerElement()} values,
     *        column-major, interleaved when complex. Not copied: steps on the tensor modify it.
     * @param dtype FLOAT64 or COMPLEX128
     * @param batch number of matrices, &gt;= 1
     * @param rows rows of each matrix, &gt;= 1
     * @param cols columns of each matrix, &gt;= 1
     * @return the tensor, sharing {@code data}
     * @throws InvalidInputException for a single-precision or null dtype, a null array, or a
     *         length that does not match the shape
     */
    public CpuTensor wrap(double[] data, DType dtype, int batch, int rows, int cols) {
        if (dtype != null && !dtype.isDoublePrecision()) {
            throw new InvalidInputException("a double[] cannot hold " + dtype + "; use a float[]");
        }
        return new CpuTensor(this, dtype, batch, rows, cols, null, data);
    }

    /**
     * The CPU computes in host memory: the caller's array is wrapped, never copied.
     *
     * @param data FLOAT64 or COMPLEX128 values. Not copied: steps on the tensor modify it.
     * @param dtype FLOAT64 or COMPLEX128
     * @param batch number of matrices, &gt;= 1
     * @param rows rows of each matrix, &gt;= 1
     * @param cols columns of each matrix, &gt;= 1
     * @return the wrapping tensor, always present
     * @throws InvalidInputException as {@link #wrap(double[], DType, int, int, int)}
     */
    @Override
    public Optional<Tensor> share(double[] data, DType dtype, int batch, int rows, int cols) {
        return Optional.of(wrap(data, dtype, batch, rows, cols));
    }

    @Override
    public CpuProjector newProjector(ProjectorSpec spec, DType dtype, int batch, int n) {
        return new CpuProjector(this, spec, dtype, batch, n);
    }

    @Override
    public void close() {
        parallel.close();
    }
}

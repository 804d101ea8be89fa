package org.projunn.cuda;

import jcuda.driver.CUdeviceptr;
import org.projunn.DType;
import org.projunn.InvalidInputException;
import org.projunn.Tensor;

/**
 * A tensor in device memory: allocated by its {@link CudaBackend} (freed on close, or when the
 * backend closes), or the caller's memory wrapped with {@link CudaBackend#wrap} (never freed
 * here). Copies to and from Java arrays synchronize with the backend's stream.
 */
public final class CudaTensor extends Tensor {
    private final CudaBackend backend;
    private final DeviceBuffer buffer;

    CudaTensor(CudaBackend backend, DType dtype, int batch, int rows, int cols, DeviceBuffer buffer) {
        super(dtype, batch, rows, cols);
        this.backend = backend;
        this.buffer = buffer;
    }

    /**
     * The backend whose device memory holds this tensor.
     *
     * @return the backend
     */
    @Override
    public CudaBackend backend() {
        return backend;
    }

    /**
     * The device address of batch entry 0, for other CUDA code on the same context: entries are
     * contiguous, column-major, complex values interleaved (re, im).
     *
     * @return the address (valid until the tensor is closed)
     * @throws IllegalStateException when the tensor is closed
     */
    public CUdeviceptr pointer() {
        return buffer.pointer();
    }

    /**
     * Bytes of device memory the tensor spans.
     *
     * @return batch x rows x cols x bytes per element
     */
    public long byteSize() {
        return (long) scalarCount() * dtype().bytesPerScalar();
    }

    /**
     * Whether closing frees the memory.
     *
     * @return false for caller memory wrapped by {@link CudaBackend#wrap}
     */
    public boolean ownsMemory() {
        return buffer.owned();
    }

    /**
     * Uploads values (converted to float when the dtype is single precision), waiting for the copy.
     *
     * @param src batch x rows x cols values, column-major, complex interleaved; not modified
     * @throws org.projunn.InvalidInputException when the length does not match
     */
    @Override
    public void copyFrom(double[] src) {
        checkLength(src == null ? -1 : src.length);
        if (dtype().isDoublePrecision()) {
            backend.upload(pointer(), src);
        } else {
            float[] f = new float[src.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) src[i];
            }
            backend.upload(pointer(), f);
        }
    }

    /**
     * Uploads values (widened when the dtype is double precision), waiting for the copy.
     *
     * @param src batch x rows x cols values, column-major, complex interleaved; not modified
     * @throws org.projunn.InvalidInputException when the length does not match
     */
    @Override
    public void copyFrom(float[] src) {
        checkLength(src == null ? -1 : src.length);
        if (!dtype().isDoublePrecision()) {
            backend.upload(pointer(), src);
        } else {
            double[] d = new double[src.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = src[i];
            }
            backend.upload(pointer(), d);
        }
    }

    private void checkLength(int length) {
        if (length != scalarCount()) {
            throw new InvalidInputException("copy into " + describe() + " needs " + scalarCount()
                    + " scalars, got " + (length < 0 ? "null" : length));
        }
    }

    /**
     * Downloads the values after the work queued on the backend's stream.
     *
     * @return a new array, column-major, complex interleaved
     */
    @Override
    public double[] toDoubleArray() {
        double[] out = new double[scalarCount()];
        if (dtype().isDoublePrecision()) {
            backend.download(pointer(), out);
        } else {
            float[] f = new float[scalarCount()];
            backend.download(pointer(), f);
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
        }
        return out;
    }

    /**
     * Downloads the values after the work queued on the backend's stream (rounded when double precision).
     *
     * @return a new array, column-major, complex interleaved
     */
    @Override
    public float[] toFloatArray() {
        float[] out = new float[scalarCount()];
        if (!dtype().isDoublePrecision()) {
            backend.download(pointer(), out);
        } else {
            double[] d = new double[scalarCount()];
            backend.download(pointer(), d);
            for (int i = 0; i < d.length; i++) {
                out[i] = (float) d[i];
            }
        }
        return out;
    }

    boolean isClosed() {
        return buffer.isClosed();
    }

    /** Frees the device memory when this tensor owns it (never wrapped caller memory); twice is harmless. */
    @Override
    public void close() {
        if (!buffer.isClosed()) {
            backend.release(buffer);
        }
    }
}

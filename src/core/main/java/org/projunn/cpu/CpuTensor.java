package org.projunn.cpu;

import org.projunn.DType;
import org.projunn.InvalidInputException;
import org.projunn.Tensor;

/**
 * A tensor in a Java array: float[] for FLOAT32/COMPLEX64, double[] for FLOAT64/COMPLEX128.
 * {@link CpuBackend#wrap} shares a caller's array without copying.
 */
public final class CpuTensor extends Tensor {
    private final CpuBackend backend;
    private final float[] floats;
    private final double[] doubles;
    private final HostArray host;

    CpuTensor(CpuBackend backend, DType dtype, int batch, int rows, int cols, float[] floats, double[] doubles) {
        super(dtype, batch, rows, cols);
        this.backend = backend;
        int expected = scalarCount();
        if (dtype.isDoublePrecision()) {
            if (doubles == null || doubles.length != expected) {
                throw new InvalidInputException(describe() + " needs a double[] of " + expected + " scalars, got "
                        + (doubles == null ? "none" : doubles.length));
            }
            this.host = HostArray.of(doubles);
        } else {
            if (floats == null || floats.length != expected) {
                throw new InvalidInputException(describe() + " needs a float[] of " + expected + " scalars, got "
                        + (floats == null ? "none" : floats.length));
            }
            this.host = HostArray.of(floats);
        }
        this.floats = floats;
        this.doubles = doubles;
    }

    @Override
    public CpuBackend backend() {
        return backend;
    }

    /**
     * The backing array of a single-precision tensor; writing it changes the tensor.
     *
     * @return the float[] (FLOAT32, COMPLEX64), shared, not copied; null for double tensors
     */
    public float[] floats() {
        return floats;
    }

    /**
     * The backing array of a double-precision tensor; writing it changes the tensor.
     *
     * @return the double[] (FLOAT64, COMPLEX128), shared, not copied; null for float tensors
     */
    public double[] doubles() {
        return doubles;
    }

    HostArray host() {
        return host;
    }

    @Override
    public void copyFrom(double[] src) {
        checkLength(src == null ? -1 : src.length);
        if (doubles != null) {
            System.arraycopy(src, 0, doubles, 0, src.length);
        } else {
            for (int i = 0; i < src.length; i++) {
                floats[i] = (float) src[i];
            }
        }
    }

    @Override
    public void copyFrom(float[] src) {
        checkLength(src == null ? -1 : src.length);
        if (floats != null) {
            System.arraycopy(src, 0, floats, 0, src.length);
        } else {
            for (int i = 0; i < src.length; i++) {
                doubles[i] = src[i];
            }
        }
    }

    private void checkLength(int length) {
        if (length != scalarCount()) {
            throw new InvalidInputException("copy into " + describe() + " needs " + scalarCount()
                    + " scalars, got " + (length < 0 ? "null" : length));
        }
    }

    @Override
    public double[] toDoubleArray() {
        if (doubles != null) {
            return doubles.clone();
        }
        double[] out = new double[floats.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = floats[i];
        }
        return out;
    }

    @Override
    public float[] toFloatArray() {
        if (floats != null) {
            return floats.clone();
        }
        float[] out = new float[doubles.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) doubles[i];
        }
        return out;
    }

    /** Java arrays are garbage-collected: nothing to release. */
    @Override
    public void close() {
    }
}

package org.projunn.testing;

import org.projunn.Backend;
import org.projunn.DType;
import org.projunn.Tensor;

/** Moves test matrices in and out of tensors, rounding to the tensor's precision on the way in. */
public final class TestData {
    private TestData() {
    }

    public static DType dtype(boolean complex, boolean doublePrecision) {
        if (complex) {
            return doublePrecision ? DType.COMPLEX128 : DType.COMPLEX64;
        }
        return doublePrecision ? DType.FLOAT64 : DType.FLOAT32;
    }

    /** The matrix as the dtype stores it (float32 dtypes round every value). */
    public static CMat rounded(CMat m, DType dtype) {
        CMat out = new CMat(m.rows, m.cols, m.d);
        for (int i = 0; i < out.d.length; i++) {
            if (!dtype.isComplex() && i % 2 == 1) {
                out.d[i] = 0;
            } else if (!dtype.isDoublePrecision()) {
                out.d[i] = (float) out.d[i];
            }
        }
        return out;
    }

    /** One tensor holding the given matrices as a batch. */
    public static Tensor tensor(Backend backend, DType dtype, CMat... batch) {
        return backend.upload(dtype, batch.length, batch[0].rows, batch[0].cols, packed(dtype, batch));
    }

    /** Overwrites a tensor with the given matrices (same shape as {@link #tensor}). */
    public static void load(Tensor t, CMat... batch) {
        t.copyFrom(packed(t.dtype(), batch));
    }

    private static double[] packed(DType dtype, CMat... batch) {
        int per = batch[0].rows * batch[0].cols * dtype.scalarsPerElement();
        double[] data = new double[per * batch.length];
        for (int e = 0; e < batch.length; e++) {
            System.arraycopy(batch[e].data(dtype.isComplex()), 0, data, e * per, per);
        }
        return data;
    }

    /** Matrix e of a tensor. */
    public static CMat entry(Tensor t, int e) {
        double[] all = t.toDoubleArray();
        int count = t.rows() * t.cols();
        if (t.dtype().isComplex()) {
            double[] part = new double[2 * count];
            System.arraycopy(all, 2 * e * count, part, 0, 2 * count);
            return new CMat(t.rows(), t.cols(), part);
        }
        double[] part = new double[count];
        System.arraycopy(all, e * count, part, 0, count);
        return CMat.fromReal(t.rows(), t.cols(), part);
    }
}

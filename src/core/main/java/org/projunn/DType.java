package org.projunn;

/**
 * Element types a {@link Tensor} can hold. Complex values are stored interleaved (re, im), so a
 * complex element takes two scalars of the underlying precision.
 */
public enum DType {
    FLOAT32(false, false),
    FLOAT64(false, true),
    COMPLEX64(true, false),
    COMPLEX128(true, true);

    private final boolean complex;
    private final boolean doublePrecision;

    DType(boolean complex, boolean doublePrecision) {
        this.complex = complex;
        this.doublePrecision = doublePrecision;
    }

    public boolean isComplex() {
        return complex;
    }

    /** True for FLOAT64 and COMPLEX128. */
    public boolean isDoublePrecision() {
        return doublePrecision;
    }

    /** Scalars (float or double) per element: 2 for complex types, else 1. */
    public int scalarsPerElement() {
        return complex ? 2 : 1;
    }

    /** Bytes of one scalar (4 or 8). */
    public int bytesPerScalar() {
        return doublePrecision ? 8 : 4;
    }

    public int bytesPerElement() {
        return scalarsPerElement() * bytesPerScalar();
    }
}

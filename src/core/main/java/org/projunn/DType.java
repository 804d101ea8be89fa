package org.projunn;

/**
 * Element types a {@link Tensor} can hold. Complex values are stored interleaved (re, im), so a
 * complex element takes two scalars of the underlying precision.
 */
public enum DType {
    /** Real, 4-byte float. */
    FLOAT32(false, false),
    /** Real, 8-byte double. */
    FLOAT64(false, true),
    /** Complex, two 4-byte floats (re, im). */
    COMPLEX64(true, false),
    /** Complex, two 8-byte doubles (re, im). */
    COMPLEX128(true, true);

    private final boolean complex;
    private final boolean doublePrecision;

    DType(boolean complex, boolean doublePrecision) {
        this.complex = complex;
        this.doublePrecision = doublePrecision;
    }

    /**
     * Whether elements are complex (unitary matrices) rather than real (orthogonal matrices).
     *
     * @return true for COMPLEX64 and COMPLEX128
     */
    public boolean isComplex() {
        return complex;
    }

    /**
     * Whether scalars are doubles.
     *
     * @return true for FLOAT64 and COMPLEX128
     */
    public boolean isDoublePrecision() {
        return doublePrecision;
    }

    /**
     * Scalars (float or double) per element.
     *
     * @return 2 for complex types, else 1
     */
    public int scalarsPerElement() {
        return complex ? 2 : 1;
    }

    /**
     * Bytes of one scalar.
     *
     * @return 8 for double precision, else 4
     */
    public int bytesPerScalar() {
        return doublePrecision ? 8 : 4;
    }

    /**
     * Bytes of one element.
     *
     * @return {@code scalarsPerElement() * bytesPerScalar()}: 4, 8 or 16
     */
    public int bytesPerElement() {
        return scalarsPerElement() * bytesPerScalar();
    }
}

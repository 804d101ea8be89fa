package org.projunn.npy;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a {@code .npy} header says: element type, memory order, and shape. {@code fortranOrder}
 * false means C order (last index fastest), true means Fortran order (first index fastest).
 */
public final class NpyHeader {
    private final NpyDtype dtype;
    private final boolean fortranOrder;
    private final int[] shape;

    /**
     * A header.
     *
     * @param dtype the element type and byte order; not null
     * @param fortranOrder true for Fortran order, false for C order
     * @param shape the dimensions, each &gt;= 0 (none for a 0-d array). Not modified: copied.
     * @throws IllegalArgumentException for a null argument or a negative dimension
     */
    public NpyHeader(NpyDtype dtype, boolean fortranOrder, int... shape) {
        if (dtype == null || shape == null) {
            throw new IllegalArgumentException("dtype and shape must not be null");
        }
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
            }
        }
        this.dtype = dtype;
        this.fortranOrder = fortranOrder;
        this.shape = shape.clone();
    }

    /**
     * The element type and byte order.
     *
     * @return the dtype
     */
    public NpyDtype dtype() {
        return dtype;
    }

    /**
     * The memory order.
     *
     * @return true for Fortran order (first index fastest), false for C order (last index fastest)
     */
    public boolean fortranOrder() {
        return fortranOrder;
    }

    /**
     * The dimensions.
     *
     * @return a copy of the shape
     */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * The number of dimensions.
     *
     * @return the shape's length
     */
    public int ndim() {
        return shape.length;
    }

    /**
     * One dimension.
     *
     * @param axis 0 &lt;= axis &lt; {@link #ndim()}
     * @return its size
     * @throws ArrayIndexOutOfBoundsException for an axis out of range
     */
    public int dim(int axis) {
        return shape[axis];
    }

    /**
     * Number of elements.
     *
     * @return the product of the shape (1 for a 0-d array)
     * @throws ArithmeticException when it overflows a long
     */
    public long elementCount() {
        long n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /**
     * Number of scalars (floats or doubles), two per complex element.
     *
     * @return the count
     * @throws ArithmeticException when it overflows a long
     */
    public long scalarCount() {
        return Math.multiplyExact(elementCount(), dtype.type().scalarsPerElement());
    }

    /**
     * The shape for messages.
     *
     * @return e.g. {@code 4 x 64 x 64}, or {@code scalar}
     */
    public String describeShape() {
        return shape.length == 0 ? "scalar" : Arrays.stream(shape).mapToObj(Integer::toString)
                .collect(Collectors.joining(" x "));
    }

    /**
     * The header for messages.
     *
     * @return e.g. {@code complex64 4 x 64 x 64 (Fortran order)}
     */
    public String describe() {
        return dtype.describe() + " " + describeShape() + (fortranOrder ? " (Fortran order)" : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && h.dtype.equals(dtype) && h.fortranOrder == fortranOrder
                && Arrays.equals(h.shape, shape);
    }

    @Override
    public int hashCode() {
        return dtype.hashCode() * 31 + Arrays.hashCode(shape) + (fortranOrder ? 1 : 0);
    }

    @Override
    public String toString() {
        return describe();
    }
}

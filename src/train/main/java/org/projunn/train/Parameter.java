package org.projunn.train;

import org.projunn.InvalidInputException;

/**
 * A trainable matrix in float64, column-major, complex entries interleaved (re, im) as in
 * {@link org.projunn.Tensor}, with its gradient in the same layout. For a complex parameter the
 * gradient holds {@code dL/dRe + i dL/dIm}, so that {@code value - lr * grad} descends.
 */
public final class Parameter {
    private final String name;
    private final int rows;
    private final int cols;
    private final boolean complex;
    private final double[] value;
    private final double[] grad;

    public Parameter(String name, int rows, int cols, boolean complex) {
        if (rows < 1 || cols < 1) {
            throw new InvalidInputException("parameter " + name + " needs a positive shape, got " + rows + " x " + cols);
        }
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.complex = complex;
        int n = rows * cols * (complex ? 2 : 1);
        this.value = new double[n];
        this.grad = new double[n];
    }

    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public boolean isComplex() {
        return complex;
    }

    /** Number of scalars in {@link #value()} (twice the entries when complex). */
    public int size() {
        return value.length;
    }

    /** The values, shared: optimizers update them in place. */
    public double[] value() {
        return value;
    }

    /** The gradient of the last backward pass, shared. */
    public double[] grad() {
        return grad;
    }

    @Override
    public String toString() {
        return name + (complex ? " complex " : " ") + rows + " x " + cols;
    }
}

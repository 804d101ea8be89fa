package org.projunn.testing;

import java.util.Random;

/**
 * A dense complex double matrix for test oracles: column-major, interleaved (re, im), the same
 * layout as complex tensors. Deliberately simple and independent of the code under test.
 */
public final class CMat {
    public final int rows;
    public final int cols;
    public final double[] d;

    public CMat(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
        this.d = new double[2 * rows * cols];
    }

    public CMat(int rows, int cols, double[] interleaved) {
        this(rows, cols);
        System.arraycopy(interleaved, 0, d, 0, d.length);
    }

    /** From real column-major data (imaginary parts zero). */
    public static CMat fromReal(int rows, int cols, double[] real) {
        CMat m = new CMat(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            m.d[2 * i] = real[i];
        }
        return m;
    }

    /** Entries N(0, sigma^2) in each real and (when complex) imaginary part. */
    public static CMat gaussian(int rows, int cols, boolean complex, double sigma, Random rnd) {
        CMat m = new CMat(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            m.d[2 * i] = sigma * rnd.nextGaussian();
            m.d[2 * i + 1] = complex ? sigma * rnd.nextGaussian() : 0.0;
        }
        return m;
    }

    public static CMat identity(int n) {
        CMat m = new CMat(n, n);
        for (int i = 0; i < n; i++) {
            m.d[2 * (i + i * n)] = 1;
        }
        return m;
    }

    public double re(int i, int j) {
        return d[2 * (i + j * rows)];
    }

    public double im(int i, int j) {
        return d[2 * (i + j * rows) + 1];
    }

    public void set(int i, int j, double re, double im) {
        d[2 * (i + j * rows)] = re;
        d[2 * (i + j * rows) + 1] = im;
    }

    /** Real parts, column-major. */
    public double[] realData() {
        double[] out = new double[rows * cols];
        for (int i = 0; i < out.length; i++) {
            out[i] = d[2 * i];
        }
        return out;
    }

    /** Tensor data for this dtype family: interleaved when complex, real parts otherwise. */
    public double[] data(boolean complex) {
        return complex ? d.clone() : realData();
    }

    public CMat times(CMat o) {
        if (cols != o.rows) {
            throw new IllegalArgumentException(rows + "x" + cols + " times " + o.rows + "x" + o.cols);
        }
        CMat out = new CMat(rows, o.cols);
        for (int j = 0; j < o.cols; j++) {
            for (int t = 0; t < cols; t++) {
                double br = o.re(t, j);
                double bi = o.im(t, j);
                for (int i = 0; i < rows; i++) {
                    double ar = re(i, t);
                    double ai = im(i, t);
                    out.d[2 * (i + j * rows)] += ar * br - ai * bi;
                    out.d[2 * (i + j * rows) + 1] += ar * bi + ai * br;
                }
            }
        }
        return out;
    }

    public CMat adjoint() {
        CMat out = new CMat(cols, rows);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out.set(j, i, re(i, j), -im(i, j));
            }
        }
        return out;
    }

    public CMat plus(CMat o) {
        CMat out = new CMat(rows, cols);
        for (int i = 0; i < d.length; i++) {
            out.d[i] = d[i] + o.d[i];
        }
        return out;
    }

    public CMat minus(CMat o) {
        CMat out = new CMat(rows, cols);
        for (int i = 0; i < d.length; i++) {
            out.d[i] = d[i] - o.d[i];
        }
        return out;
    }

    public CMat scale(double s) {
        CMat out = new CMat(rows, cols);
        for (int i = 0; i < d.length; i++) {
            out.d[i] = d[i] * s;
        }
        return out;
    }

    public double frobenius() {
        double sum = 0;
        for (double v : d) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    /** ||X^H X - I||_F. */
    public double unitarityError() {
        return adjoint().times(this).minus(identity(cols)).frobenius();
    }

    public boolean allFinite() {
        for (double v : d) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** ||this - o||_F / ||o||_F. */
    public double relativeError(CMat o) {
        return minus(o).frobenius() / o.frobenius();
    }
}

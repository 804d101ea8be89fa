package org.projunn.cpu;

/**
 * Real double linear algebra on the N-length small operands of a real-dtype step (N x 2k bases,
 * sketches): the O(N k^2) / O(N k) products and the Gram-Schmidt that {@link SmallLinalg} does in
 * complex arithmetic, here without imaginary parts. Layout: column-major; an m x n matrix has
 * element (i, j) at {@code i + j * m}.
 *
 * <p>Loops over the long dimension are unit-stride and register-blocked by four columns. C2 (JDK
 * 17 and 25) vectorizes a loop only when every access to a double[] uses the same index (it
 * cannot rule out overlap of different offsets into what may be one array), so the long
 * operands are copied into one array per column ({@code columns} scratch) and the axpy-style
 * updates run there. Dot products stay scalar: C2 does not reorder a double sum, so they use
 * eight independent partial sums instead. Operation order is fixed: results do not depend on
 * the thread count.
 */
public final class RealSmallLinalg {
    /**
     * From this many columns of X, {@link #transposeTimes} runs on X's rows (vectorized); below,
     * as dot products (measured at N = 1024: 2x faster at 32 columns, 1.4x slower at 8).
     */
    static final int ROWS_FROM = 16;

    private RealSmallLinalg() {
    }

    /**
     * Orthonormalizes the m columns of the n x m matrix {@code x} in place by Gram-Schmidt
     * applied twice, in blocks of four earlier columns (classical inside a block: four dots, then
     * one combined update). Same rule as {@link SmallLinalg#orthonormalizeColumns}: a column that
     * is zero, not finite, or whose remainder is not above {@link SmallLinalg#DROP_TOLERANCE} of
     * its original norm is set to zero and counted. The work runs on one array per column
     * ({@code columns}): with every access at the same index the JIT vectorizes the updates,
     * which it does not do for different offsets into one array (they might overlap).
     *
     * @param x n x m real matrix (nm doubles). Modified: its columns become orthonormal or zero.
     * @param n rows
     * @param m columns, m &lt;= n for a full basis
     * @param columns scratch: at least m arrays of at least n doubles. Modified.
     * @return the number of dropped columns
     */
    public static int orthonormalizeColumns(double[] x, int n, int m, double[][] columns) {
        for (int j = 0; j < m; j++) {
            System.arraycopy(x, j * n, columns[j], 0, n);
        }
        double[] dots = DOTS.get();
        int dropped = 0;
        for (int j = 0; j < m; j++) {
            double[] v = columns[j];
            double original = norm(v, 0, n);
            if (!(original > 0) || !Double.isFinite(original)) {
                java.util.Arrays.fill(v, 0, n, 0.0);
                dropped++;
                continue;
            }
            for (int pass = 0; pass < 2; pass++) {
                projectOutEarlier(columns, n, j, dots);
            }
            double remaining = norm(v, 0, n);
            if (!(remaining > SmallLinalg.DROP_TOLERANCE * original)) {
                java.util.Arrays.fill(v, 0, n, 0.0);
                dropped++;
                continue;
            }
            double inv = 1.0 / remaining;
            for (int i = 0; i < n; i++) {
                v[i] *= inv;
            }
        }
        for (int j = 0; j < m; j++) {
            System.arraycopy(columns[j], 0, x, j * n, n);
        }
        return dropped;
    }

    /** Column j minus its projection on columns 0..j-1, four columns at a time (dots: 4 scratch). */
    private static void projectOutEarlier(double[][] columns, int n, int j, double[] dots) {
        double[] v = columns[j];
        int p = 0;
        for (; p + 4 <= j; p += 4) {
            double[] q0 = columns[p];
            double[] q1 = columns[p + 1];
            double[] q2 = columns[p + 2];
            double[] q3 = columns[p + 3];
            dots4(q0, 0, q1, 0, q2, 0, q3, 0, v, 0, n, dots, 0);
            double d0 = dots[0];
            double d1 = dots[1];
            double d2 = dots[2];
            double d3 = dots[3];
            if (d0 == 0 && d1 == 0 && d2 == 0 && d3 == 0) {
                continue; // dropped (zero) columns, or already orthogonal
            }
            for (int i = 0; i < n; i++) {
                v[i] -= q0[i] * d0 + q1[i] * d1 + q2[i] * d2 + q3[i] * d3;
            }
        }
        for (; p < j; p++) {
            double[] q = columns[p];
            double d = dot(q, 0, v, 0, n);
            if (d == 0) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                v[i] -= q[i] * d;
            }
        }
    }

    /** Sum of x[xo + i] y[yo + i] over i &lt; n, in four interleaved partial sums. */
    static double dot(double[] x, int xo, double[] y, int yo, int n) {
        return RealPasses.dot(x, xo, y, yo, n);
    }

    /** Per-thread results of {@link #dots4} in the Gram-Schmidt sweeps. */
    private static final ThreadLocal<double[]> DOTS = ThreadLocal.withInitial(() -> new double[4]);

    /**
     * The four dot products of x0..x3 (at their offsets) with v, in one sweep over v with two
     * partial sums each (even, odd rows): eight independent chains, since the JIT does not
     * reorder a floating-point sum. Into out[at .. at + 3].
     */
    private static void dots4(double[] x0, int o0, double[] x1, int o1, double[] x2, int o2, double[] x3, int o3,
                              double[] v, int vo, int n, double[] out, int at) {
        double e0 = 0;
        double e1 = 0;
        double e2 = 0;
        double e3 = 0;
        double f0 = 0;
        double f1 = 0;
        double f2 = 0;
        double f3 = 0;
        int t = 0;
        for (; t + 2 <= n; t += 2) {
            double a = v[vo + t];
            double b = v[vo + t + 1];
            e0 += x0[o0 + t] * a;
            e1 += x1[o1 + t] * a;
            e2 += x2[o2 + t] * a;
            e3 += x3[o3 + t] * a;
            f0 += x0[o0 + t + 1] * b;
            f1 += x1[o1 + t + 1] * b;
            f2 += x2[o2 + t + 1] * b;
            f3 += x3[o3 + t + 1] * b;
        }
        if (t < n) {
            double a = v[vo + t];
            e0 += x0[o0 + t] * a;
            e1 += x1[o1 + t] * a;
            e2 += x2[o2 + t] * a;
            e3 += x3[o3 + t] * a;
        }
        out[at] = e0 + f0;
        out[at + 1] = e1 + f1;
        out[at + 2] = e2 + f2;
        out[at + 3] = e3 + f3;
    }

    /**
     * Euclidean norm of n values starting at {@code offset}: a plain sum of squares when it
     * neither overflows nor comes near underflow, else the scaled form of
     * {@link SmallLinalg#norm} (which also returns NaN or infinity for such input).
     */
    static double norm(double[] x, int offset, int n) {
        double sum = dot(x, offset, x, offset, n);
        if (sum >= 0x1p-960 && sum <= Double.MAX_VALUE) {
            return Math.sqrt(sum);
        }
        double scale = 0;
        for (int i = offset; i < offset + n; i++) {
            scale = Math.max(scale, Math.abs(x[i]));
        }
        if (scale == 0 || !Double.isFinite(scale)) {
            return scale;
        }
        double scaled = 0;
        for (int i = offset; i < offset + n; i++) {
            double v = x[i] / scale;
            scaled += v * v;
        }
        return scale * Math.sqrt(scaled);
    }

    /**
     * {@code out = X^T Y} with the rows of X copied into {@code rows}: column j of out is the
     * sum over t of row t of X times Y[t, j], accumulated four rows per sweep by the same
     * vectorized loop as {@link #times} (vector length p), in row order t = 0, 1, ..., n - 1.
     * Below {@link #ROWS_FROM} columns the vectors are too short to pay for the copy: then four
     * scalar dot products per sweep over Y's column, eight partial sums.
     *
     * @param x X, n x p. Not modified.
     * @param n rows of X and Y
     * @param p columns of X
     * @param y Y, n x q. Not modified.
     * @param q columns of Y
     * @param out p x q, must not alias x or y. Modified: overwritten.
     * @param rows scratch: at least n arrays of at least p doubles. Modified.
     * @param acc scratch: at least p doubles. Modified.
     */
    public static void transposeTimes(double[] x, int n, int p, double[] y, int q, double[] out,
                                      double[][] rows, double[] acc) {
        if (p < ROWS_FROM) {
            transposeTimesByDots(x, n, p, y, q, out);
            return;
        }
        for (int t = 0; t < p; t++) {
            int xo = t * n;
            for (int i = 0; i < n; i++) {
                rows[i][t] = x[xo + i];
            }
        }
        for (int j = 0; j < q; j++) {
            combine(rows, n, y, j * n, acc, p);
            System.arraycopy(acc, 0, out, j * p, p);
        }
    }

    /** {@code out = X^T Y} by dot products: four columns of X against one column of Y per sweep. */
    private static void transposeTimesByDots(double[] x, int n, int p, double[] y, int q, double[] out) {
        for (int j = 0; j < q; j++) {
            int yo = j * n;
            int i = 0;
            for (; i + 4 <= p; i += 4) {
                int x0 = i * n;
                dots4(x, x0, x, x0 + n, x, x0 + 2 * n, x, x0 + 3 * n, y, yo, n, out, i + j * p);
            }
            for (; i < p; i++) {
                out[i + j * p] = dot(x, i * n, y, yo, n);
            }
        }
    }

    /**
     * {@code out = X Y} for a long X and a small Y: the columns of X are copied into
     * {@code columns} so that each column of out is accumulated, four columns of X per sweep,
     * in a loop the JIT vectorizes (all accesses at one index).
     *
     * @param x X, n x p. Not modified.
     * @param n rows of X
     * @param p columns of X, rows of Y
     * @param y Y, p x q. Not modified.
     * @param q columns of Y
     * @param out n x q, must not alias x or y. Modified: overwritten.
     * @param columns scratch: at least p + 1 arrays of at least n doubles. Modified.
     */
    public static void times(double[] x, int n, int p, double[] y, int q, double[] out, double[][] columns) {
        for (int t = 0; t < p; t++) {
            System.arraycopy(x, t * n, columns[t], 0, n);
        }
        double[] acc = columns[p];
        for (int j = 0; j < q; j++) {
            combine(columns, p, y, j * p, acc, n);
            System.arraycopy(acc, 0, out, j * n, n);
        }
    }

    /**
     * {@code out = X Y^T} for a small X and a long Y (G = F Q^T): row i of out is
     * {@code Y (row i of X)^T}, accumulated over the long dimension from four columns of Y per
     * sweep (Y's columns copied into {@code columns}, as in {@link #times}) and then stored
     * with stride m.
     *
     * @param x X, m x p. Not modified.
     * @param m rows of X
     * @param p columns of X and of Y
     * @param y Y, n x p. Not modified.
     * @param n rows of Y
     * @param out m x n, must not alias x or y. Modified: overwritten.
     * @param columns scratch: at least p + 1 arrays of at least n doubles. Modified.
     * @param row scratch: at least p doubles. Modified.
     */
    public static void timesTranspose(double[] x, int m, int p, double[] y, int n, double[] out,
                                      double[][] columns, double[] row) {
        for (int t = 0; t < p; t++) {
            System.arraycopy(y, t * n, columns[t], 0, n);
        }
        double[] acc = columns[p];
        for (int i = 0; i < m; i++) {
            for (int t = 0; t < p; t++) {
                row[t] = x[i + t * m];
            }
            combine(columns, p, row, 0, acc, n);
            for (int j = 0; j < n; j++) {
                out[i + j * m] = acc[j];
            }
        }
    }

    /**
     * acc[0, len) = sum over t &lt; p of columns[t] * c[co + t], four columns per sweep; a block
     * of four zero coefficients is skipped (zero columns of a dropped direction).
     */
    private static void combine(double[][] columns, int p, double[] c, int co, double[] acc, int len) {
        java.util.Arrays.fill(acc, 0, len, 0.0);
        int t = 0;
        for (; t + 4 <= p; t += 4) {
            double y0 = c[co + t];
            double y1 = c[co + t + 1];
            double y2 = c[co + t + 2];
            double y3 = c[co + t + 3];
            if (y0 == 0 && y1 == 0 && y2 == 0 && y3 == 0) {
                continue;
            }
            double[] x0 = columns[t];
            double[] x1 = columns[t + 1];
            double[] x2 = columns[t + 2];
            double[] x3 = columns[t + 3];
            for (int i = 0; i < len; i++) {
                acc[i] += x0[i] * y0 + x1[i] * y1 + x2[i] * y2 + x3[i] * y3;
            }
        }
        for (; t < p; t++) {
            double yt = c[co + t];
            if (yt == 0) {
                continue;
            }
            double[] xt = columns[t];
            for (int i = 0; i < len; i++) {
                acc[i] += xt[i] * yt;
            }
        }
    }
}

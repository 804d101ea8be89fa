package org.projunn.cpu;

/**
 * Real double linear algebra on the N-length small operands of a real-dtype step (N x 2k bases,
 * sketches): the O(N k^2) / O(N k) products and the Gram-Schmidt that {@link SmallLinalg} does in
 * complex arithmetic, here without imaginary parts. Layout: column-major; an m x n matrix has
 * element (i, j) at {@code i + j * m}. Loops over the long dimension are unit-stride and
 * register-blocked by four columns, so each element of the long operand is loaded once for four
 * columns and the axpy-style updates vectorize. Operation order is fixed: results do not depend
 * on the thread count.
 */
public final class RealSmallLinalg {
    private RealSmallLinalg() {
    }

    /**
     * Orthonormalizes the m columns of the n x m matrix {@code x} in place by Gram-Schmidt
     * applied twice, in blocks of four earlier columns (classical inside a block: four dots, then
     * one combined update). Same rule as {@link SmallLinalg#orthonormalizeColumns}: a column that
     * is zero, not finite, or whose remainder is not above {@link SmallLinalg#DROP_TOLERANCE} of
     * its original norm is set to zero and counted.
     *
     * @param x n x m real matrix (nm doubles). Modified: its columns become orthonormal or zero.
     * @param n rows
     * @param m columns, m &lt;= n for a full basis
     * @return the number of dropped columns
     */
    public static int orthonormalizeColumns(double[] x, int n, int m) {
        int dropped = 0;
        for (int j = 0; j < m; j++) {
            int cj = j * n;
            double original = norm(x, cj, n);
            if (!(original > 0) || !Double.isFinite(original)) {
                java.util.Arrays.fill(x, cj, cj + n, 0.0);
                dropped++;
                continue;
            }
            for (int pass = 0; pass < 2; pass++) {
                projectOutEarlier(x, n, j);
            }
            double remaining = norm(x, cj, n);
            if (!(remaining > SmallLinalg.DROP_TOLERANCE * original)) {
                java.util.Arrays.fill(x, cj, cj + n, 0.0);
                dropped++;
                continue;
            }
            double inv = 1.0 / remaining;
            for (int i = cj; i < cj + n; i++) {
                x[i] *= inv;
            }
        }
        return dropped;
    }

    /** Column j of x minus its projection on columns 0..j-1, four columns at a time. */
    private static void projectOutEarlier(double[] x, int n, int j) {
        int cj = j * n;
        int p = 0;
        for (; p + 4 <= j; p += 4) {
            int c0 = p * n;
            int c1 = c0 + n;
            int c2 = c1 + n;
            int c3 = c2 + n;
            // four dots in one sweep over column j; two partial sums each (even, odd rows)
            double e0 = 0;
            double e1 = 0;
            double e2 = 0;
            double e3 = 0;
            double o0 = 0;
            double o1 = 0;
            double o2 = 0;
            double o3 = 0;
            int i = 0;
            for (; i + 2 <= n; i += 2) {
                double v = x[cj + i];
                double w = x[cj + i + 1];
                e0 += x[c0 + i] * v;
                e1 += x[c1 + i] * v;
                e2 += x[c2 + i] * v;
                e3 += x[c3 + i] * v;
                o0 += x[c0 + i + 1] * w;
                o1 += x[c1 + i + 1] * w;
                o2 += x[c2 + i + 1] * w;
                o3 += x[c3 + i + 1] * w;
            }
            if (i < n) {
                double v = x[cj + i];
                e0 += x[c0 + i] * v;
                e1 += x[c1 + i] * v;
                e2 += x[c2 + i] * v;
                e3 += x[c3 + i] * v;
            }
            double d0 = e0 + o0;
            double d1 = e1 + o1;
            double d2 = e2 + o2;
            double d3 = e3 + o3;
            if (d0 == 0 && d1 == 0 && d2 == 0 && d3 == 0) {
                continue; // dropped (zero) columns, or already orthogonal
            }
            for (i = 0; i < n; i++) {
                x[cj + i] -= x[c0 + i] * d0 + x[c1 + i] * d1 + x[c2 + i] * d2 + x[c3 + i] * d3;
            }
        }
        for (; p < j; p++) {
            int cp = p * n;
            double d = dot(x, cp, x, cj, n);
            if (d == 0) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                x[cj + i] -= x[cp + i] * d;
            }
        }
    }

    /** Sum of x[xo + i] y[yo + i] over i &lt; n, in four interleaved partial sums. */
    static double dot(double[] x, int xo, double[] y, int yo, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            s0 += x[xo + i] * y[yo + i];
            s1 += x[xo + i + 1] * y[yo + i + 1];
            s2 += x[xo + i + 2] * y[yo + i + 2];
            s3 += x[xo + i + 3] * y[yo + i + 3];
        }
        for (; i < n; i++) {
            s0 += x[xo + i] * y[yo + i];
        }
        return (s0 + s1) + (s2 + s3);
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
     * {@code out = X^T Y}: four columns of X against one column of Y per sweep.
     *
     * @param x X, n x p. Not modified.
     * @param n rows of X and Y
     * @param p columns of X
     * @param y Y, n x q. Not modified.
     * @param q columns of Y
     * @param out p x q, must not alias x or y. Modified: overwritten.
     */
    public static void transposeTimes(double[] x, int n, int p, double[] y, int q, double[] out) {
        for (int j = 0; j < q; j++) {
            int yo = j * n;
            int i = 0;
            for (; i + 4 <= p; i += 4) {
                int x0 = i * n;
                int x1 = x0 + n;
                int x2 = x1 + n;
                int x3 = x2 + n;
                // two partial sums per column (even, odd rows): eight independent chains
                double e0 = 0;
                double e1 = 0;
                double e2 = 0;
                double e3 = 0;
                double o0 = 0;
                double o1 = 0;
                double o2 = 0;
                double o3 = 0;
                int t = 0;
                for (; t + 2 <= n; t += 2) {
                    double v = y[yo + t];
                    double w = y[yo + t + 1];
                    e0 += x[x0 + t] * v;
                    e1 += x[x1 + t] * v;
                    e2 += x[x2 + t] * v;
                    e3 += x[x3 + t] * v;
                    o0 += x[x0 + t + 1] * w;
                    o1 += x[x1 + t + 1] * w;
                    o2 += x[x2 + t + 1] * w;
                    o3 += x[x3 + t + 1] * w;
                }
                if (t < n) {
                    double v = y[yo + t];
                    e0 += x[x0 + t] * v;
                    e1 += x[x1 + t] * v;
                    e2 += x[x2 + t] * v;
                    e3 += x[x3 + t] * v;
                }
                out[i + j * p] = e0 + o0;
                out[i + 1 + j * p] = e1 + o1;
                out[i + 2 + j * p] = e2 + o2;
                out[i + 3 + j * p] = e3 + o3;
            }
            for (; i < p; i++) {
                out[i + j * p] = dot(x, i * n, y, yo, n);
            }
        }
    }

    /**
     * {@code out = X Y} for a long X and a small Y: each column of out is built from four
     * columns of X per sweep.
     *
     * @param x X, n x p. Not modified.
     * @param n rows of X
     * @param p columns of X, rows of Y
     * @param y Y, p x q. Not modified.
     * @param q columns of Y
     * @param out n x q, must not alias x or y. Modified: overwritten.
     */
    public static void times(double[] x, int n, int p, double[] y, int q, double[] out) {
        java.util.Arrays.fill(out, 0, n * q, 0.0);
        for (int j = 0; j < q; j++) {
            int oo = j * n;
            int t = 0;
            for (; t + 4 <= p; t += 4) {
                double y0 = y[t + j * p];
                double y1 = y[t + 1 + j * p];
                double y2 = y[t + 2 + j * p];
                double y3 = y[t + 3 + j * p];
                if (y0 == 0 && y1 == 0 && y2 == 0 && y3 == 0) {
                    continue;
                }
                int x0 = t * n;
                int x1 = x0 + n;
                int x2 = x1 + n;
                int x3 = x2 + n;
                for (int i = 0; i < n; i++) {
                    out[oo + i] += x[x0 + i] * y0 + x[x1 + i] * y1 + x[x2 + i] * y2 + x[x3 + i] * y3;
                }
            }
            for (; t < p; t++) {
                double yt = y[t + j * p];
                if (yt == 0) {
                    continue;
                }
                int xo = t * n;
                for (int i = 0; i < n; i++) {
                    out[oo + i] += x[xo + i] * yt;
                }
            }
        }
    }

    /**
     * {@code out = X Y^T} for a small X and a long Y (G = F Q^T): column j of out is X times row
     * j of Y, built from four columns of X per sweep over X's m rows.
     *
     * @param x X, m x p. Not modified.
     * @param m rows of X
     * @param p columns of X and of Y
     * @param y Y, n x p. Not modified.
     * @param n rows of Y
     * @param out m x n, must not alias x or y. Modified: overwritten.
     */
    public static void timesTranspose(double[] x, int m, int p, double[] y, int n, double[] out) {
        java.util.Arrays.fill(out, 0, m * n, 0.0);
        for (int j = 0; j < n; j++) {
            int oo = j * m;
            int t = 0;
            for (; t + 4 <= p; t += 4) {
                double y0 = y[j + t * n];
                double y1 = y[j + (t + 1) * n];
                double y2 = y[j + (t + 2) * n];
                double y3 = y[j + (t + 3) * n];
                int x0 = t * m;
                int x1 = x0 + m;
                int x2 = x1 + m;
                int x3 = x2 + m;
                for (int i = 0; i < m; i++) {
                    out[oo + i] += x[x0 + i] * y0 + x[x1 + i] * y1 + x[x2 + i] * y2 + x[x3 + i] * y3;
                }
            }
            for (; t < p; t++) {
                double yt = y[j + t * n];
                int xo = t * m;
                for (int i = 0; i < m; i++) {
                    out[oo + i] += x[xo + i] * yt;
                }
            }
        }
    }
}

package org.projunn.cpu;

import java.util.Arrays;

/**
 * {@link DenseKernels} for real matrices; loops run over contiguous rows so the JIT vectorizes them.
 *
 * <p>The accumulating loops carry several columns or terms at once, adding them to every
 * element in the same order as one at a time (Java does not reassociate floating point), so
 * results are bitwise those of one-term loops while each accumulator is loaded and stored once
 * per group instead of once per term.
 */
final class RealKernels extends DenseKernels {
    static final RealKernels INSTANCE = new RealKernels();

    private RealKernels() {
    }

    @Override
    int scalars() {
        return 1;
    }

    @Override
    void adjointTimes(HostArray m, int base, int n, double[] x, int mc, double[] out,
                      int j0, int j1, double[] column) {
        float[] f = m.floatArray();
        for (int j = j0; j < j1; j++) {
            if (f != null) {
                for (int c = 0; c < mc; c++) {
                    out[j + c * n] = dot(f, base + j * n, x, c * n, n);
                }
                continue;
            }
            m.load(base + j * n, column, n);
            for (int c = 0; c < mc; c++) {
                out[j + c * n] = dot(column, x, c * n, n);
            }
        }
    }

    /** {@link #dot(double[], double[], int, int)} reading u from float storage at uo. */
    private static double dot(float[] u, int uo, double[] v, int vo, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += (double) u[uo + i] * v[vo + i];
            s1 += (double) u[uo + i + 1] * v[vo + i + 1];
            s2 += (double) u[uo + i + 2] * v[vo + i + 2];
            s3 += (double) u[uo + i + 3] * v[vo + i + 3];
        }
        for (; i < n; i++) {
            s0 += (double) u[uo + i] * v[vo + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * sum_i u[i] v[vo + i] with four independent partial sums: the JIT does not reorder a
     * floating-point reduction, so one accumulator would serialize on its add latency.
     */
    private static double dot(double[] u, double[] v, int vo, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += u[i] * v[vo + i];
            s1 += u[i + 1] * v[vo + i + 1];
            s2 += u[i + 2] * v[vo + i + 2];
            s3 += u[i + 3] * v[vo + i + 3];
        }
        for (; i < n; i++) {
            s0 += u[i] * v[vo + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    void times(HostArray m, int base, int n, double[] y, int mc, double[] out,
               int r0, int r1, double[] chunk, double[] acc) {
        int h = r1 - r0;
        Arrays.fill(acc, 0, h * mc, 0.0);
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            loadColumns(m, base + j * n + r0, n, h, 4, chunk);
            for (int c = 0; c < mc; c++) {
                int yo = j + c * n;
                accumulate4(acc, c * h, chunk, h, y[yo], y[yo + 1], y[yo + 2], y[yo + 3]);
            }
        }
        for (; j < n; j++) {
            m.load(base + j * n + r0, chunk, h);
            for (int c = 0; c < mc; c++) {
                double yjc = y[j + c * n];
                int ao = c * h;
                for (int i = 0; i < h; i++) {
                    acc[ao + i] += chunk[i] * yjc;
                }
            }
        }
        for (int c = 0; c < mc; c++) {
            System.arraycopy(acc, c * h, out, c * n + r0, h);
        }
    }

    @Override
    void fusedUpdate(HostArray m, int base, int n, int r0, int r1,
                     double[] qRows, double[] g, int r,
                     double[] a, double[] bh, double[] c, int k,
                     double[] chunk, double[] w) {
        int h = r1 - r0;
        Arrays.fill(w, 0, h * r, 0.0);
        // pass 1: W = A_blk Q, four columns of A per sweep over W
        float[] f = m.floatArray();
        int j = 0;
        for (; f != null && j + 4 <= n; j += 4) {
            int at = base + j * n + r0;
            int cc = 0;
            for (; cc + 2 <= r; cc += 2) {
                accumulate4x2(w, cc * h, (cc + 1) * h, f, at, n, h, qRows, j, r, cc);
            }
            for (; cc < r; cc++) {
                accumulate4(w, cc * h, f, at, n, h, qRows[j * r + cc], qRows[(j + 1) * r + cc],
                        qRows[(j + 2) * r + cc], qRows[(j + 3) * r + cc]);
            }
        }
        for (; j + 4 <= n; j += 4) {
            loadColumns(m, base + j * n + r0, n, h, 4, chunk);
            int cc = 0;
            for (; cc + 2 <= r; cc += 2) {
                accumulate4x2(w, cc * h, (cc + 1) * h, chunk, h, qRows, j, r, cc);
            }
            for (; cc < r; cc++) {
                accumulate4(w, cc * h, chunk, h, qRows[j * r + cc], qRows[(j + 1) * r + cc],
                        qRows[(j + 2) * r + cc], qRows[(j + 3) * r + cc]);
            }
        }
        for (; j < n; j++) {
            m.load(base + j * n + r0, chunk, h);
            int qo = j * r;
            for (int cc = 0; cc < r; cc++) {
                double q = qRows[qo + cc];
                int wo = cc * h;
                for (int i = 0; i < h; i++) {
                    w[wo + i] += chunk[i] * q;
                }
            }
        }
        if (a != null) {
            // W += a_blk C
            for (int cc = 0; cc < r; cc++) {
                int wo = cc * h;
                for (int l = 0; l < k; l++) {
                    double clc = c[l + cc * k];
                    int ao = l * n + r0;
                    for (int i = 0; i < h; i++) {
                        w[wo + i] += a[ao + i] * clc;
                    }
                }
            }
        }
        // pass 2: A_blk += a_blk b^H + W G, terms in that order, up to four per sweep over the column
        int terms = (a != null ? k : 0) + r;
        for (j = 0; j < n; j++) {
            int at = base + j * n + r0;
            if (f != null && terms >= 2 && terms <= 4) {
                addTermsInPlace(f, at, h, j, terms, a, bh, k, a != null ? k : 0, w, g, r, n, r0);
                continue;
            }
            m.load(at, chunk, h);
            int t = 0;
            for (; t + 4 <= terms; t += 4) {
                addTerms4(chunk, h, j, t, a, bh, k, a != null ? k : 0, w, g, r, n, r0);
            }
            if (t + 3 == terms) {
                addTerms3(chunk, h, j, t, a, bh, k, a != null ? k : 0, w, g, r, n, r0);
                t += 3;
            } else if (t + 2 <= terms) {
                addTerms2(chunk, h, j, t, a, bh, k, a != null ? k : 0, w, g, r, n, r0);
                t += 2;
            }
            if (t < terms) {
                addTerm(chunk, h, j, t, a, bh, k, a != null ? k : 0, w, g, r, n, r0);
            }
            m.store(at, chunk, h);
        }
    }

    /** Columns j..j+count-1 of rows [r0, r0 + h) into chunk[0..count*h). */
    private static void loadColumns(HostArray m, int at, int n, int h, int count, double[] chunk) {
        for (int q = 0; q < count; q++) {
            m.load(at + q * n, chunk, q * h, h);
        }
    }

    /** acc[o + i] = (((acc[o + i] + c0 y0) + c1 y1) + c2 y2) + c3 y3, c_q = chunk[q h + i]. */
    private static void accumulate4(double[] acc, int o, double[] chunk, int h,
                                    double y0, double y1, double y2, double y3) {
        for (int i = 0; i < h; i++) {
            acc[o + i] = acc[o + i] + chunk[i] * y0 + chunk[h + i] * y1 + chunk[2 * h + i] * y2
                    + chunk[3 * h + i] * y3;
        }
    }

    /** accumulate4 with the four columns read from float storage at at, at + n, at + 2n, at + 3n. */
    private static void accumulate4(double[] acc, int o, float[] f, int at, int n, int h,
                                    double y0, double y1, double y2, double y3) {
        int a1 = at + n;
        int a2 = at + 2 * n;
        int a3 = at + 3 * n;
        for (int i = 0; i < h; i++) {
            acc[o + i] = acc[o + i] + (double) f[at + i] * y0 + (double) f[a1 + i] * y1
                    + (double) f[a2 + i] * y2 + (double) f[a3 + i] * y3;
        }
    }

    /** accumulate4x2 with the four columns read from float storage. */
    private static void accumulate4x2(double[] w, int o, int p, float[] f, int at, int n, int h, double[] qRows,
                                      int j, int r, int cc) {
        double y0 = qRows[j * r + cc];
        double y1 = qRows[(j + 1) * r + cc];
        double y2 = qRows[(j + 2) * r + cc];
        double y3 = qRows[(j + 3) * r + cc];
        double z0 = qRows[j * r + cc + 1];
        double z1 = qRows[(j + 1) * r + cc + 1];
        double z2 = qRows[(j + 2) * r + cc + 1];
        double z3 = qRows[(j + 3) * r + cc + 1];
        int a1 = at + n;
        int a2 = at + 2 * n;
        int a3 = at + 3 * n;
        for (int i = 0; i < h; i++) {
            double c0 = f[at + i];
            double c1 = f[a1 + i];
            double c2 = f[a2 + i];
            double c3 = f[a3 + i];
            w[o + i] = w[o + i] + c0 * y0 + c1 * y1 + c2 * y2 + c3 * y3;
            w[p + i] = w[p + i] + c0 * z0 + c1 * z1 + c2 * z2 + c3 * z3;
        }
    }

    /** Pass 2 of one column with 2 to 4 terms, read, updated and rounded back in float storage. */
    private static void addTermsInPlace(float[] f, int at, int h, int j, int terms, double[] a, double[] bh,
                                        int k, int ka, double[] w, double[] g, int r, int n, int r0) {
        double[] x0 = termArray(0, a, ka, w);
        double[] x1 = termArray(1, a, ka, w);
        int o0 = termOffset(0, ka, n, r0, h);
        int o1 = termOffset(1, ka, n, r0, h);
        double f0 = termCoefficient(0, j, bh, k, ka, g, r);
        double f1 = termCoefficient(1, j, bh, k, ka, g, r);
        if (terms == 2) {
            for (int i = 0; i < h; i++) {
                f[at + i] = (float) (f[at + i] + x0[o0 + i] * f0 + x1[o1 + i] * f1);
            }
            return;
        }
        double[] x2 = termArray(2, a, ka, w);
        int o2 = termOffset(2, ka, n, r0, h);
        double f2 = termCoefficient(2, j, bh, k, ka, g, r);
        if (terms == 3) {
            for (int i = 0; i < h; i++) {
                f[at + i] = (float) (f[at + i] + x0[o0 + i] * f0 + x1[o1 + i] * f1 + x2[o2 + i] * f2);
            }
            return;
        }
        double[] x3 = termArray(3, a, ka, w);
        int o3 = termOffset(3, ka, n, r0, h);
        double f3 = termCoefficient(3, j, bh, k, ka, g, r);
        for (int i = 0; i < h; i++) {
            f[at + i] = (float) (f[at + i] + x0[o0 + i] * f0 + x1[o1 + i] * f1 + x2[o2 + i] * f2
                    + x3[o3 + i] * f3);
        }
    }

    /** accumulate4 for W columns cc and cc + 1 in one sweep over the four chunks. */
    private static void accumulate4x2(double[] w, int o, int p, double[] chunk, int h, double[] qRows,
                                      int j, int r, int cc) {
        double y0 = qRows[j * r + cc];
        double y1 = qRows[(j + 1) * r + cc];
        double y2 = qRows[(j + 2) * r + cc];
        double y3 = qRows[(j + 3) * r + cc];
        double z0 = qRows[j * r + cc + 1];
        double z1 = qRows[(j + 1) * r + cc + 1];
        double z2 = qRows[(j + 2) * r + cc + 1];
        double z3 = qRows[(j + 3) * r + cc + 1];
        for (int i = 0; i < h; i++) {
            double c0 = chunk[i];
            double c1 = chunk[h + i];
            double c2 = chunk[2 * h + i];
            double c3 = chunk[3 * h + i];
            w[o + i] = w[o + i] + c0 * y0 + c1 * y1 + c2 * y2 + c3 * y3;
            w[p + i] = w[p + i] + c0 * z0 + c1 * z1 + c2 * z2 + c3 * z3;
        }
    }

    /** Term t of pass 2: a_l b^H_{l,j} for t < ka, else W_cc G_{cc,j}: its array. */
    private static double[] termArray(int t, double[] a, int ka, double[] w) {
        return t < ka ? a : w;
    }

    private static int termOffset(int t, int ka, int n, int r0, int h) {
        return t < ka ? t * n + r0 : (t - ka) * h;
    }

    private static double termCoefficient(int t, int j, double[] bh, int k, int ka, double[] g, int r) {
        return t < ka ? bh[t + j * k] : g[(t - ka) + j * r];
    }

    private static void addTerm(double[] chunk, int h, int j, int t, double[] a, double[] bh, int k, int ka,
                                double[] w, double[] g, int r, int n, int r0) {
        double[] x = termArray(t, a, ka, w);
        int o = termOffset(t, ka, n, r0, h);
        double f = termCoefficient(t, j, bh, k, ka, g, r);
        for (int i = 0; i < h; i++) {
            chunk[i] += x[o + i] * f;
        }
    }

    private static void addTerms3(double[] chunk, int h, int j, int t, double[] a, double[] bh, int k, int ka,
                                  double[] w, double[] g, int r, int n, int r0) {
        double[] x0 = termArray(t, a, ka, w);
        double[] x1 = termArray(t + 1, a, ka, w);
        double[] x2 = termArray(t + 2, a, ka, w);
        int o0 = termOffset(t, ka, n, r0, h);
        int o1 = termOffset(t + 1, ka, n, r0, h);
        int o2 = termOffset(t + 2, ka, n, r0, h);
        double f0 = termCoefficient(t, j, bh, k, ka, g, r);
        double f1 = termCoefficient(t + 1, j, bh, k, ka, g, r);
        double f2 = termCoefficient(t + 2, j, bh, k, ka, g, r);
        for (int i = 0; i < h; i++) {
            chunk[i] = chunk[i] + x0[o0 + i] * f0 + x1[o1 + i] * f1 + x2[o2 + i] * f2;
        }
    }

    private static void addTerms2(double[] chunk, int h, int j, int t, double[] a, double[] bh, int k, int ka,
                                  double[] w, double[] g, int r, int n, int r0) {
        double[] x0 = termArray(t, a, ka, w);
        double[] x1 = termArray(t + 1, a, ka, w);
        int o0 = termOffset(t, ka, n, r0, h);
        int o1 = termOffset(t + 1, ka, n, r0, h);
        double f0 = termCoefficient(t, j, bh, k, ka, g, r);
        double f1 = termCoefficient(t + 1, j, bh, k, ka, g, r);
        for (int i = 0; i < h; i++) {
            chunk[i] = chunk[i] + x0[o0 + i] * f0 + x1[o1 + i] * f1;
        }
    }

    private static void addTerms4(double[] chunk, int h, int j, int t, double[] a, double[] bh, int k, int ka,
                                  double[] w, double[] g, int r, int n, int r0) {
        double[] x0 = termArray(t, a, ka, w);
        double[] x1 = termArray(t + 1, a, ka, w);
        double[] x2 = termArray(t + 2, a, ka, w);
        double[] x3 = termArray(t + 3, a, ka, w);
        int o0 = termOffset(t, ka, n, r0, h);
        int o1 = termOffset(t + 1, ka, n, r0, h);
        int o2 = termOffset(t + 2, ka, n, r0, h);
        int o3 = termOffset(t + 3, ka, n, r0, h);
        double f0 = termCoefficient(t, j, bh, k, ka, g, r);
        double f1 = termCoefficient(t + 1, j, bh, k, ka, g, r);
        double f2 = termCoefficient(t + 2, j, bh, k, ka, g, r);
        double f3 = termCoefficient(t + 3, j, bh, k, ka, g, r);
        for (int i = 0; i < h; i++) {
            chunk[i] = chunk[i] + x0[o0 + i] * f0 + x1[o1 + i] * f1 + x2[o2 + i] * f2 + x3[o3 + i] * f3;
        }
    }
}

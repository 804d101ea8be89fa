package org.projunn.cpu;

/**
 * {@link DensePasses} for real matrices. The loops run down contiguous columns so that the JIT
 * vectorizes them, and the accumulating ones carry four columns or terms per sweep, so each
 * accumulator is loaded and stored once per four terms.
 */
final class RealPasses extends DensePasses {
    static final RealPasses INSTANCE = new RealPasses(SimdKernels.selected());
    static final RealPasses PLAIN = new RealPasses(null);
    static final RealPasses VECTOR = new RealPasses(SimdKernels.vectorKernels());

    private RealPasses(FloatColumnKernels simd) {
        super(simd);
    }

    @Override
    int scalars() {
        return 1;
    }

    @Override
    void adjointTimes(HostArray m, int base, int n, double[] x, int mc, double[] out,
                      int j0, int j1, double[] column, double[][] streams) {
        float[] f = m.floatArray();
        if (simd != null && f != null) {
            KernelOperands ops = KernelOperands.get();
            double[][] xs = ops.refs(mc);
            int[] xo = ops.zeroOffsets(mc);
            for (int c = 0; c < mc; c++) {
                xs[c] = x;
                xo[c] = c * n;
            }
            double[] sums = ops.values(FloatColumnKernels.BLOCK * mc);
            for (int j = j0; j < j1; j += FloatColumnKernels.BLOCK) {
                int cols = Math.min(FloatColumnKernels.BLOCK, j1 - j);
                simd.dots(f, base + j * n, n, n, cols, xs, xo, mc, sums);
                for (int q = 0; q < cols; q++) {
                    for (int c = 0; c < mc; c++) {
                        out[j + q + c * n] = sums[q * mc + c];
                    }
                }
            }
            return;
        }
        for (int j = j0; j < j1; j++) {
            if (f != null) {
                for (int c = 0; c < mc; c++) {
                    out[j + c * n] = dot(f, base + j * n, x, c * n, n);
                }
                continue;
            }
            m.load(base + j * n, column, n);
            for (int c = 0; c < mc; c++) {
                out[j + c * n] = dot(column, 0, x, c * n, n);
            }
        }
    }

    /** {@link #dot(double[], int, double[], int, int)} reading u from float storage. */
    static double dot(float[] u, int uo, double[] v, int vo, int n) {
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
     * sum_i u[uo + i] v[vo + i] with four independent partial sums: the JIT does not reorder a
     * floating-point reduction, so one accumulator would serialize on its add latency.
     */
    static double dot(double[] u, int uo, double[] v, int vo, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += u[uo + i] * v[vo + i];
            s1 += u[uo + i + 1] * v[vo + i + 1];
            s2 += u[uo + i + 2] * v[vo + i + 2];
            s3 += u[uo + i + 3] * v[vo + i + 3];
        }
        for (; i < n; i++) {
            s0 += u[uo + i] * v[vo + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    void timesColumns(HostArray m, int base, int n, double[] y, int mc, double[] acc,
                      int j0, int j1, double[] columns, double[][] streams) {
        float[] f = m.floatArray();
        if (simd != null && f != null) {
            KernelOperands ops = KernelOperands.get();
            double[][] accs = ops.refs(mc);
            int[] ao = ops.zeroOffsets(mc);
            int[] yo = ops.moreOffsets(mc);
            for (int c = 0; c < mc; c++) {
                accs[c] = acc;
                ao[c] = c * n;
            }
            for (int j = j0; j < j1; j += FloatColumnKernels.BLOCK) {
                for (int c = 0; c < mc; c++) {
                    yo[c] = j + c * n;
                }
                simd.times(f, base + j * n, n, n, Math.min(FloatColumnKernels.BLOCK, j1 - j), y, yo, 1, mc, accs, ao);
            }
            return;
        }
        int j = j0;
        for (; f != null && j + 4 <= j1; j += 4) {
            int a0 = base + j * n;
            int a1 = a0 + n;
            int a2 = a1 + n;
            int a3 = a2 + n;
            for (int c = 0; c < mc; c++) {
                int yo = j + c * n;
                double y0 = y[yo];
                double y1 = y[yo + 1];
                double y2 = y[yo + 2];
                double y3 = y[yo + 3];
                int o = c * n;
                // reads float storage, writes double: no possible aliasing, so the loop vectorizes
                for (int i = 0; i < n; i++) {
                    acc[o + i] = acc[o + i] + f[a0 + i] * y0 + f[a1 + i] * y1 + f[a2 + i] * y2
                            + f[a3 + i] * y3;
                }
            }
        }
        for (; j + 4 <= j1; j += 4) {
            for (int q = 0; q < 4; q++) {
                m.load(base + (j + q) * n, columns, q * n, n);
            }
            for (int c = 0; c < mc; c++) {
                int yo = j + c * n;
                double y0 = y[yo];
                double y1 = y[yo + 1];
                double y2 = y[yo + 2];
                double y3 = y[yo + 3];
                int o = c * n;
                for (int i = 0; i < n; i++) {
                    acc[o + i] = acc[o + i] + columns[i] * y0 + columns[n + i] * y1
                            + columns[2 * n + i] * y2 + columns[3 * n + i] * y3;
                }
            }
        }
        for (; j < j1; j++) {
            m.load(base + j * n, columns, 0, n);
            for (int c = 0; c < mc; c++) {
                double yj = y[j + c * n];
                int o = c * n;
                for (int i = 0; i < n; i++) {
                    acc[o + i] += columns[i] * yj;
                }
            }
        }
    }

    @Override
    void updateColumns(HostArray m, int base, int n, int j0, int j1,
                       double[] a, double[] bh, int k, double[] w, double[] g, int r,
                       double[] column, double[][] streams) {
        int ka = a == null ? 0 : k;
        int terms = ka + r;
        float[] f = m.floatArray();
        if (simd != null && f != null) {
            KernelOperands ops = KernelOperands.get();
            double[][] xs = ops.refs(terms);
            int[] xo = ops.zeroOffsets(terms);
            for (int t = 0; t < terms; t++) {
                xs[t] = t < ka ? a : w;
                xo[t] = offset(t, ka, terms, n);
            }
            double[] coef = ops.values(FloatColumnKernels.BLOCK * terms);
            for (int j = j0; j < j1; j += FloatColumnKernels.BLOCK) {
                int cols = Math.min(FloatColumnKernels.BLOCK, j1 - j);
                for (int q = 0; q < cols; q++) {
                    for (int t = 0; t < terms; t++) {
                        coef[q * terms + t] = coefficient(t, j + q, ka, terms, bh, k, g, r);
                    }
                }
                simd.update(f, base + j * n, n, n, cols, xs, xo, terms, coef);
            }
            return;
        }
        for (int j = j0; j < j1; j++) {
            int at = base + j * n;
            if (f != null && terms <= 4) {
                updateFloatColumn(f, at, n, j, a, bh, k, ka, terms, w, g, r);
                continue;
            }
            m.load(at, column, 0, n);
            // up to four terms per sweep over the column; missing ones have coefficient 0
            for (int t = 0; t < terms; t += 4) {
                double[] x0 = t < ka ? a : w;
                double[] x1 = t + 1 < ka ? a : w;
                double[] x2 = t + 2 < ka ? a : w;
                double[] x3 = t + 3 < ka ? a : w;
                int o0 = offset(t, ka, terms, n);
                int o1 = offset(t + 1, ka, terms, n);
                int o2 = offset(t + 2, ka, terms, n);
                int o3 = offset(t + 3, ka, terms, n);
                double c0 = coefficient(t, j, ka, terms, bh, k, g, r);
                double c1 = coefficient(t + 1, j, ka, terms, bh, k, g, r);
                double c2 = coefficient(t + 2, j, ka, terms, bh, k, g, r);
                double c3 = coefficient(t + 3, j, ka, terms, bh, k, g, r);
                for (int i = 0; i < n; i++) {
                    column[i] = column[i] + x0[o0 + i] * c0 + x1[o1 + i] * c1 + x2[o2 + i] * c2
                            + x3[o3 + i] * c3;
                }
            }
            m.store(at, column, n);
        }
    }

    /**
     * One column of {@link #updateColumns} with at most four terms, read from and rounded back to
     * float storage in one sweep: float in, double out of the arithmetic, so no array the loop
     * writes can alias one it reads, and the JIT vectorizes it. More terms take the double
     * scratch path, which rounds once at the end.
     */
    private static void updateFloatColumn(float[] f, int at, int n, int j, double[] a, double[] bh, int k,
                                          int ka, int terms, double[] w, double[] g, int r) {
        double[] x0 = ka > 0 ? a : w;
        double[] x1 = ka > 1 ? a : w;
        double[] x2 = ka > 2 ? a : w;
        double[] x3 = ka > 3 ? a : w;
        int o0 = offset(0, ka, terms, n);
        int o1 = offset(1, ka, terms, n);
        int o2 = offset(2, ka, terms, n);
        int o3 = offset(3, ka, terms, n);
        double c0 = coefficient(0, j, ka, terms, bh, k, g, r);
        double c1 = coefficient(1, j, ka, terms, bh, k, g, r);
        double c2 = coefficient(2, j, ka, terms, bh, k, g, r);
        double c3 = coefficient(3, j, ka, terms, bh, k, g, r);
        // one small method per term count (a padded zero term would cost a load and a multiply),
        // so that the JIT compiles and vectorizes each loop on its own
        switch (terms) {
            case 1:
                add1(f, at, n, x0, o0, c0);
                break;
            case 2:
                add2(f, at, n, x0, o0, c0, x1, o1, c1);
                break;
            case 3:
                add3(f, at, n, x0, o0, c0, x1, o1, c1, x2, o2, c2);
                break;
            default:
                add4(f, at, n, x0, o0, c0, x1, o1, c1, x2, o2, c2, x3, o3, c3);
                break;
        }
    }

    private static void add1(float[] f, int at, int n, double[] x0, int o0, double c0) {
        for (int i = 0; i < n; i++) {
            f[at + i] = (float) (f[at + i] + x0[o0 + i] * c0);
        }
    }

    private static void add2(float[] f, int at, int n, double[] x0, int o0, double c0,
                             double[] x1, int o1, double c1) {
        for (int i = 0; i < n; i++) {
            f[at + i] = (float) (f[at + i] + x0[o0 + i] * c0 + x1[o1 + i] * c1);
        }
    }

    private static void add3(float[] f, int at, int n, double[] x0, int o0, double c0,
                             double[] x1, int o1, double c1, double[] x2, int o2, double c2) {
        for (int i = 0; i < n; i++) {
            f[at + i] = (float) (f[at + i] + x0[o0 + i] * c0 + x1[o1 + i] * c1 + x2[o2 + i] * c2);
        }
    }

    private static void add4(float[] f, int at, int n, double[] x0, int o0, double c0,
                             double[] x1, int o1, double c1, double[] x2, int o2, double c2,
                             double[] x3, int o3, double c3) {
        for (int i = 0; i < n; i++) {
            f[at + i] = (float) (f[at + i] + x0[o0 + i] * c0 + x1[o1 + i] * c1 + x2[o2 + i] * c2
                    + x3[o3 + i] * c3);
        }
    }

    /** Offset of term t's column: a[:, t] for t < ka, else w[:, t - ka]; 0 past the last term. */
    static int offset(int t, int ka, int terms, int n) {
        if (t >= terms) {
            return 0;
        }
        return t < ka ? t * n : (t - ka) * n;
    }

    /** Coefficient of term t in column j: b^H[t, j] for t < ka, else G[t - ka, j]; 0 past the last. */
    private static double coefficient(int t, int j, int ka, int terms, double[] bh, int k, double[] g, int r) {
        if (t >= terms) {
            return 0.0;
        }
        return t < ka ? bh[t + j * k] : g[(t - ka) + j * r];
    }

    @Override
    double[][] newStreams(int count, int length) {
        return new double[0][];
    }
}

package org.projunn.cpu;

/**
 * {@link DensePasses} for complex matrices stored interleaved (re, im).
 *
 * <p>Complex arithmetic on interleaved data does not vectorize, so every loop here is written as
 * real arithmetic over the 2n scalars of a column, with the help of a "swapped" operand
 * {@code s(x)}: {@code s(x)[2i] = -im x_i, s(x)[2i+1] = re x_i}. Then {@code x * (cr + i ci)}
 * is {@code x * cr + s(x) * ci} scalar by scalar, and {@code conj(m) . x} is
 * {@code (m . x) + i (m . -s(x))}. Swapped copies are made of the small operands only, O(n m)
 * per call, each in a stream array of its own (see {@link DensePasses#newStreams}).
 */
final class ComplexPasses extends DensePasses {
    static final ComplexPasses INSTANCE = new ComplexPasses(SimdKernels.selected());
    static final ComplexPasses PLAIN = new ComplexPasses(null);
    static final ComplexPasses VECTOR = new ComplexPasses(SimdKernels.vectorKernels());

    private ComplexPasses(FloatColumnKernels simd) {
        super(simd);
    }

    @Override
    int scalars() {
        return 2;
    }

    @Override
    double[][] newStreams(int count, int length) {
        return new double[count][length];
    }

    /** dst[2i] = -src[so + 2i + 1], dst[2i + 1] = src[so + 2i], for n elements. */
    private static void swap(double[] src, int so, double[] dst, int n) {
        for (int i = 0; i < 2 * n; i += 2) {
            dst[i] = -src[so + i + 1];
            dst[i + 1] = src[so + i];
        }
    }

    @Override
    void adjointTimes(HostArray m, int base, int n, double[] x, int mc, double[] out,
                      int j0, int j1, double[] column, double[][] streams) {
        int n2 = 2 * n;
        // streams[c] = -s(x_c): the imaginary part of conj(m) . x_c is m . -s(x_c)
        for (int c = 0; c < mc; c++) {
            double[] z = streams[c];
            swap(x, c * n2, z, n);
            for (int i = 0; i < n2; i++) {
                z[i] = -z[i];
            }
        }
        float[] f = m.floatArray();
        if (simd != null && f != null) {
            // the real dots of each column with x_c and -s(x_c): re and im of conj(m) . x_c
            int m2 = 2 * mc;
            KernelOperands ops = KernelOperands.get();
            double[][] xs = ops.refs(m2);
            int[] xo = ops.zeroOffsets(m2);
            for (int c = 0; c < mc; c++) {
                xs[2 * c] = x;
                xo[2 * c] = c * n2;
                xs[2 * c + 1] = streams[c];
            }
            double[] sums = ops.values(FloatColumnKernels.BLOCK * m2);
            for (int j = j0; j < j1; j += FloatColumnKernels.BLOCK) {
                int cols = Math.min(FloatColumnKernels.BLOCK, j1 - j);
                simd.dots(f, 2 * (base + j * n), n2, n2, cols, xs, xo, m2, sums);
                for (int q = 0; q < cols; q++) {
                    for (int c = 0; c < mc; c++) {
                        out[2 * (j + q + c * n)] = sums[q * m2 + 2 * c];
                        out[2 * (j + q + c * n) + 1] = sums[q * m2 + 2 * c + 1];
                    }
                }
            }
            return;
        }
        double[] sums = KernelOperands.get().values(2);
        for (int j = j0; j < j1; j++) {
            int at = 2 * (base + j * n);
            if (f == null) {
                m.load(at, column, 0, n2);
            }
            for (int c = 0; c < mc; c++) {
                if (f != null) {
                    dot2(f, at, x, c * n2, streams[c], n2, sums);
                } else {
                    sums[0] = RealPasses.dot(column, 0, x, c * n2, n2);
                    sums[1] = RealPasses.dot(column, 0, streams[c], 0, n2);
                }
                out[2 * (j + c * n)] = sums[0];
                out[2 * (j + c * n) + 1] = sums[1];
            }
        }
    }

    /** The dots of one float column u with x and z in one sweep (u read once), two sums each. */
    private static void dot2(float[] u, int uo, double[] x, int xo, double[] z, int n2, double[] out) {
        double p0 = 0;
        double p1 = 0;
        double q0 = 0;
        double q1 = 0;
        for (int t = 0; t + 1 < n2; t += 2) {
            double u0 = u[uo + t];
            double u1 = u[uo + t + 1];
            p0 += u0 * x[xo + t];
            p1 += u1 * x[xo + t + 1];
            q0 += u0 * z[t];
            q1 += u1 * z[t + 1];
        }
        out[0] = p0 + p1;
        out[1] = q0 + q1;
    }

    @Override
    void timesColumns(HostArray m, int base, int n, double[] y, int mc, double[] acc,
                      int j0, int j1, double[] column, double[][] streams) {
        int n2 = 2 * n;
        // P_c = streams[c] = sum_j A_j re(y_jc), S_c = streams[mc + c] = sum_j A_j im(y_jc);
        // then acc_c += P_c + s(S_c)
        for (int c = 0; c < 2 * mc; c++) {
            java.util.Arrays.fill(streams[c], 0, n2, 0.0);
        }
        float[] f = m.floatArray();
        int j = j0;
        if (simd != null && f != null) {
            int m2 = 2 * mc;
            KernelOperands ops = KernelOperands.get();
            int[] ao = ops.zeroOffsets(m2);
            int[] yo = ops.moreOffsets(m2);
            for (; j < j1; j += FloatColumnKernels.BLOCK) {
                for (int c = 0; c < mc; c++) {
                    yo[c] = 2 * (j + c * n);
                    yo[mc + c] = 2 * (j + c * n) + 1;
                }
                simd.times(f, 2 * (base + j * n), n2, n2, Math.min(FloatColumnKernels.BLOCK, j1 - j),
                        y, yo, 2, m2, streams, ao);
            }
        }
        for (; f != null && j + 4 <= j1; j += 4) {
            int at = 2 * (base + j * n);
            for (int c = 0; c < mc; c++) {
                accumulate4(streams[c], streams[mc + c], f, at, n2, y, 2 * (j + c * n));
            }
        }
        for (; j < j1; j++) {
            int at = 2 * (base + j * n);
            m.load(at, column, 0, n2);
            for (int c = 0; c < mc; c++) {
                int yo = 2 * (j + c * n);
                accumulate1(streams[c], streams[mc + c], column, n2, y[yo], y[yo + 1]);
            }
        }
        for (int c = 0; c < mc; c++) {
            double[] p = streams[c];
            double[] q = streams[mc + c];
            int o = c * n2;
            for (int i = 0; i < n2; i += 2) {
                acc[o + i] += p[i] - q[i + 1];
                acc[o + i + 1] += p[i + 1] + q[i];
            }
        }
    }

    /** Four columns v[vo + q n2 ...], coefficients y[yo..yo+7]: p += sum v_q re(y_q), q += sum v_q im(y_q). */
    private static void accumulate4(double[] p, double[] q, float[] v, int vo, int n2, double[] y, int yo) {
        double r0 = y[yo];
        double i0 = y[yo + 1];
        double r1 = y[yo + 2];
        double i1 = y[yo + 3];
        double r2 = y[yo + 4];
        double i2 = y[yo + 5];
        double r3 = y[yo + 6];
        double i3 = y[yo + 7];
        int v1 = vo + n2;
        int v2 = v1 + n2;
        int v3 = v2 + n2;
        for (int t = 0; t < n2; t++) {
            double a0 = v[vo + t];
            double a1 = v[v1 + t];
            double a2 = v[v2 + t];
            double a3 = v[v3 + t];
            p[t] = p[t] + a0 * r0 + a1 * r1 + a2 * r2 + a3 * r3;
            q[t] = q[t] + a0 * i0 + a1 * i1 + a2 * i2 + a3 * i3;
        }
    }

    private static void accumulate1(double[] p, double[] q, double[] v, int n2, double yr, double yi) {
        for (int t = 0; t < n2; t++) {
            double a = v[t];
            p[t] += a * yr;
            q[t] += a * yi;
        }
    }

    @Override
    void updateColumns(HostArray m, int base, int n, int j0, int j1,
                       double[] a, double[] bh, int k, double[] w, double[] g, int r,
                       double[] column, double[][] streams) {
        int ka = a == null ? 0 : k;
        int terms = ka + r;
        int n2 = 2 * n;
        // streams[t] = x_t (a_l, then W_c), streams[terms + t] = s(x_t)
        for (int t = 0; t < terms; t++) {
            double[] x = t < ka ? a : w;
            int xo = t < ka ? t * n2 : (t - ka) * n2;
            System.arraycopy(x, xo, streams[t], 0, n2);
            swap(x, xo, streams[terms + t], n);
        }
        KernelOperands ops = KernelOperands.get();
        double[] cs = ops.moreValues(2 * terms);
        float[] f = m.floatArray();
        if (simd != null && f != null) {
            // 2 terms real per complex term: x_t * re(c) + s(x_t) * im(c)
            int t2 = 2 * terms;
            double[][] xs = ops.refs(t2);
            for (int t = 0; t < terms; t++) {
                xs[2 * t] = streams[t];
                xs[2 * t + 1] = streams[terms + t];
            }
            int[] xo = ops.zeroOffsets(t2);
            double[] coef = ops.values(FloatColumnKernels.BLOCK * t2);
            for (int j = j0; j < j1; j += FloatColumnKernels.BLOCK) {
                int cols = Math.min(FloatColumnKernels.BLOCK, j1 - j);
                for (int q = 0; q < cols; q++) {
                    coefficients(j + q, ka, terms, bh, k, g, r, cs);
                    System.arraycopy(cs, 0, coef, q * t2, t2);
                }
                simd.update(f, 2 * (base + j * n), n2, n2, cols, xs, xo, t2, coef);
            }
            return;
        }
        for (int j = j0; j < j1; j++) {
            int at = 2 * (base + j * n);
            coefficients(j, ka, terms, bh, k, g, r, cs);
            if (f != null && terms <= 3) {
                addFloatColumn(f, at, n2, terms, streams, cs);
                continue;
            }
            m.load(at, column, 0, n2);
            for (int t = 0; t < terms; t++) {
                double cr = cs[2 * t];
                double ci = cs[2 * t + 1];
                double[] x = streams[t];
                double[] sx = streams[terms + t];
                for (int i = 0; i < n2; i++) {
                    column[i] += x[i] * cr + sx[i] * ci;
                }
            }
            m.store(at, column, n2);
        }
    }

    /** The coefficients (re, im) of the terms in column j, b^H[l, j] then G[c, j], into cs. */
    private static void coefficients(int j, int ka, int terms, double[] bh, int k, double[] g, int r, double[] cs) {
        for (int t = 0; t < terms; t++) {
            int p = t < ka ? 2 * (t + j * k) : 2 * ((t - ka) + j * r);
            double[] src = t < ka ? bh : g;
            cs[2 * t] = src[p];
            cs[2 * t + 1] = src[p + 1];
        }
    }

    /**
     * Up to three complex terms added to one float column in one sweep, rounded once: float
     * storage written, double streams read, so the loop vectorizes.
     */
    private static void addFloatColumn(float[] f, int at, int n2, int terms, double[][] s, double[] cs) {
        if (terms == 1) {
            add1(f, at, n2, s[0], s[1], cs[0], cs[1]);
        } else if (terms == 2) {
            add2(f, at, n2, s[0], s[2], s[1], s[3], cs);
        } else {
            add3(f, at, n2, s[0], s[3], s[1], s[4], s[2], s[5], cs);
        }
    }

    private static void add1(float[] f, int at, int n2, double[] x0, double[] s0, double c0, double d0) {
        for (int i = 0; i < n2; i++) {
            f[at + i] = (float) (f[at + i] + x0[i] * c0 + s0[i] * d0);
        }
    }

    private static void add2(float[] f, int at, int n2, double[] x0, double[] s0, double[] x1, double[] s1,
                             double[] cs) {
        double c0 = cs[0];
        double d0 = cs[1];
        double c1 = cs[2];
        double d1 = cs[3];
        for (int i = 0; i < n2; i++) {
            f[at + i] = (float) (f[at + i] + x0[i] * c0 + s0[i] * d0 + x1[i] * c1 + s1[i] * d1);
        }
    }

    private static void add3(float[] f, int at, int n2, double[] x0, double[] s0, double[] x1, double[] s1,
                             double[] x2, double[] s2, double[] cs) {
        double c0 = cs[0];
        double d0 = cs[1];
        double c1 = cs[2];
        double d1 = cs[3];
        double c2 = cs[4];
        double d2 = cs[5];
        for (int i = 0; i < n2; i++) {
            f[at + i] = (float) (f[at + i] + x0[i] * c0 + s0[i] * d0 + x1[i] * c1 + s1[i] * d1
                    + x2[i] * c2 + s2[i] * d2);
        }
    }
}

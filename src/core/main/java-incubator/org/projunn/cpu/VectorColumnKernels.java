package org.projunn.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatColumnKernels} on the incubating Vector API: the JIT compiles these to SIMD on
 * every JDK from 17 on, reductions and float/double conversions included, which plain loops get
 * only partly (JDK 17 vectorizes neither). Loaded by {@link SimdKernels} only when the module
 * {@code jdk.incubator.vector} is present.
 *
 * <p>Each accumulator is summed in a fixed order (lanes, then lane 0 to L - 1, then the scalar
 * tail), never by {@code reduceLanes}, whose order may differ between the interpreter and
 * compiled code. The accumulators are spilled to a per-thread array for that: lane extraction
 * costs C2 enough IR nodes to stop it inlining the other Vector API calls of a kernel, and a
 * vector that is not inlined is a heap object.
 */
final class VectorColumnKernels extends FloatColumnKernels {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Floats with as many lanes as D: the conversion is one instruction each way. */
    private static final VectorSpecies<Float> F =
            VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
    private static final int L = D.length();
    /** Terms per sweep of {@link #update4}: 16 broadcast coefficients held in registers. */
    private static final int GROUP = 4;
    /** Rows per chunk of {@link #update4} with more than GROUP terms (a multiple of any L). */
    private static final int CHUNK = 256;
    /** Per-thread running sums of {@link #update4}'s chunks: 4 columns x CHUNK doubles. */
    private static final ThreadLocal<double[]> ACC = ThreadLocal.withInitial(() -> new double[4 * CHUNK]);
    /** Per-thread spill area for the accumulators of the dot products (16 in {@link #dots4x4}). */
    private static final ThreadLocal<double[]> LANES = ThreadLocal.withInitial(() -> new double[16 * L]);

    @Override
    String describe() {
        return "Vector API, " + D.vectorBitSize() + "-bit double vectors";
    }

    private static DoubleVector load(float[] f, int at) {
        return (DoubleVector) FloatVector.fromArray(F, f, at).convertShape(VectorOperators.F2D, D, 0);
    }

    private static void store(DoubleVector v, float[] f, int at) {
        ((FloatVector) v.convertShape(VectorOperators.D2F, F, 0)).intoArray(f, at);
    }

    /**
     * The lanes of v summed in order. A spill and scalar loads: {@code v.lane(l)} in a loop is
     * intrinsified only where C2 unrolls the loop and inlines it, else it boxes v.
     */
    private static double sum(DoubleVector v) {
        double[] lanes = LANES.get();
        v.intoArray(lanes, 0);
        return sumLanes(lanes, 0);
    }

    private static double sumLanes(double[] lanes, int j) {
        double s = lanes[j * L];
        for (int l = 1; l < L; l++) {
            s += lanes[j * L + l];
        }
        return s;
    }

    // ---- dots ----

    @Override
    void dots(float[] f, int at, int stride, int len, int cols, double[][] xs, int[] xo, int m, double[] sums) {
        if (cols == 4) {
            int c = 0;
            for (; c + 4 <= m; c += 4) {
                dots4x4(f, at, stride, len, xs, xo, c, m, sums);
            }
            for (; c < m; c++) {
                dots4x1(f, at, stride, len, xs[c], xo[c], c, m, sums);
            }
            return;
        }
        for (int q = 0; q < cols; q++) {
            for (int c = 0; c < m; c++) {
                sums[q * m + c] = dot(f, at + q * stride, len, xs[c], xo[c]);
            }
        }
    }

    private static int bound(int len) {
        return len - len % L;
    }

    private static double tail(double s, float[] f, int a, double[] x, int xo, int from, int len) {
        for (int i = from; i < len; i++) {
            s = Math.fma(f[a + i], x[xo + i], s);
        }
        return s;
    }

    private static double dot(float[] f, int a, int len, double[] x, int xo) {
        int end = bound(len);
        DoubleVector s = DoubleVector.zero(D);
        for (int i = 0; i < end; i += L) {
            s = load(f, a + i).fma(DoubleVector.fromArray(D, x, xo + i), s);
        }
        return tail(sum(s), f, a, x, xo, end, len);
    }

    private static void dots4x1(float[] f, int at, int stride, int len, double[] x, int xo,
                                int c, int m, double[] sums) {
        int a0 = at;
        int a1 = a0 + stride;
        int a2 = a1 + stride;
        int a3 = a2 + stride;
        int end = bound(len);
        DoubleVector s0 = DoubleVector.zero(D);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        for (int i = 0; i < end; i += L) {
            DoubleVector xv = DoubleVector.fromArray(D, x, xo + i);
            s0 = load(f, a0 + i).fma(xv, s0);
            s1 = load(f, a1 + i).fma(xv, s1);
            s2 = load(f, a2 + i).fma(xv, s2);
            s3 = load(f, a3 + i).fma(xv, s3);
        }
        double[] lanes = LANES.get();
        s0.intoArray(lanes, 0);
        s1.intoArray(lanes, L);
        s2.intoArray(lanes, 2 * L);
        s3.intoArray(lanes, 3 * L);
        finish(lanes, 0, f, a0, x, xo, end, len, sums, c);
        finish(lanes, 1, f, a1, x, xo, end, len, sums, m + c);
        finish(lanes, 2, f, a2, x, xo, end, len, sums, 2 * m + c);
        finish(lanes, 3, f, a3, x, xo, end, len, sums, 3 * m + c);
    }

    /** Four columns of A against four operand columns: 16 accumulators, A read once. */
    private static void dots4x4(float[] f, int at, int stride, int len, double[][] xs, int[] xo,
                                int c, int m, double[] sums) {
        int a0 = at;
        int a1 = a0 + stride;
        int a2 = a1 + stride;
        int a3 = a2 + stride;
        double[] x0 = xs[c];
        double[] x1 = xs[c + 1];
        double[] x2 = xs[c + 2];
        double[] x3 = xs[c + 3];
        int o0 = xo[c];
        int o1 = xo[c + 1];
        int o2 = xo[c + 2];
        int o3 = xo[c + 3];
        int end = bound(len);
        DoubleVector s00 = DoubleVector.zero(D);
        DoubleVector s01 = s00, s02 = s00, s03 = s00;
        DoubleVector s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        DoubleVector s20 = s00, s21 = s00, s22 = s00, s23 = s00;
        DoubleVector s30 = s00, s31 = s00, s32 = s00, s33 = s00;
        for (int i = 0; i < end; i += L) {
            DoubleVector v0 = load(f, a0 + i);
            DoubleVector v1 = load(f, a1 + i);
            DoubleVector v2 = load(f, a2 + i);
            DoubleVector v3 = load(f, a3 + i);
            DoubleVector x = DoubleVector.fromArray(D, x0, o0 + i);
            s00 = v0.fma(x, s00);
            s10 = v1.fma(x, s10);
            s20 = v2.fma(x, s20);
            s30 = v3.fma(x, s30);
            x = DoubleVector.fromArray(D, x1, o1 + i);
            s01 = v0.fma(x, s01);
            s11 = v1.fma(x, s11);
            s21 = v2.fma(x, s21);
            s31 = v3.fma(x, s31);
            x = DoubleVector.fromArray(D, x2, o2 + i);
            s02 = v0.fma(x, s02);
            s12 = v1.fma(x, s12);
            s22 = v2.fma(x, s22);
            s32 = v3.fma(x, s32);
            x = DoubleVector.fromArray(D, x3, o3 + i);
            s03 = v0.fma(x, s03);
            s13 = v1.fma(x, s13);
            s23 = v2.fma(x, s23);
            s33 = v3.fma(x, s33);
        }
        // Sixteen lane sums would be 128 lane extractions, enough IR nodes to stop C2 inlining
        // the Vector API calls of this method (NodeCountInliningCutoff), which then boxes every
        // vector on the heap. Spilling the accumulators to an array costs one store each.
        double[] lanes = LANES.get();
        s00.intoArray(lanes, 0);
        s01.intoArray(lanes, L);
        s02.intoArray(lanes, 2 * L);
        s03.intoArray(lanes, 3 * L);
        s10.intoArray(lanes, 4 * L);
        s11.intoArray(lanes, 5 * L);
        s12.intoArray(lanes, 6 * L);
        s13.intoArray(lanes, 7 * L);
        s20.intoArray(lanes, 8 * L);
        s21.intoArray(lanes, 9 * L);
        s22.intoArray(lanes, 10 * L);
        s23.intoArray(lanes, 11 * L);
        s30.intoArray(lanes, 12 * L);
        s31.intoArray(lanes, 13 * L);
        s32.intoArray(lanes, 14 * L);
        s33.intoArray(lanes, 15 * L);
        finish(lanes, 0, f, a0, x0, o0, end, len, sums, c);
        finish(lanes, 1, f, a0, x1, o1, end, len, sums, c + 1);
        finish(lanes, 2, f, a0, x2, o2, end, len, sums, c + 2);
        finish(lanes, 3, f, a0, x3, o3, end, len, sums, c + 3);
        finish(lanes, 4, f, a1, x0, o0, end, len, sums, m + c);
        finish(lanes, 5, f, a1, x1, o1, end, len, sums, m + c + 1);
        finish(lanes, 6, f, a1, x2, o2, end, len, sums, m + c + 2);
        finish(lanes, 7, f, a1, x3, o3, end, len, sums, m + c + 3);
        finish(lanes, 8, f, a2, x0, o0, end, len, sums, 2 * m + c);
        finish(lanes, 9, f, a2, x1, o1, end, len, sums, 2 * m + c + 1);
        finish(lanes, 10, f, a2, x2, o2, end, len, sums, 2 * m + c + 2);
        finish(lanes, 11, f, a2, x3, o3, end, len, sums, 2 * m + c + 3);
        finish(lanes, 12, f, a3, x0, o0, end, len, sums, 3 * m + c);
        finish(lanes, 13, f, a3, x1, o1, end, len, sums, 3 * m + c + 1);
        finish(lanes, 14, f, a3, x2, o2, end, len, sums, 3 * m + c + 2);
        finish(lanes, 15, f, a3, x3, o3, end, len, sums, 3 * m + c + 3);
    }

    /** sums[at] = the lanes of spilled accumulator j in order, then the scalar tail. */
    private static void finish(double[] lanes, int j, float[] f, int a, double[] x, int xo, int end, int len,
                               double[] sums, int at) {
        sums[at] = tail(sumLanes(lanes, j), f, a, x, xo, end, len);
    }

    // ---- times ----

    @Override
    void times(float[] f, int at, int stride, int len, int cols, double[] y, int[] yo, int ys, int m,
               double[][] acc, int[] ao) {
        if (cols == 4) {
            int c = 0;
            for (; c + 4 <= m; c += 4) {
                times4x4(f, at, stride, len, y, yo, ys, c, acc, ao);
            }
            for (; c < m; c++) {
                times4x1(f, at, stride, len, y, yo[c], ys, acc[c], ao[c]);
            }
            return;
        }
        for (int q = 0; q < cols; q++) {
            for (int c = 0; c < m; c++) {
                times1(f, at + q * stride, len, y[yo[c] + q * ys], acc[c], ao[c]);
            }
        }
    }

    private static void times1(float[] f, int a, int len, double yq, double[] acc, int o) {
        int end = bound(len);
        DoubleVector b = DoubleVector.broadcast(D, yq);
        for (int i = 0; i < end; i += L) {
            load(f, a + i).fma(b, DoubleVector.fromArray(D, acc, o + i)).intoArray(acc, o + i);
        }
        for (int i = end; i < len; i++) {
            acc[o + i] = Math.fma(f[a + i], yq, acc[o + i]);
        }
    }

    private static void times4x1(float[] f, int at, int stride, int len, double[] y, int yo, int ys,
                                 double[] acc, int o) {
        int a0 = at;
        int a1 = a0 + stride;
        int a2 = a1 + stride;
        int a3 = a2 + stride;
        double y0 = y[yo];
        double y1 = y[yo + ys];
        double y2 = y[yo + 2 * ys];
        double y3 = y[yo + 3 * ys];
        DoubleVector b0 = DoubleVector.broadcast(D, y0);
        DoubleVector b1 = DoubleVector.broadcast(D, y1);
        DoubleVector b2 = DoubleVector.broadcast(D, y2);
        DoubleVector b3 = DoubleVector.broadcast(D, y3);
        int end = bound(len);
        for (int i = 0; i < end; i += L) {
            DoubleVector s = DoubleVector.fromArray(D, acc, o + i);
            s = load(f, a0 + i).fma(b0, s);
            s = load(f, a1 + i).fma(b1, s);
            s = load(f, a2 + i).fma(b2, s);
            s = load(f, a3 + i).fma(b3, s);
            s.intoArray(acc, o + i);
        }
        for (int i = end; i < len; i++) {
            double s = acc[o + i];
            s = Math.fma(f[a0 + i], y0, s);
            s = Math.fma(f[a1 + i], y1, s);
            s = Math.fma(f[a2 + i], y2, s);
            s = Math.fma(f[a3 + i], y3, s);
            acc[o + i] = s;
        }
    }

    /** Four columns of A into four result columns: A converted once for the 16 products. */
    private static void times4x4(float[] f, int at, int stride, int len, double[] y, int[] yo, int ys, int c,
                                 double[][] acc, int[] ao) {
        int a0 = at;
        int a1 = a0 + stride;
        int a2 = a1 + stride;
        int a3 = a2 + stride;
        double[] r0 = acc[c];
        double[] r1 = acc[c + 1];
        double[] r2 = acc[c + 2];
        double[] r3 = acc[c + 3];
        int o0 = ao[c];
        int o1 = ao[c + 1];
        int o2 = ao[c + 2];
        int o3 = ao[c + 3];
        DoubleVector b00 = DoubleVector.broadcast(D, y[yo[c]]);
        DoubleVector b10 = DoubleVector.broadcast(D, y[yo[c] + ys]);
        DoubleVector b20 = DoubleVector.broadcast(D, y[yo[c] + 2 * ys]);
        DoubleVector b30 = DoubleVector.broadcast(D, y[yo[c] + 3 * ys]);
        DoubleVector b01 = DoubleVector.broadcast(D, y[yo[c + 1]]);
        DoubleVector b11 = DoubleVector.broadcast(D, y[yo[c + 1] + ys]);
        DoubleVector b21 = DoubleVector.broadcast(D, y[yo[c + 1] + 2 * ys]);
        DoubleVector b31 = DoubleVector.broadcast(D, y[yo[c + 1] + 3 * ys]);
        DoubleVector b02 = DoubleVector.broadcast(D, y[yo[c + 2]]);
        DoubleVector b12 = DoubleVector.broadcast(D, y[yo[c + 2] + ys]);
        DoubleVector b22 = DoubleVector.broadcast(D, y[yo[c + 2] + 2 * ys]);
        DoubleVector b32 = DoubleVector.broadcast(D, y[yo[c + 2] + 3 * ys]);
        DoubleVector b03 = DoubleVector.broadcast(D, y[yo[c + 3]]);
        DoubleVector b13 = DoubleVector.broadcast(D, y[yo[c + 3] + ys]);
        DoubleVector b23 = DoubleVector.broadcast(D, y[yo[c + 3] + 2 * ys]);
        DoubleVector b33 = DoubleVector.broadcast(D, y[yo[c + 3] + 3 * ys]);
        int end = bound(len);
        for (int i = 0; i < end; i += L) {
            DoubleVector v0 = load(f, a0 + i);
            DoubleVector v1 = load(f, a1 + i);
            DoubleVector v2 = load(f, a2 + i);
            DoubleVector v3 = load(f, a3 + i);
            // all loads before any store: the result columns are often one array at offsets
            // N doubles apart, and a load right after a store 4 KiB away stalls on x86
            // (4K aliasing: the store looks like it might forward to the load)
            DoubleVector s0 = DoubleVector.fromArray(D, r0, o0 + i);
            DoubleVector s1 = DoubleVector.fromArray(D, r1, o1 + i);
            DoubleVector s2 = DoubleVector.fromArray(D, r2, o2 + i);
            DoubleVector s3 = DoubleVector.fromArray(D, r3, o3 + i);
            s0 = v3.fma(b30, v2.fma(b20, v1.fma(b10, v0.fma(b00, s0))));
            s1 = v3.fma(b31, v2.fma(b21, v1.fma(b11, v0.fma(b01, s1))));
            s2 = v3.fma(b32, v2.fma(b22, v1.fma(b12, v0.fma(b02, s2))));
            s3 = v3.fma(b33, v2.fma(b23, v1.fma(b13, v0.fma(b03, s3))));
            s0.intoArray(r0, o0 + i);
            s1.intoArray(r1, o1 + i);
            s2.intoArray(r2, o2 + i);
            s3.intoArray(r3, o3 + i);
        }
        if (end < len) {
            for (int q = c; q < c + 4; q++) {
                int yq = yo[q];
                double y0 = y[yq];
                double y1 = y[yq + ys];
                double y2 = y[yq + 2 * ys];
                double y3 = y[yq + 3 * ys];
                double[] r = acc[q];
                int o = ao[q];
                for (int i = end; i < len; i++) {
                    double s = r[o + i];
                    s = Math.fma(f[a0 + i], y0, s);
                    s = Math.fma(f[a1 + i], y1, s);
                    s = Math.fma(f[a2 + i], y2, s);
                    s = Math.fma(f[a3 + i], y3, s);
                    r[o + i] = s;
                }
            }
        }
    }

    // ---- update ----

    @Override
    void update(float[] f, int at, int stride, int len, int cols, double[][] xs, int[] xo, int terms, double[] coef) {
        if (cols == 4) {
            update4(f, at, stride, len, xs, xo, terms, coef);
            return;
        }
        for (int q = 0; q < cols; q++) {
            update1(f, at + q * stride, len, xs, xo, terms, coef, q * terms);
        }
    }

    private static void update1(float[] f, int a, int len, double[][] xs, int[] xo, int terms,
                                double[] coef, int co) {
        int end = bound(len);
        for (int i = 0; i < end; i += L) {
            DoubleVector s = load(f, a + i);
            for (int t = 0; t < terms; t++) {
                s = DoubleVector.fromArray(D, xs[t], xo[t] + i).fma(DoubleVector.broadcast(D, coef[co + t]), s);
            }
            store(s, f, a + i);
        }
        for (int i = end; i < len; i++) {
            double s = f[a + i];
            for (int t = 0; t < terms; t++) {
                s = Math.fma(xs[t][xo[t] + i], coef[co + t], s);
            }
            f[a + i] = (float) s;
        }
    }

    /**
     * Four columns: each operand vector loaded once for the four. Up to {@link #GROUP} terms run
     * in one sweep with their 16 coefficients broadcast once, before the loop; more terms run in
     * groups of {@link #GROUP} over row chunks whose running sums wait in a per-thread double
     * array (L1-resident), so A is still read once, rounded once and written once, and every
     * element sees the same FMAs in the same order as in one sweep.
     */
    private static void update4(float[] f, int at, int stride, int len, double[][] xs, int[] xo, int terms,
                                double[] coef) {
        int end = bound(len);
        if (terms <= GROUP) {
            group(f, at, stride, 0, end, xs, xo, 0, terms, coef, terms, null, true, true);
        } else {
            double[] acc = ACC.get();
            for (int i0 = 0; i0 < end; i0 += CHUNK) {
                int i1 = Math.min(end, i0 + CHUNK);
                for (int tg = 0; tg < terms; tg += GROUP) {
                    group(f, at, stride, i0, i1, xs, xo, tg, Math.min(GROUP, terms - tg), coef, terms, acc,
                            tg == 0, tg + GROUP >= terms);
                }
            }
        }
        if (end < len) {
            for (int q = 0; q < 4; q++) {
                int a = at + q * stride;
                for (int i = end; i < len; i++) {
                    double s = f[a + i];
                    for (int t = 0; t < terms; t++) {
                        s = Math.fma(xs[t][xo[t] + i], coef[q * terms + t], s);
                    }
                    f[a + i] = (float) s;
                }
            }
        }
    }

    /**
     * Terms [tg, tg + g) of {@link #update4} over rows [i0, i1), g in 1..GROUP: the running sums
     * come from A ({@code fromA}) or from the chunk's accumulators, and go to A, rounded once
     * ({@code toA}), or back to the accumulators (column q at {@code acc[q * CHUNK + i - i0]}).
     */
    private static void group(float[] f, int at, int stride, int i0, int i1, double[][] xs, int[] xo,
                              int tg, int g, double[] coef, int terms, double[] acc, boolean fromA, boolean toA) {
        int a0 = at;
        int a1 = a0 + stride;
        int a2 = a1 + stride;
        int a3 = a2 + stride;
        double[] x0 = xs[tg];
        double[] x1 = g > 1 ? xs[tg + 1] : x0;
        double[] x2 = g > 2 ? xs[tg + 2] : x0;
        double[] x3 = g > 3 ? xs[tg + 3] : x0;
        int o0 = xo[tg];
        int o1 = g > 1 ? xo[tg + 1] : 0;
        int o2 = g > 2 ? xo[tg + 2] : 0;
        int o3 = g > 3 ? xo[tg + 3] : 0;
        // c{q}{t}: the coefficient of term tg + t in column q (unused ones are never read)
        DoubleVector c00 = DoubleVector.broadcast(D, coef[tg]);
        DoubleVector c10 = DoubleVector.broadcast(D, coef[terms + tg]);
        DoubleVector c20 = DoubleVector.broadcast(D, coef[2 * terms + tg]);
        DoubleVector c30 = DoubleVector.broadcast(D, coef[3 * terms + tg]);
        int t1 = g > 1 ? tg + 1 : tg;
        DoubleVector c01 = DoubleVector.broadcast(D, coef[t1]);
        DoubleVector c11 = DoubleVector.broadcast(D, coef[terms + t1]);
        DoubleVector c21 = DoubleVector.broadcast(D, coef[2 * terms + t1]);
        DoubleVector c31 = DoubleVector.broadcast(D, coef[3 * terms + t1]);
        int t2 = g > 2 ? tg + 2 : tg;
        DoubleVector c02 = DoubleVector.broadcast(D, coef[t2]);
        DoubleVector c12 = DoubleVector.broadcast(D, coef[terms + t2]);
        DoubleVector c22 = DoubleVector.broadcast(D, coef[2 * terms + t2]);
        DoubleVector c32 = DoubleVector.broadcast(D, coef[3 * terms + t2]);
        int t3 = g > 3 ? tg + 3 : tg;
        DoubleVector c03 = DoubleVector.broadcast(D, coef[t3]);
        DoubleVector c13 = DoubleVector.broadcast(D, coef[terms + t3]);
        DoubleVector c23 = DoubleVector.broadcast(D, coef[2 * terms + t3]);
        DoubleVector c33 = DoubleVector.broadcast(D, coef[3 * terms + t3]);
        for (int i = i0; i < i1; i += L) {
            int o = i - i0;
            DoubleVector s0;
            DoubleVector s1;
            DoubleVector s2;
            DoubleVector s3;
            if (fromA) {
                s0 = load(f, a0 + i);
                s1 = load(f, a1 + i);
                s2 = load(f, a2 + i);
                s3 = load(f, a3 + i);
            } else {
                s0 = DoubleVector.fromArray(D, acc, o);
                s1 = DoubleVector.fromArray(D, acc, CHUNK + o);
                s2 = DoubleVector.fromArray(D, acc, 2 * CHUNK + o);
                s3 = DoubleVector.fromArray(D, acc, 3 * CHUNK + o);
            }
            DoubleVector x = DoubleVector.fromArray(D, x0, o0 + i);
            s0 = x.fma(c00, s0);
            s1 = x.fma(c10, s1);
            s2 = x.fma(c20, s2);
            s3 = x.fma(c30, s3);
            if (g > 1) {
                x = DoubleVector.fromArray(D, x1, o1 + i);
                s0 = x.fma(c01, s0);
                s1 = x.fma(c11, s1);
                s2 = x.fma(c21, s2);
                s3 = x.fma(c31, s3);
            }
            if (g > 2) {
                x = DoubleVector.fromArray(D, x2, o2 + i);
                s0 = x.fma(c02, s0);
                s1 = x.fma(c12, s1);
                s2 = x.fma(c22, s2);
                s3 = x.fma(c32, s3);
            }
            if (g > 3) {
                x = DoubleVector.fromArray(D, x3, o3 + i);
                s0 = x.fma(c03, s0);
                s1 = x.fma(c13, s1);
                s2 = x.fma(c23, s2);
                s3 = x.fma(c33, s3);
            }
            if (toA) {
                store(s0, f, a0 + i);
                store(s1, f, a1 + i);
                store(s2, f, a2 + i);
                store(s3, f, a3 + i);
            } else {
                s0.intoArray(acc, o);
                s1.intoArray(acc, CHUNK + o);
                s2.intoArray(acc, 2 * CHUNK + o);
                s3.intoArray(acc, 3 * CHUNK + o);
            }
        }
    }
}

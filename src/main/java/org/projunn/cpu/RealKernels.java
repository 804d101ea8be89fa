package org.projunn.cpu;

import java.util.Arrays;

/** {@link DenseKernels} for real matrices; loops run over contiguous rows so the JIT vectorizes them. */
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
        for (int j = j0; j < j1; j++) {
            m.load(base + j * n, column, n);
            for (int c = 0; c < mc; c++) {
                out[j + c * n] = dot(column, x, c * n, n);
            }
        }
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
        for (int j = 0; j < n; j++) {
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
        // pass 1: W = A_blk Q
        for (int j = 0; j < n; j++) {
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
        // pass 2: A_blk += a_blk b^H + W G (the block is still in cache from pass 1)
        for (int j = 0; j < n; j++) {
            int at = base + j * n + r0;
            m.load(at, chunk, h);
            if (a != null) {
                for (int l = 0; l < k; l++) {
                    double bjl = bh[l + j * k];
                    int ao = l * n + r0;
                    for (int i = 0; i < h; i++) {
                        chunk[i] += a[ao + i] * bjl;
                    }
                }
            }
            int go = j * r;
            for (int cc = 0; cc < r; cc++) {
                double gcj = g[go + cc];
                int wo = cc * h;
                for (int i = 0; i < h; i++) {
                    chunk[i] += w[wo + i] * gcj;
                }
            }
            m.store(at, chunk, h);
        }
    }
}

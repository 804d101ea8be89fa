package org.projunn.cpu;

import java.util.Arrays;

/** {@link DenseKernels} for complex matrices stored interleaved (re, im). */
final class ComplexKernels extends DenseKernels {
    static final ComplexKernels INSTANCE = new ComplexKernels();

    private ComplexKernels() {
    }

    @Override
    int scalars() {
        return 2;
    }

    @Override
    void adjointTimes(HostArray m, int base, int n, double[] x, int mc, double[] out,
                      int j0, int j1, double[] column) {
        for (int j = j0; j < j1; j++) {
            m.load(2 * (base + j * n), column, 2 * n);
            for (int c = 0; c < mc; c++) {
                int xo = 2 * c * n;
                // conj(m) . x with two independent pairs of partial sums (see RealKernels.dot)
                double re0 = 0;
                double im0 = 0;
                double re1 = 0;
                double im1 = 0;
                int i = 0;
                for (; i + 3 < 2 * n; i += 4) {
                    double mr = column[i];
                    double mi = column[i + 1];
                    double xr = x[xo + i];
                    double xi = x[xo + i + 1];
                    re0 += mr * xr + mi * xi;
                    im0 += mr * xi - mi * xr;
                    double mr1 = column[i + 2];
                    double mi1 = column[i + 3];
                    double xr1 = x[xo + i + 2];
                    double xi1 = x[xo + i + 3];
                    re1 += mr1 * xr1 + mi1 * xi1;
                    im1 += mr1 * xi1 - mi1 * xr1;
                }
                for (; i < 2 * n; i += 2) {
                    double mr = column[i];
                    double mi = column[i + 1];
                    double xr = x[xo + i];
                    double xi = x[xo + i + 1];
                    re0 += mr * xr + mi * xi;
                    im0 += mr * xi - mi * xr;
                }
                int o = 2 * (j + c * n);
                out[o] = re0 + re1;
                out[o + 1] = im0 + im1;
            }
        }
    }

    @Override
    void times(HostArray m, int base, int n, double[] y, int mc, double[] out,
               int r0, int r1, double[] chunk, double[] acc) {
        int h = r1 - r0;
        Arrays.fill(acc, 0, 2 * h * mc, 0.0);
        for (int j = 0; j < n; j++) {
            m.load(2 * (base + j * n + r0), chunk, 2 * h);
            for (int c = 0; c < mc; c++) {
                int yo = 2 * (j + c * n);
                double yr = y[yo];
                double yi = y[yo + 1];
                int ao = 2 * c * h;
                for (int i = 0; i < 2 * h; i += 2) {
                    double mr = chunk[i];
                    double mi = chunk[i + 1];
                    acc[ao + i] += mr * yr - mi * yi;
                    acc[ao + i + 1] += mr * yi + mi * yr;
                }
            }
        }
        for (int c = 0; c < mc; c++) {
            System.arraycopy(acc, 2 * c * h, out, 2 * (c * n + r0), 2 * h);
        }
    }

    @Override
    void fusedUpdate(HostArray m, int base, int n, int r0, int r1,
                     double[] qRows, double[] g, int r,
                     double[] a, double[] bh, double[] c, int k,
                     double[] chunk, double[] w) {
        int h = r1 - r0;
        Arrays.fill(w, 0, 2 * h * r, 0.0);
        // pass 1: W = A_blk Q
        for (int j = 0; j < n; j++) {
            m.load(2 * (base + j * n + r0), chunk, 2 * h);
            for (int cc = 0; cc < r; cc++) {
                int qo = 2 * (cc + j * r);
                double qr = qRows[qo];
                double qi = qRows[qo + 1];
                int wo = 2 * cc * h;
                for (int i = 0; i < 2 * h; i += 2) {
                    double mr = chunk[i];
                    double mi = chunk[i + 1];
                    w[wo + i] += mr * qr - mi * qi;
                    w[wo + i + 1] += mr * qi + mi * qr;
                }
            }
        }
        if (a != null) {
            // W += a_blk C
            for (int cc = 0; cc < r; cc++) {
                int wo = 2 * cc * h;
                for (int l = 0; l < k; l++) {
                    int co = 2 * (l + cc * k);
                    double cr = c[co];
                    double ci = c[co + 1];
                    int ao = 2 * (l * n + r0);
                    for (int i = 0; i < 2 * h; i += 2) {
                        double ar = a[ao + i];
                        double ai = a[ao + i + 1];
                        w[wo + i] += ar * cr - ai * ci;
                        w[wo + i + 1] += ar * ci + ai * cr;
                    }
                }
            }
        }
        // pass 2: A_blk += a_blk b^H + W G
        for (int j = 0; j < n; j++) {
            int at = 2 * (base + j * n + r0);
            m.load(at, chunk, 2 * h);
            if (a != null) {
                for (int l = 0; l < k; l++) {
                    int bo = 2 * (l + j * k);
                    double br = bh[bo];
                    double bi = bh[bo + 1];
                    int ao = 2 * (l * n + r0);
                    for (int i = 0; i < 2 * h; i += 2) {
                        double ar = a[ao + i];
                        double ai = a[ao + i + 1];
                        chunk[i] += ar * br - ai * bi;
                        chunk[i + 1] += ar * bi + ai * br;
                    }
                }
            }
            for (int cc = 0; cc < r; cc++) {
                int go = 2 * (cc + j * r);
                double gr = g[go];
                double gi = g[go + 1];
                int wo = 2 * cc * h;
                for (int i = 0; i < 2 * h; i += 2) {
                    double wr = w[wo + i];
                    double wi = w[wo + i + 1];
                    chunk[i] += wr * gr - wi * gi;
                    chunk[i + 1] += wr * gi + wi * gr;
                }
            }
            m.store(at, chunk, 2 * h);
        }
    }
}

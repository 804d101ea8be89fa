// Generated from RnnMath32.java by src/train/test/java/org/projunn/train/GenerateRnnMath64.java;
// do not edit. Edit RnnMath32.java, then regenerate from the repository root with
//   java src/train/test/java/org/projunn/train/GenerateRnnMath64.java
// (RnnMath64DriftTest fails while the two differ.)
package org.projunn.train;

import java.util.Arrays;
import org.projunn.DType;
import org.projunn.parallel.WorkerPool;

/**
 * {@link RnnMath} on {@code double[]} columns (float64): RnnMath32 with {@code double} for
 * {@code float}, so that each precision's loops vectorize in their own class.
 */
public final class RnnMath64 implements RnnMath<double[]> {
    /** Columns of A kept hot in cache per pass of a matrix product. */
    private static final int K_BLOCK = 128;
    /** Below this many multiply-adds a product runs on the calling thread. */
    private static final long PARALLEL_MIN = 1L << 15;
    private static final double MOD_EPS = 1e-12;

    private final WorkerPool pool;
    private final Product product = new Product();

    public RnnMath64(WorkerPool pool) {
        this.pool = pool;
    }

    @Override
    public DType dtype() {
        return DType.FLOAT64;
    }

    @Override
    public double[][] matrix(int cols, int rows) {
        return new double[cols][rows];
    }

    @Override
    public void load(double[] src, int srcOff, double[] dst) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] = src[srcOff + i];
        }
    }

    @Override
    public void zero(double[][] c, int c0, int n) {
        for (int j = c0; j < c0 + n; j++) {
            Arrays.fill(c[j], 0.0);
        }
    }

    @Override
    public void store(double[] src, double[] dst, int dstOff) {
        for (int i = 0; i < src.length; i++) {
            dst[dstOff + i] = src[i];
        }
    }

    @Override
    public void gemm(boolean transposeB, int m, int n, int k, double[][] a, int a0, double[][] b, int b0,
                     boolean accumulate, double[][] c, int c0) {
        Product p = product;
        p.set(transposeB, m, k, a, a0, b, b0, accumulate, c, c0);
        try {
            if ((long) m * n * k < PARALLEL_MIN || pool.threads() == 1) {
                p.run(0, n);
            } else {
                pool.run(n, p);
            }
        } finally {
            p.clear();
        }
    }

    /** One matrix product's arguments, reused so that a product allocates nothing. */
    private static final class Product implements WorkerPool.Range {
        private boolean transposeB;
        private int m;
        private int k;
        private double[][] a;
        private int a0;
        private double[][] b;
        private int b0;
        private boolean accumulate;
        private double[][] c;
        private int c0;

        void set(boolean transposeB, int m, int k, double[][] a, int a0, double[][] b, int b0, boolean accumulate,
                 double[][] c, int c0) {
            this.transposeB = transposeB;
            this.m = m;
            this.k = k;
            this.a = a;
            this.a0 = a0;
            this.b = b;
            this.b0 = b0;
            this.accumulate = accumulate;
            this.c = c;
            this.c0 = c0;
        }

        void clear() {
            a = null;
            b = null;
            c = null;
        }

        /** Columns [j0, j1) of C, in blocks of K_BLOCK columns of A so that a block stays in cache. */
        @Override
        public void run(int j0, int j1) {
            if (!accumulate) {
                for (int j = j0; j < j1; j++) {
                    Arrays.fill(c[c0 + j], 0, m, 0.0);
                }
            }
            for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
                int p1 = Math.min(k, p0 + K_BLOCK);
                for (int j = j0; j < j1; j++) {
                    if (transposeB) {
                        columnTransposed(c[c0 + j], j, p0, p1);
                    } else {
                        column(c[c0 + j], b[b0 + j], p0, p1);
                    }
                }
            }
        }

        /** cj += sum_p bj[p] a[a0 + p] for p in [p0, p1). */
        private void column(double[] cj, double[] bj, int p0, int p1) {
            int p = p0;
            for (; p + 3 < p1; p += 4) {
                axpy4(cj, bj[p], bj[p + 1], bj[p + 2], bj[p + 3], p);
            }
            for (; p < p1; p++) {
                axpy1(cj, bj[p], p);
            }
        }

        /** cj += sum_p b[b0 + p][j] a[a0 + p] for p in [p0, p1). */
        private void columnTransposed(double[] cj, int j, int p0, int p1) {
            double[][] b = this.b;
            int q = b0;
            int p = p0;
            for (; p + 3 < p1; p += 4) {
                axpy4(cj, b[q + p][j], b[q + p + 1][j], b[q + p + 2][j], b[q + p + 3][j], p);
            }
            for (; p < p1; p++) {
                axpy1(cj, b[q + p][j], p);
            }
        }

        private void axpy4(double[] cj, double s0, double s1, double s2, double s3, int p) {
            if (s0 == 0 && s1 == 0 && s2 == 0 && s3 == 0) {
                return;
            }
            double[] x0 = a[a0 + p];
            double[] x1 = a[a0 + p + 1];
            double[] x2 = a[a0 + p + 2];
            double[] x3 = a[a0 + p + 3];
            int m = this.m;
            for (int i = 0; i < m; i++) {
                cj[i] += s0 * x0[i] + s1 * x1[i] + s2 * x2[i] + s3 * x3[i];
            }
        }

        private void axpy1(double[] cj, double s0, int p) {
            if (s0 == 0) {
                return;
            }
            double[] x0 = a[a0 + p];
            int m = this.m;
            for (int i = 0; i < m; i++) {
                cj[i] += s0 * x0[i];
            }
        }
    }

    @Override
    public void addColumn(double[][] c, int c0, int n, double[] v) {
        for (int j = c0; j < c0 + n; j++) {
            double[] cj = c[j];
            for (int i = 0; i < v.length; i++) {
                cj[i] += v[i];
            }
        }
    }

    @Override
    public void rowSums(double[][] c, int c0, int n, double[] dst, int dstOff) {
        int rows = c[c0].length;
        Arrays.fill(dst, dstOff, dstOff + rows, 0.0);
        for (int j = c0; j < c0 + n; j++) {
            double[] cj = c[j];
            for (int i = 0; i < rows; i++) {
                dst[dstOff + i] += cj[i];
            }
        }
    }

    @Override
    public void relu(double[][] z, int z0, double[][] h, int h0, int n) {
        for (int j = 0; j < n; j++) {
            double[] zj = z[z0 + j];
            double[] hj = h[h0 + j];
            for (int i = 0; i < zj.length; i++) {
                hj[i] = Math.max(zj[i], 0.0);
            }
        }
    }

    @Override
    public void reluBackward(double[][] z, int z0, double[][] g, int g0, int n) {
        for (int j = 0; j < n; j++) {
            double[] zj = z[z0 + j];
            double[] gj = g[g0 + j];
            for (int i = 0; i < zj.length; i++) {
                gj[i] = zj[i] > 0 ? gj[i] : 0;
            }
        }
    }

    @Override
    public void modRelu(double[][] z, int z0, double[][] h, int h0, int n, double[] beta) {
        int units = beta.length;
        for (int j = 0; j < n; j++) {
            double[] zj = z[z0 + j];
            double[] hj = h[h0 + j];
            for (int u = 0; u < units; u++) {
                double re = zj[u];
                double im = zj[units + u];
                double mod = Math.sqrt(re * re + im * im + MOD_EPS);
                double act = mod + beta[u];
                double scale = act > 0 ? act / mod : 0;
                hj[u] = re * scale;
                hj[units + u] = im * scale;
            }
        }
    }

    @Override
    public void modReluBackward(double[][] z, int z0, double[][] g, int g0, int n, double[] beta, double[] dBeta) {
        int units = beta.length;
        for (int j = 0; j < n; j++) {
            double[] zj = z[z0 + j];
            double[] gj = g[g0 + j];
            for (int u = 0; u < units; u++) {
                double re = zj[u];
                double im = zj[units + u];
                double mod = Math.sqrt(re * re + im * im + MOD_EPS);
                double b = beta[u];
                if (!(mod + b > 0)) {
                    gj[u] = 0;
                    gj[units + u] = 0;
                    continue;
                }
                // h = z (1 + beta / |z|), so dh/dz = (1 + beta / |z|) I - beta z z^T / |z|^3
                double gre = gj[u];
                double gim = gj[units + u];
                double inv = 1 / mod;
                double dot = gre * re + gim * im;
                double radial = b * dot * inv * inv * inv;
                gj[u] = gre * (1 + b * inv) - re * radial;
                gj[units + u] = gim * (1 + b * inv) - im * radial;
                dBeta[u] += dot * inv;
            }
        }
    }

    @Override
    public double crossEntropy(double[][] y, int y0, int n, int[] labels, double scale, double[][] dy) {
        double total = 0;
        for (int j = 0; j < n; j++) {
            double[] yj = y[y0 + j];
            double max = Double.NEGATIVE_INFINITY;
            for (double v : yj) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (double v : yj) {
                sum += Math.exp(v - max);
            }
            int label = labels[j];
            total += Math.log(sum) + max - yj[label];
            if (dy != null) {
                double[] dj = dy[j];
                for (int i = 0; i < yj.length; i++) {
                    double p = Math.exp(yj[i] - max) / sum;
                    dj[i] = (scale * (i == label ? p - 1 : p));
                }
            }
        }
        return total;
    }

    @Override
    public double squaredError(double[][] y, int y0, int n, double[] targets, double scale, double[][] dy) {
        double total = 0;
        int t = 0;
        for (int j = 0; j < n; j++) {
            double[] yj = y[y0 + j];
            for (int i = 0; i < yj.length; i++, t++) {
                double e = yj[i] - targets[t];
                total += e * e;
                if (dy != null) {
                    dy[j][i] = (2 * scale * e);
                }
            }
        }
        return total;
    }
}

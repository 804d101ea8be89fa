package org.projunn.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dense passes on float storage, with the Vector API kernels and with the plain loops,
 * against float64 sums written out here, and split into column ranges in different ways (as
 * different thread counts split them): bitwise the same results.
 */
class DensePassesSimdTest {

    @ParameterizedTest
    @CsvSource({"false, 37, 3, 2", "false, 64, 4, 5", "true, 37, 3, 2", "true, 64, 4, 3", "false, 96, 16, 32",
        "false, 603, 6, 5", "true, 301, 4, 3"}) // the last two: more than one row chunk of the update
    void passesMatchFloat64AndDoNotDependOnTheSplit(boolean complex, int n, int mc, int k) {
        assertTrue(DensePasses.vector(complex).simd(),
                "the tests run with --add-modules jdk.incubator.vector, so the SIMD kernels must load");
        for (DensePasses passes : new DensePasses[] {DensePasses.vector(complex), DensePasses.plain(complex)}) {
            check(passes, complex, n, mc, k);
        }
    }

    private static void check(DensePasses p, boolean complex, int n, int mc, int k) {
        int s = complex ? 2 : 1;
        Random rnd = new Random(n * 31L + mc + (complex ? 7 : 0));
        float[] a = new float[n * n * s];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        double[] x = gaussian(rnd, n * mc * s);
        String what = (p.simd() ? "simd " : "plain ") + (complex ? "complex" : "real");

        // adjointTimes: out[j, c] = sum_i conj(A[i, j]) x[i, c]
        double[] want = new double[n * mc * s];
        for (int c = 0; c < mc; c++) {
            for (int j = 0; j < n; j++) {
                double re = 0;
                double im = 0;
                for (int i = 0; i < n; i++) {
                    double ar = a[(i + j * n) * s];
                    double ai = complex ? a[(i + j * n) * s + 1] : 0;
                    double xr = x[(i + c * n) * s];
                    double xi = complex ? x[(i + c * n) * s + 1] : 0;
                    re += ar * xr + ai * xi;
                    im += ar * xi - ai * xr;
                }
                want[(j + c * n) * s] = re;
                if (complex) {
                    want[(j + c * n) * s + 1] = im;
                }
            }
        }
        double[] whole = adjoint(p, a, n, x, mc, new int[] {0, n});
        assertClose(want, whole, 1e-12, what + " adjointTimes");
        assertArrayEquals(whole, adjoint(p, a, n, x, mc, new int[] {0, 5, 6, n}), what + " adjointTimes split");
        assertArrayEquals(whole, adjoint(p, a, n, x, mc, new int[] {0, 1, n / 2, n}), what + " adjointTimes split");

        // timesColumns over [j0, j1): acc[i, c] += sum_j A[i, j] y[j, c]
        int j0 = 3;
        int j1 = n - 2;
        double[] y = gaussian(rnd, n * mc * s);
        double[] start = gaussian(rnd, n * mc * s);
        double[] wantTimes = start.clone();
        for (int c = 0; c < mc; c++) {
            for (int i = 0; i < n; i++) {
                double re = 0;
                double im = 0;
                for (int j = j0; j < j1; j++) {
                    double ar = a[(i + j * n) * s];
                    double ai = complex ? a[(i + j * n) * s + 1] : 0;
                    double yr = y[(j + c * n) * s];
                    double yi = complex ? y[(j + c * n) * s + 1] : 0;
                    re += ar * yr - ai * yi;
                    im += ar * yi + ai * yr;
                }
                wantTimes[(i + c * n) * s] += re;
                if (complex) {
                    wantTimes[(i + c * n) * s + 1] += im;
                }
            }
        }
        double[][] streams = p.newStreams(2 * Math.max(3 * k, mc), n * s);
        double[] acc = start.clone();
        p.timesColumns(HostArray.of(a), 0, n, y, mc, acc, j0, j1, new double[4 * n * s], streams);
        assertClose(wantTimes, acc, 1e-12, what + " timesColumns");

        // updateColumns: A[:, j] += sum_l a[:, l] bh[l, j] + sum_c w[:, c] g[c, j], projUNN-D shape
        int r = 2 * k;
        double[] fa = gaussian(rnd, n * k * s);
        double[] bh = gaussian(rnd, k * n * s);
        double[] w = gaussian(rnd, n * r * s);
        double[] g = gaussian(rnd, r * n * s);
        double[] wantA = new double[a.length];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                int e = (i + j * n) * s;
                double re = a[e];
                double im = complex ? a[e + 1] : 0;
                for (int t = 0; t < k + r; t++) {
                    double[] col = t < k ? fa : w;
                    int ci = t < k ? (i + t * n) * s : (i + (t - k) * n) * s;
                    int cc = t < k ? (t + j * k) * s : ((t - k) + j * r) * s;
                    double[] coef = t < k ? bh : g;
                    double xr = col[ci];
                    double xi = complex ? col[ci + 1] : 0;
                    double cr = coef[cc];
                    double cim = complex ? coef[cc + 1] : 0;
                    re += xr * cr - xi * cim;
                    im += xr * cim + xi * cr;
                }
                wantA[e] = re;
                if (complex) {
                    wantA[e + 1] = im;
                }
            }
        }
        float[] updated = update(p, a, n, fa, bh, k, w, g, r, streams, new int[] {0, n});
        for (int i = 0; i < a.length; i++) {
            assertEquals(wantA[i], updated[i], 1e-6 * (1 + Math.abs(wantA[i])), what + " updateColumns at " + i);
        }
        assertArrayEquals(updated, update(p, a, n, fa, bh, k, w, g, r, streams, new int[] {0, 7, n}),
                what + " updateColumns split");
    }

    private static double[] adjoint(DensePasses p, float[] a, int n, double[] x, int mc, int[] cuts) {
        int s = p.scalars();
        double[] out = new double[n * mc * s];
        double[][] streams = p.newStreams(2 * mc, n * s);
        for (int i = 0; i + 1 < cuts.length; i++) {
            p.adjointTimes(HostArray.of(a), 0, n, x, mc, out, cuts[i], cuts[i + 1], new double[4 * n * s], streams);
        }
        return out;
    }

    private static float[] update(DensePasses p, float[] a, int n, double[] fa, double[] bh, int k, double[] w,
                                  double[] g, int r, double[][] streams, int[] cuts) {
        float[] copy = a.clone();
        for (int i = 0; i + 1 < cuts.length; i++) {
            p.updateColumns(HostArray.of(copy), 0, n, cuts[i], cuts[i + 1], fa, bh, k, w, g, r,
                    new double[4 * n * p.scalars()], streams);
        }
        return copy;
    }

    private static double[] gaussian(Random rnd, int len) {
        double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }

    private static void assertClose(double[] want, double[] got, double rel, String what) {
        double scale = 0;
        for (double v : want) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < want.length; i++) {
            assertTrue(Math.abs(want[i] - got[i]) <= rel * (1 + scale),
                    what + " at " + i + ": want " + want[i] + ", got " + got[i]);
        }
    }
}

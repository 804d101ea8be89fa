package org.projunn.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.projunn.testing.FiniteAssertions.assertAllFinite;
import static org.projunn.testing.FiniteAssertions.assertClose;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real small routines against naive float64 triple loops and against the complex
 * {@link SmallLinalg} on real input (zero imaginary parts), with lengths that are not multiples
 * of the four-column blocks or the vector length, one column, and rank-deficient input.
 */
class RealSmallLinalgTest {

    private static double[] gaussian(int count, Random rnd) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = rnd.nextGaussian();
        }
        return x;
    }

    private static double[] widen(double[] real) {
        double[] c = new double[2 * real.length];
        StepWorkspace.toComplex(real, 1, real.length, c);
        return c;
    }

    /** Scratch columns longer than needed and holding garbage: they are only scratch. */
    private static double[][] scratch(int count, int length) {
        double[][] columns = new double[count + 1][];
        for (int c = 0; c <= count; c++) {
            columns[c] = garbage(length + 3);
        }
        return columns;
    }

    private static double[] garbage(int length) {
        double[] g = new double[length];
        java.util.Arrays.fill(g, Double.NaN);
        return g;
    }

    /** With scratch columns longer than needed and holding garbage: they are only scratch. */
    private static int orthonormalize(double[] x, int n, int m) {
        return RealSmallLinalg.orthonormalizeColumns(x, n, m, scratch(m, n));
    }

    @ParameterizedTest(name = "n={0} p={1} q={2}")
    @CsvSource({"1,1,1", "1,5,3", "7,3,2", "33,4,5", "130,9,7", "33,16,3", "5,17,2", "1023,32,16"})
    void productsMatchNaiveLoops(int n, int p, int q) {
        Random rnd = new Random(31L * n + p);
        // X^T Y: X n x p, Y n x q
        double[] x = gaussian(n * p, rnd);
        double[] y = gaussian(n * q, rnd);
        double[] out = new double[p * q];
        RealSmallLinalg.transposeTimes(x, n, p, y, q, out, scratch(n, p), garbage(p));
        double[] ref = new double[p * q];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < q; j++) {
                for (int t = 0; t < n; t++) {
                    ref[i + j * p] += x[t + i * n] * y[t + j * n];
                }
            }
        }
        assertClose(ref, out, 1e-13 * n, "X^T Y");

        // X Y: X n x p, S p x q
        double[] s = gaussian(p * q, rnd);
        double[] xy = new double[n * q];
        java.util.Arrays.fill(xy, Double.NaN); // overwritten, not accumulated into
        RealSmallLinalg.times(x, n, p, s, q, xy, scratch(p + 1, n));
        double[] refXy = new double[n * q];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < q; j++) {
                for (int t = 0; t < p; t++) {
                    refXy[i + j * n] += x[i + t * n] * s[t + j * p];
                }
            }
        }
        assertClose(refXy, xy, 1e-13 * p, "X Y");

        // F Y^T: F q x p (small), Y n x p (long)
        double[] f = gaussian(q * p, rnd);
        double[] g = new double[q * n];
        java.util.Arrays.fill(g, Double.NaN);
        RealSmallLinalg.timesTranspose(f, q, p, x, n, g, scratch(p + 1, n), garbage(p));
        double[] refG = new double[q * n];
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < n; j++) {
                for (int t = 0; t < p; t++) {
                    refG[i + j * q] += f[i + t * q] * x[j + t * n];
                }
            }
        }
        assertClose(refG, g, 1e-13 * p, "F Y^T");
    }

    @ParameterizedTest(name = "n={0} p={1} q={2}")
    @CsvSource({"1,1,1", "7,3,2", "130,9,7", "33,17,4", "1023,32,16"})
    void productsMatchTheComplexRoutinesOnRealInput(int n, int p, int q) {
        Random rnd = new Random(7L * n + q);
        double[] x = gaussian(n * p, rnd);
        double[] y = gaussian(n * q, rnd);
        double[] real = new double[p * q];
        double[] complex = new double[2 * p * q];
        RealSmallLinalg.transposeTimes(x, n, p, y, q, real, scratch(n, p), garbage(p));
        SmallLinalg.adjointTimes(widen(x), n, p, widen(y), q, complex);
        assertClose(complex, widen(real), 1e-13 * n, "X^T Y vs X^H Y");

        double[] s = gaussian(p * q, rnd);
        double[] xy = new double[n * q];
        double[] xyC = new double[2 * n * q];
        RealSmallLinalg.times(x, n, p, s, q, xy, scratch(p + 1, n));
        SmallLinalg.times(widen(x), n, p, widen(s), q, xyC);
        assertClose(xyC, widen(xy), 1e-13 * p, "X Y vs complex X Y");

        double[] f = gaussian(q * p, rnd);
        double[] g = new double[q * n];
        double[] gC = new double[2 * q * n];
        RealSmallLinalg.timesTranspose(f, q, p, x, n, g, scratch(p + 1, n), garbage(p));
        SmallLinalg.timesAdjoint(widen(f), q, p, widen(x), n, gC);
        assertClose(gC, widen(g), 1e-13 * p, "F Y^T vs F Y^H");
    }

    @ParameterizedTest(name = "n={0} m={1}")
    @CsvSource({"1,1", "5,1", "7,3", "33,9", "130,32", "1023,26", "8,8"})
    void orthonormalizationMatchesTheComplexRoutineOnRealInput(int n, int m) {
        Random rnd = new Random(n + 100L * m);
        double[] x = gaussian(n * m, rnd);
        double[] real = x.clone();
        double[] complex = widen(x);
        int droppedReal = orthonormalize(real, n, m);
        int droppedComplex = SmallLinalg.orthonormalizeColumns(complex, n, m);
        assertEquals(droppedComplex, droppedReal, "dropped");
        assertEquals(0, droppedReal, "gaussian columns are independent");
        assertClose(complex, widen(real), 1e-12, "Q vs complex Q");
        assertOrthonormalOrZero(real, n, m, new boolean[m]);
        assertSpans(real, x, n, m);
    }

    @Test
    void dependentZeroAndNonFiniteColumnsAreDroppedAsZeroColumns() {
        int n = 37;
        int m = 9;
        Random rnd = new Random(5);
        double[] x = gaussian(n * m, rnd);
        for (int i = 0; i < n; i++) {
            x[i + 2 * n] = 3 * x[i] - 0.5 * x[i + n]; // column 2 in span of 0, 1
            x[i + 4 * n] = x[i + 3 * n];               // duplicate of column 3
            x[i + 5 * n] = 0;                          // zero
            x[i + 7 * n] = 2 * x[i + 6 * n];           // parallel to column 6
        }
        x[3 + 8 * n] = Double.NaN;                     // column 8 not finite
        boolean[] dropped = {false, false, true, false, true, true, false, true, true};
        double[] real = x.clone();
        double[] complex = widen(x);
        assertEquals(5, orthonormalize(real, n, m));
        assertEquals(5, SmallLinalg.orthonormalizeColumns(complex, n, m));
        assertOrthonormalOrZero(real, n, m, dropped);
        assertClose(complex, widen(real), 1e-12, "Q vs complex Q");
        // the kept columns span every finite original column
        double[] finite = java.util.Arrays.copyOf(x, n * (m - 1));
        assertSpans(real, finite, n, m - 1);

        double[] inf = gaussian(n * 2, rnd);
        inf[n + 1] = Double.POSITIVE_INFINITY;
        assertEquals(1, orthonormalize(inf, n, 2));
        assertOrthonormalOrZero(inf, n, 2, new boolean[] {false, true});
    }

    @Test
    void allZeroInputDropsEveryColumn() {
        double[] x = new double[4 * 6];
        assertEquals(6, orthonormalize(x, 4, 6));
        assertTrue(java.util.Arrays.stream(x).allMatch(v -> v == 0));
    }

    @Test
    void normIsExactForHugeAndTinyValuesAndPropagatesNaN() {
        double[] huge = {3e200, 4e200, 0};
        double[] tiny = {3e-200, 4e-200, 0};
        assertClose(5e200, RealSmallLinalg.norm(huge, 0, 3), 1e186, "huge");
        assertClose(5e-200, RealSmallLinalg.norm(tiny, 0, 3), 1e-214, "tiny");
        assertClose(13, RealSmallLinalg.norm(new double[] {9, 5, 12, 7}, 1, 2), 1e-15, "offset");
        assertEquals(0, RealSmallLinalg.norm(new double[5], 0, 5));
        assertTrue(Double.isNaN(RealSmallLinalg.norm(new double[] {1, Double.NaN}, 0, 2)));
        assertEquals(Double.POSITIVE_INFINITY, RealSmallLinalg.norm(new double[] {1, Double.NEGATIVE_INFINITY}, 0, 2));
    }

    /** Q^T Q = I on the kept columns; dropped columns exactly zero. */
    private static void assertOrthonormalOrZero(double[] q, int n, int m, boolean[] dropped) {
        assertAllFinite(q, "Q");
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                double d = 0;
                for (int i = 0; i < n; i++) {
                    d += q[i + a * n] * q[i + b * n];
                }
                double expected = a == b && !dropped[a] ? 1 : 0;
                int ca = a;
                int cb = b;
                assertClose(expected, d, 1e-13 * Math.sqrt(n), () -> "(Q^T Q)[" + ca + ", " + cb + "]");
            }
            if (dropped[a]) {
                for (int i = 0; i < n; i++) {
                    assertEquals(0.0, q[i + a * n], "dropped column " + a);
                }
            }
        }
    }

    /** Every column of x (n x cols) lies in the span of Q's first cols columns: Q Q^T x = x. */
    private static void assertSpans(double[] q, double[] x, int n, int cols) {
        for (int c = 0; c < cols; c++) {
            double[] proj = new double[n];
            double size = 0;
            for (int p = 0; p < cols; p++) {
                double d = 0;
                for (int i = 0; i < n; i++) {
                    d += q[i + p * n] * x[i + c * n];
                }
                for (int i = 0; i < n; i++) {
                    proj[i] += q[i + p * n] * d;
                }
            }
            double diff = 0;
            for (int i = 0; i < n; i++) {
                diff += (proj[i] - x[i + c * n]) * (proj[i] - x[i + c * n]);
                size += x[i + c * n] * x[i + c * n];
            }
            assertTrue(Math.sqrt(diff) <= 1e-12 * Math.sqrt(size), "column " + c + " outside span(Q): " + Math.sqrt(diff));
        }
    }
}

package org.projunn.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.projunn.Reorthonormalization;

/**
 * The Newton-Schulz control (which iterate is kept) with host arithmetic, against the CPU's
 * re-orthonormalization.
 */
class NewtonSchulzLoopTest {

    /** Scripted errors: the round that makes things worse must be discarded. */
    @Test
    void keepsTheBetterIterateWhenARoundDoesNotImprove() {
        double[] errors = {0.1, 1e-3, 5e-3};
        List<String> calls = new ArrayList<>();
        int kept = NewtonSchulzLoop.run(0.5, 16, (from, to) -> {
            calls.add(from + "->" + to);
            return errors[calls.size() - 1];
        });
        assertEquals(List.of("0->1", "1->0", "0->1"), calls);
        assertEquals(0, kept, "the third round raised the error: its iterate (slot 1) must be dropped");
    }

    @Test
    void stopsAtTheThresholdAndAfterThirtyRounds() {
        int[] rounds = {0};
        int kept = NewtonSchulzLoop.run(1e-16, 4, (from, to) -> {
            rounds[0]++;
            return 0;
        });
        assertEquals(0, rounds[0], "already below 1e-15 sqrt(n)");
        assertEquals(0, kept);
        double[] err = {1};
        kept = NewtonSchulzLoop.run(1, 4, (from, to) -> {
            rounds[0]++;
            err[0] *= 0.9;
            return err[0];
        });
        assertEquals(30, rounds[0]);
        assertEquals(0, kept, "30 accepted rounds end in slot 0");
    }

    @Test
    void nanErrorIsNeverKept() {
        int kept = NewtonSchulzLoop.run(0.3, 8, (from, to) -> Double.NaN);
        assertEquals(0, kept);
    }

    /**
     * A matrix with singular values 2.5 and 0.5: X (3I - X^T X) / 2 moves them to -4.06 and 0.69, the
     * error grows, and the CPU keeps X unchanged. The loop with real host arithmetic must agree.
     */
    @Test
    void divergingStartIsLeftAsTheCpuLeavesIt() {
        int n = 2;
        double[] start = {2.5, 0, 0, 0.5};
        double[][] slots = {start.clone(), new double[n * n]};
        double startError = error(slots[0], n);
        int kept = NewtonSchulzLoop.run(startError, n, (from, to) -> {
            slots[to] = round(slots[from], n);
            return error(slots[to], n);
        });
        double[] cpu = start.clone();
        HostReorthonormalizer.apply(cpu, n, false, Reorthonormalization.NEWTON_SCHULZ);
        assertArrayEquals(cpu, slots[kept], 1e-15, "the loop with host arithmetic must keep what HostReorthonormalizer keeps");
        assertArrayEquals(start, slots[kept], 0);
    }

    /** A slightly drifted orthogonal matrix converges, like the CPU, to a unitarity error near rounding. */
    @Test
    void driftedMatrixConvergesLikeTheCpu() {
        int n = 6;
        java.util.Random rnd = new java.util.Random(3);
        double[] start = new double[n * n];
        for (int i = 0; i < n; i++) {
            start[i + i * n] = 1;
        }
        for (int i = 0; i < start.length; i++) {
            start[i] += 1e-3 * rnd.nextGaussian();
        }
        double[][] slots = {start.clone(), new double[n * n]};
        int kept = NewtonSchulzLoop.run(error(start, n), n, (from, to) -> {
            slots[to] = round(slots[from], n);
            return error(slots[to], n);
        });
        double[] cpu = start.clone();
        HostReorthonormalizer.apply(cpu, n, false, Reorthonormalization.NEWTON_SCHULZ);
        assertTrue(error(slots[kept], n) < 1e-14, "error " + error(slots[kept], n));
        assertArrayEquals(cpu, slots[kept], 1e-13);
    }

    /** X (3I - X^T X) / 2, column-major. */
    private static double[] round(double[] x, int n) {
        double[] g = gram(x, n);
        double[] out = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int l = 0; l < n; l++) {
                    double c = -0.5 * g[l + j * n] + (l == j ? 1.5 : 0);
                    s += x[i + l * n] * c;
                }
                out[i + j * n] = s;
            }
        }
        return out;
    }

    private static double[] gram(double[] x, int n) {
        double[] g = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int l = 0; l < n; l++) {
                    s += x[l + i * n] * x[l + j * n];
                }
                g[i + j * n] = s;
            }
        }
        return g;
    }

    private static double error(double[] x, int n) {
        double[] g = gram(x, n);
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = g[i + j * n] - (i == j ? 1 : 0);
                s += d * d;
            }
        }
        return Math.sqrt(s);
    }
}

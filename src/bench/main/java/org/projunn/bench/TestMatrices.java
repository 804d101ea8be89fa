package org.projunn.bench;

import java.util.SplittableRandom;

/**
 * Inputs for the timings, built in O(N^2): a dense unitary A (the orthonormal DCT-II matrix, or
 * the unitary DFT matrix when complex) and a small dense Delta. Timings do not depend on the
 * values as long as they are normal floats, so no O(N^3) orthogonalization is spent here.
 */
public final class TestMatrices {
    /** Entry scale of Delta: 1e-3 / sqrt(N), so that ||Delta||_2 is about 2e-3 (a small step). */
    public static final double DELTA_SCALE = 1e-3;

    private TestMatrices() {
    }

    /** Column-major, interleaved when complex. */
    public static float[] unitary(int n, boolean complex) {
        float[] out = new float[n * n * (complex ? 2 : 1)];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                int at = i + j * n;
                if (complex) {
                    double angle = -2 * Math.PI * (((long) i * j) % n) / n;
                    double scale = 1 / Math.sqrt(n);
                    out[2 * at] = (float) (scale * Math.cos(angle));
                    out[2 * at + 1] = (float) (scale * Math.sin(angle));
                } else {
                    double scale = i == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n);
                    out[at] = (float) (scale * Math.cos(Math.PI * (2.0 * j + 1) * i / (2.0 * n)));
                }
            }
        }
        return out;
    }

    /** Uniform entries with standard deviation {@code DELTA_SCALE / sqrt(n)}, seeded. */
    public static float[] delta(int n, boolean complex, long seed) {
        float[] out = new float[n * n * (complex ? 2 : 1)];
        SplittableRandom rng = new SplittableRandom(seed);
        double half = Math.sqrt(3.0) * DELTA_SCALE / Math.sqrt(n);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((2 * rng.nextDouble() - 1) * half);
        }
        return out;
    }
}

package org.projunn.cpu;

import org.projunn.Checks;
import org.projunn.SamplerSpec;

/**
 * The randomized sketch ("LSI", ALGORITHMS.md section 2) with optional oversampling p and q
 * power iterations: V = orth(Delta^H R), refined by q rounds of subspace iteration, then the
 * best rank-k part of Delta V gives {@code a b^H = Delta v v^H}. Reads Delta 2 + 2q times.
 */
final class SketchSampler {
    private SketchSampler() {
    }

    static void sample(BatchRunner runner, HostArray delta, StepWorkspace[] ws, SamplerSpec spec,
                       long step, int s, int batch) {
        int n = ws[0].n;
        int width = ws[0].sketchWidth;
        // the Gaussians are a pure function of their index: drawn in slices on all threads
        runner.forEachEntrySlice(n * width, (e, from, to) -> drawGaussians(ws[e], spec.seed(), step, e, s, from, to));
        runner.forEachEntry(e -> orthonormalizeSketch(ws[e], s));
        runner.adjointTimes(delta, e -> ws[e].sketch, width, e -> ws[e].image);
        for (int e = 0; e < batch; e++) {
            if (!allFinite(ws[e].image, n * width * s)) {
                throw Checks.nonFinite("delta", e, batch);
            }
        }
        for (int it = 0; it < spec.powerIterations(); it++) {
            runner.forEachEntry(e -> orthonormalizeImageIntoSketch(ws[e], s));
            runner.times(delta, e -> ws[e].sketch, width, e -> ws[e].image);
            runner.forEachEntry(e -> orthonormalizeImageIntoSketch(ws[e], s));
            runner.adjointTimes(delta, e -> ws[e].sketch, width, e -> ws[e].image);
        }
        runner.forEachEntry(e -> orthonormalizeImageIntoSketch(ws[e], s));
        runner.times(delta, e -> ws[e].sketch, width, e -> ws[e].image); // Z = Delta V
        runner.forEachEntry(e -> keepBestRankK(ws[e], s));
    }

    /**
     * Elements [from, to) of the Gaussian n x width matrix of (seed, step, entry): into
     * {@code sketch} for real dtypes, {@code sketchC} (re, im) for complex ones.
     */
    private static void drawGaussians(StepWorkspace w, long seed, long step, int entry, int s, int from, int to) {
        long key = CounterRng.key(seed, step, entry);
        if (s == 1) {
            for (int i = from; i < to; i++) {
                w.sketch[i] = CounterRng.gaussian(key, i);
            }
            return;
        }
        int count = w.n * w.sketchWidth;
        for (int i = from; i < to; i++) {
            w.sketchC[2 * i] = CounterRng.gaussian(key, i);
            w.sketchC[2 * i + 1] = CounterRng.gaussian(key, count + i);
        }
    }

    /** R: the drawn Gaussians with orthonormal columns, in pass layout in {@code sketch}. */
    private static void orthonormalizeSketch(StepWorkspace w, int s) {
        int n = w.n;
        int width = w.sketchWidth;
        if (s == 1) {
            RealSmallLinalg.orthonormalizeColumns(w.sketch, n, width, w.columns);
            return;
        }
        SmallLinalg.orthonormalizeColumns(w.sketchC, n, width);
        StepWorkspace.fromComplex(w.sketchC, s, n * width, w.sketch);
    }

    private static void orthonormalizeImageIntoSketch(StepWorkspace w, int s) {
        int count = w.n * w.sketchWidth;
        if (s == 1) {
            System.arraycopy(w.image, 0, w.sketch, 0, count);
            RealSmallLinalg.orthonormalizeColumns(w.sketch, w.n, w.sketchWidth, w.columns);
            return;
        }
        StepWorkspace.toComplex(w.image, s, count, w.sketchC);
        SmallLinalg.orthonormalizeColumns(w.sketchC, w.n, w.sketchWidth);
        StepWorkspace.fromComplex(w.sketchC, s, count, w.sketch);
    }

    /**
     * With V (sketch; sketchC for complex dtypes) and Z = Delta V (image): b = V E, a = Z E where
     * E holds the top-k eigenvectors of Z^H Z, i.e. the best rank-k approximation of
     * Delta V V^H. Real dtypes form Z^T Z, V E and Z E in real arithmetic; the width x width
     * eigenproblem stays complex (Jacobi keeps real input exactly real).
     */
    private static void keepBestRankK(StepWorkspace w, int s) {
        int n = w.n;
        int k = w.k;
        int width = w.sketchWidth;
        if (width == k) {
            System.arraycopy(w.sketch, 0, w.b, 0, n * k * s);
            System.arraycopy(w.image, 0, w.a, 0, n * k * s);
            return;
        }
        if (s == 1) {
            w.realTransposeTimes(w.image, width, w.image, width, w.m);
        } else {
            StepWorkspace.toComplex(w.image, s, n * width, w.imageC);
            SmallLinalg.adjointTimes(w.imageC, n, width, w.imageC, width, w.m);
        }
        SmallLinalg.hermitianEigen(w.m, width, w.values, w.vectors);
        int[] top = SmallLinalg.largest(w.values, width, k);
        for (int l = 0; l < k; l++) {
            System.arraycopy(w.vectors, 2 * top[l] * width, w.pick, 2 * l * width, 2 * width);
        }
        if (s == 1) {
            StepWorkspace.fromComplex(w.pick, 1, width * k, w.smallR);
            RealSmallLinalg.times(w.image, n, width, w.smallR, k, w.a, w.columns);
            RealSmallLinalg.times(w.sketch, n, width, w.smallR, k, w.b, w.columns);
            return;
        }
        SmallLinalg.times(w.imageC, n, width, w.pick, k, w.aC);
        SmallLinalg.times(w.sketchC, n, width, w.pick, k, w.bC);
        StepWorkspace.fromComplex(w.aC, s, n * k, w.a);
        StepWorkspace.fromComplex(w.bC, s, n * k, w.b);
    }

    static boolean allFinite(double[] x, int count) {
        for (int i = 0; i < count; i++) {
            if (!Double.isFinite(x[i])) {
                return false;
            }
        }
        return true;
    }
}

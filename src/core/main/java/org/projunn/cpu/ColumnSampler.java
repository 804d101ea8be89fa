package org.projunn.cpu;

import org.projunn.Checks;
import org.projunn.SamplerSpec;

/**
 * Column sampling (after Drineas, Kannan, Mahoney 2006): c = k + oversampling distinct columns of
 * Delta drawn with probability proportional to their squared norms (without replacement) and
 * rescaled by 1/sqrt(c p_j); the top-k
 * left singular vectors u of the picked columns give {@code a = u, b = Delta^H u}, so that
 * {@code a b^H = u u^H Delta}. Reads Delta twice (norms, then Delta^H u).
 */
final class ColumnSampler {
    private ColumnSampler() {
    }

    static void sample(BatchRunner runner, HostArray delta, StepWorkspace[] ws, SamplerSpec spec,
                       long step, int s, int batch) {
        boolean[] finite = runner.columnNorms(delta, ws);
        for (int e = 0; e < batch; e++) {
            if (!finite[e]) {
                throw Checks.nonFinite("delta", e, batch);
            }
        }
        runner.forEachEntry(e -> pickColumns(ws[e], delta, e, spec.seed(), step, s));
        runner.adjointTimes(delta, e -> ws[e].a, ws[0].k, e -> ws[e].b);
    }

    private static void pickColumns(StepWorkspace w, HostArray delta, int entry, long seed, long step, int s) {
        int n = w.n;
        int k = w.k;
        int width = w.sketchWidth;
        double[] norms = w.columnNorms;
        double total = 0;
        for (int j = 0; j < n; j++) {
            total += norms[j];
        }
        java.util.Arrays.fill(w.a, 0.0);
        if (!(total > 0)) {
            return; // Delta = 0: a = 0 (b = Delta^H a = 0)
        }
        // draws without replacement, by inverse CDF over the squared norms of the columns not yet
        // picked (a picked column's norm is negated until the end): k distinct columns of a rank-k
        // Delta span its column space, so a rank-k update is recovered exactly
        long key = CounterRng.key(seed, step, entry);
        // the picked columns, n x width: real in image (real dtypes), complex in imageC
        double[] picks = s == 1 ? w.image : w.imageC;
        java.util.Arrays.fill(picks, 0.0);
        double remaining = total;
        int picked = 0;
        for (int t = 0; t < width && remaining > 0; t++) {
            double target = CounterRng.uniform(key, t) * remaining;
            int j = -1;
            double running = 0;
            for (int i = 0; i < n; i++) {
                if (norms[i] > 0) {
                    j = i; // rounding in the running sum can never select a zero or picked column
                    running += norms[i];
                    if (running >= target) {
                        break;
                    }
                }
            }
            if (j < 0) {
                break;
            }
            double scale = Math.sqrt(total / (width * norms[j]));
            remaining -= norms[j];
            norms[j] = -norms[j];
            w.pickedColumns[picked++] = j;
            int at = t * n * s;
            delta.load((entry * n * n + j * n) * s, picks, at, n * s);
            for (int i = at; i < at + n * s; i++) {
                picks[i] *= scale;
            }
        }
        for (int t = 0; t < picked; t++) {
            norms[w.pickedColumns[t]] = -norms[w.pickedColumns[t]];
        }
        // u = top-k left singular vectors of the picked columns, via their Gram matrix
        if (s == 1) {
            w.realTransposeTimes(picks, width, picks, width, w.m);
        } else {
            SmallLinalg.adjointTimes(w.imageC, n, width, w.imageC, width, w.m);
        }
        SmallLinalg.hermitianEigen(w.m, width, w.values, w.vectors);
        int[] top = SmallLinalg.largest(w.values, width, k);
        double largest = Math.max(w.values[top[0]], 0);
        java.util.Arrays.fill(w.pick, 0.0);
        for (int l = 0; l < k; l++) {
            double sigma2 = w.values[top[l]];
            if (!(sigma2 > 1e-24 * largest) || !(sigma2 > 0)) {
                continue;
            }
            double inv = 1 / Math.sqrt(sigma2);
            for (int i = 0; i < 2 * width; i++) {
                w.pick[2 * l * width + i] = w.vectors[2 * top[l] * width + i] * inv;
            }
        }
        if (s == 1) {
            // Jacobi keeps the real Gram matrix's eigenvectors real: pick is real
            StepWorkspace.fromComplex(w.pick, 1, width * k, w.smallR);
            RealSmallLinalg.times(picks, n, width, w.smallR, k, w.a, w.columns);
            RealSmallLinalg.orthonormalizeColumns(w.a, n, k, w.columns);
            return;
        }
        SmallLinalg.times(w.imageC, n, width, w.pick, k, w.aC);
        SmallLinalg.orthonormalizeColumns(w.aC, n, k);
        StepWorkspace.fromComplex(w.aC, s, n * k, w.a);
    }
}

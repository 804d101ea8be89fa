package org.projunn.cpu;

import org.projunn.Method;

/**
 * The small part of a step for one matrix (ALGORITHMS.md sections 3-5): from a, b and
 * A^H a, the orthonormal basis Q of [b, A^H a], the 2k x 2k matrix M, its eigen-decomposition,
 * F = f(M), and the operands of the fused update in pass layout. O(N k^2) work.
 */
final class StepFactors {
    /**
     * A singular value of X on the span at or below this many roundoffs (times the scale of
     * K = I + ahat_o b_o^H) counts as zero: that direction is completed and reported as clamped.
     */
    static final double SINGULAR_ROUNDOFFS = 64;

    private StepFactors() {
    }

    /**
     * @param roundoff unit roundoff of the storage dtype ({@link #roundoff}): sets the level below
     *     which a singular value of X on the span counts as zero
     */
    static void compute(Method method, StepWorkspace w, int s, double roundoff) {
        int n = w.n;
        int k = w.k;
        int r = w.r;
        if (s == 1) {
            realBasis(w);
        } else {
            complexBasis(w);
        }
        SmallLinalg.timesAdjoint(w.aho, r, k, w.bo, r, w.t1);       // t1 = ahat_o b_o^H

        w.clampedEigenvalues = 0;
        if (method == Method.DIRECT) {
            // M = t1 + t1^H + b_o C b_o^H, C = a^H a
            if (s == 1) {
                w.realTransposeTimes(w.a, k, w.a, k, w.gram);
            } else {
                SmallLinalg.adjointTimes(w.aC, n, k, w.aC, k, w.gram);
            }
            SmallLinalg.timesAdjoint(w.gram, k, k, w.bo, r, w.cbo);
            SmallLinalg.times(w.bo, r, k, w.cbo, r, w.t2);
            for (int j = 0; j < r; j++) {
                for (int i = 0; i < r; i++) {
                    int ij = 2 * (i + j * r);
                    int ji = 2 * (j + i * r);
                    w.m[ij] = w.t1[ij] + w.t1[ji] + w.t2[ij];
                    w.m[ij + 1] = w.t1[ij + 1] - w.t1[ji + 1] + w.t2[ij + 1];
                }
            }
            SmallLinalg.hermitianEigen(w.m, r, w.values, w.vectors);
            // On the span A^H X = K = I + ahat_o b_o^H and K^H K = I + M = D diag(1 + lambda) D^H:
            // the polar factor there is W = normalize(K D) D^H, and U = A + A Q (W - I) Q^H.
            // Columns of K D at rounding level are singular directions: completed (section 3.1).
            System.arraycopy(w.t1, 0, w.t2, 0, 2 * r * r);
            for (int i = 0; i < r; i++) {
                w.t2[2 * (i + i * r)] += 1;
            }
            SmallLinalg.times(w.t2, r, r, w.vectors, r, w.m);
            double tol = singularTolerance(w, roundoff);
            w.clampedEigenvalues = SmallLinalg.completeUnitary(w.m, r, tol, w.values, w.t1);
            // F = W - K, used with C = 0: the fused update A + a b^H + (A Q) F Q^H = A + A Q (W - I) Q^H
            SmallLinalg.timesAdjoint(w.m, r, r, w.vectors, r, w.f);
            for (int i = 0; i < 2 * r * r; i++) {
                w.f[i] -= w.t2[i];
            }
        } else {
            // M = (t1 - t1^H) / 2 is skew-Hermitian; H = -i M is Hermitian with eigenvalues theta
            for (int j = 0; j < r; j++) {
                for (int i = 0; i < r; i++) {
                    int ij = 2 * (i + j * r);
                    int ji = 2 * (j + i * r);
                    double mr = 0.5 * (w.t1[ij] - w.t1[ji]);
                    double mi = 0.5 * (w.t1[ij + 1] + w.t1[ji + 1]);
                    // -i (mr + i mi) = mi - i mr
                    w.m[ij] = mi;
                    w.m[ij + 1] = -mr;
                }
            }
            SmallLinalg.hermitianEigen(w.m, r, w.values, w.vectors);
            // f(theta) = e^{i theta} - 1, complex
            double[] im = w.t2;
            for (int i = 0; i < r; i++) {
                double theta = w.values[i];
                w.values[i] = Math.cos(theta) - 1;
                im[i] = Math.sin(theta);
            }
            spectralFunction(w.vectors, w.values, im, r, w.f);
        }

        // G = F Q^H (r x n) and b^H (k x n)
        if (s == 1) {
            // Q is real, so the real part of F Q^T is Re(F) Q^T
            StepWorkspace.fromComplex(w.f, 1, r * r, w.fR);
            RealSmallLinalg.timesTranspose(w.fR, r, r, w.q, n, w.g, w.columns, w.rowR);
            for (int j = 0; j < n; j++) {
                for (int l = 0; l < k; l++) {
                    w.bh[l + j * k] = w.b[j + l * n];
                }
            }
        } else {
            SmallLinalg.timesAdjoint(w.f, r, r, w.basis, n, w.gC);
            StepWorkspace.fromComplex(w.gC, s, r * n, w.g);
            StepWorkspace.fromComplex(w.basis, s, n * r, w.q);
            for (int j = 0; j < n; j++) {
                for (int l = 0; l < k; l++) {
                    int from = 2 * (j + l * n);
                    store(w.bh, s, l + j * k, w.bC[from], -w.bC[from + 1]);
                }
            }
        }
    }

    /**
     * Q (orthonormal basis of [b, ahat], dependent directions dropped as zero columns),
     * b_o = Q^H b and ahat_o = Q^H ahat for a complex dtype, in complex layout.
     */
    private static void complexBasis(StepWorkspace w) {
        int n = w.n;
        int k = w.k;
        int r = w.r;
        StepWorkspace.toComplex(w.a, 2, n * k, w.aC);
        StepWorkspace.toComplex(w.b, 2, n * k, w.bC);
        StepWorkspace.toComplex(w.ahat, 2, n * k, w.ahatC);
        System.arraycopy(w.bC, 0, w.basis, 0, 2 * n * k);
        System.arraycopy(w.ahatC, 0, w.basis, 2 * n * k, 2 * n * k);
        w.droppedDirections = SmallLinalg.orthonormalizeColumns(w.basis, n, r);
        SmallLinalg.adjointTimes(w.basis, n, r, w.bC, k, w.bo);
        SmallLinalg.adjointTimes(w.basis, n, r, w.ahatC, k, w.aho);
    }

    /**
     * The same for a real dtype, on the real operands: Q goes straight into the pass-layout
     * {@code w.q}; only the r x k products b_o and ahat_o are widened to complex layout.
     */
    private static void realBasis(StepWorkspace w) {
        int n = w.n;
        int k = w.k;
        int r = w.r;
        System.arraycopy(w.b, 0, w.q, 0, n * k);
        System.arraycopy(w.ahat, 0, w.q, n * k, n * k);
        w.droppedDirections = RealSmallLinalg.orthonormalizeColumns(w.q, n, r, w.columns);
        w.realTransposeTimes(w.q, r, w.b, k, w.bo);
        w.realTransposeTimes(w.q, r, w.ahat, k, w.aho);
    }

    /** Unit roundoff of a dtype's storage: 2^-53 for float64/complex128, 2^-24 otherwise. */
    static double roundoff(org.projunn.DType dtype) {
        return dtype.isDoublePrecision() ? 0x1p-53 : 0x1p-24;
    }

    /**
     * Absolute level for a singular value of K: the rounding of K's entries, which come from
     * A^H a summed over n terms in the storage dtype, is about roundoff sqrt(n) |ahat_o| |b_o|.
     */
    private static double singularTolerance(StepWorkspace w, double roundoff) {
        int r = w.r;
        double scale = 1 + SmallLinalg.norm(w.aho, 0, r * w.k) * SmallLinalg.norm(w.bo, 0, r * w.k);
        return SINGULAR_ROUNDOFFS * roundoff * Math.sqrt(w.n) * scale;
    }

    private static void store(double[] dst, int s, int index, double re, double im) {
        if (s == 2) {
            dst[2 * index] = re;
            dst[2 * index + 1] = im;
        } else {
            dst[index] = re;
        }
    }

    /** out = V diag(re + i im) V^H for r x r unitary V (im may be null: real diagonal). */
    static void spectralFunction(double[] v, double[] re, double[] im, int r, double[] out) {
        java.util.Arrays.fill(out, 0, 2 * r * r, 0.0);
        for (int t = 0; t < r; t++) {
            double dr = re[t];
            double di = im == null ? 0 : im[t];
            if (dr == 0 && di == 0) {
                continue;
            }
            for (int j = 0; j < r; j++) {
                // d * conj(V[j, t])
                double vr = v[2 * (j + t * r)];
                double vi = -v[2 * (j + t * r) + 1];
                double sr = dr * vr - di * vi;
                double si = dr * vi + di * vr;
                for (int i = 0; i < r; i++) {
                    double ur = v[2 * (i + t * r)];
                    double ui = v[2 * (i + t * r) + 1];
                    out[2 * (i + j * r)] += ur * sr - ui * si;
                    out[2 * (i + j * r) + 1] += ur * si + ui * sr;
                }
            }
        }
    }
}

package org.projunn.consumer;

import java.util.Random;
import java.util.function.Consumer;
import org.projunn.Backend;
import org.projunn.Backends;
import org.projunn.DType;
import org.projunn.Method;
import org.projunn.Projector;
import org.projunn.ProjectorSpec;
import org.projunn.Reorthonormalization;
import org.projunn.SamplerSpec;
import org.projunn.Tensor;

/** README.md's "One training step from Java", as a user's program runs it, with its result checked. */
final class ReadmeStep {
    /** Which backend ran the steps, how far W is from orthogonal, and how far it moved. */
    record Result(String backend, double unitarityError, double moved) {
    }

    private ReadmeStep() {
    }

    static Result run(int n, int steps, Consumer<String> log) {
        Random rnd = new Random(7);
        double[] initialOrthogonal = randomOrthogonal(n, rnd);
        double[] minusLearningRateTimesGradient = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            minusLearningRateTimesGradient[i] = 1e-3 * rnd.nextGaussian();
        }

        // --- as in README.md ---
        try (Backend backend = Backends.open("auto", log);  // CUDA if usable, else CPU
             Projector projector = backend.newProjector(
                     ProjectorSpec.of(Method.DIRECT, 1)                         // projUNN-D, rank 1
                             .withSampler(SamplerSpec.sketch(42))               // seeded randomized sketch
                             .withReorthonormalization(1000, Reorthonormalization.NEWTON_SCHULZ),
                     DType.FLOAT32, 1, n);                                      // one n x n float32 matrix
             Tensor w = backend.upload(DType.FLOAT32, 1, n, n, initialOrthogonal);
             Tensor delta = backend.allocate(DType.FLOAT32, 1, n, n)) {
            for (int step = 0; step < steps; step++) {
                delta.copyFrom(minusLearningRateTimesGradient);   // Δ = -lr * grad
                projector.step(w, delta);                         // W stays orthogonal
            }
            // --- end of the README's code ---
            double[] trained = w.toDoubleArray();
            double moved = 0;
            for (int i = 0; i < n * n; i++) {
                double d = trained[i] - initialOrthogonal[i];
                moved += d * d;
            }
            return new Result(backend.name(), unitarityError(trained, n), Math.sqrt(moved));
        }
    }

    /** Gram-Schmidt (twice) on a Gaussian matrix, column-major, in float64. */
    static double[] randomOrthogonal(int n, Random rnd) {
        double[] q = new double[n * n];
        for (int i = 0; i < n * n; i++) {
            q[i] = rnd.nextGaussian();
        }
        for (int j = 0; j < n; j++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < j; p++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += q[i + p * n] * q[i + j * n];
                    }
                    for (int i = 0; i < n; i++) {
                        q[i + j * n] -= dot * q[i + p * n];
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += q[i + j * n] * q[i + j * n];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                q[i + j * n] /= norm;
            }
        }
        return q;
    }

    /** ||W^T W - I||_F in float64; NaN anywhere gives NaN. */
    static double unitarityError(double[] w, int n) {
        double sum = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += w[i + a * n] * w[i + b * n];
                }
                double e = dot - (a == b ? 1 : 0);
                sum += e * e;
            }
        }
        return Math.sqrt(sum);
    }

    /** Throws unless W stayed orthogonal (float32 rounding) and moved; NaN fails both checks. */
    static void check(Result r) {
        if (!(r.unitarityError() < 1e-4)) {
            throw new AssertionError("||W^T W - I||_F = " + r.unitarityError() + " after the README's steps");
        }
        if (!(r.moved() > 1e-3)) {
            throw new AssertionError("W did not move: ||W - W0||_F = " + r.moved());
        }
    }
}

package org.projunn.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.projunn.DType;
import org.projunn.Method;
import org.projunn.Projector;
import org.projunn.ProjectorSpec;
import org.projunn.Tensor;
import org.projunn.cpu.CpuBackend;

/**
 * The exact baselines compute what projUNN computes exactly for a rank-k Delta (ALGORITHMS.md
 * section 6): the polar factor for D, A expm(Omega) for T; the CPU steps are the independent reference.
 */
class ExactStepTest {
    private static final int N = 40;
    private static final int K = 2;

    @Test
    void expmOfRotationGeneratorsIsTheRotation() {
        // blocks [[0, -t], [t, 0]] with small and large t: every Pade degree and the scaling path
        double[] angles = {1e-3, 0.2, 0.9, 2.0, 5.0, 30.0};
        int n = 2 * angles.length;
        DenseOps.Real ops = new DenseOps.Real(n);
        var m = ops.zeros();
        for (int b = 0; b < angles.length; b++) {
            m.set(2 * b, 2 * b + 1, (float) -angles[b]);
            m.set(2 * b + 1, 2 * b, (float) angles[b]);
        }
        var out = ops.zeros();
        new MatrixExp<>(ops).apply(m, out);
        for (int b = 0; b < angles.length; b++) {
            double c = Math.cos(angles[b]);
            double s = Math.sin(angles[b]);
            double tol = 2e-5 * Math.max(1, angles[b]);
            assertEquals(c, out.get(2 * b, 2 * b), tol);
            assertEquals(-s, out.get(2 * b, 2 * b + 1), tol);
            assertEquals(s, out.get(2 * b + 1, 2 * b), tol);
            assertEquals(c, out.get(2 * b + 1, 2 * b + 1), tol);
        }
    }

    @Test
    void expmOfImaginaryDiagonalIsThePhase() {
        double[] theta = {1e-2, 0.5, 1.5, 3.0, 12.0};
        DenseOps.Complex ops = new DenseOps.Complex(theta.length);
        var m = ops.zeros();
        for (int i = 0; i < theta.length; i++) {
            m.set(i, i, 0f, (float) theta[i]);
        }
        var out = ops.zeros();
        new MatrixExp<>(ops).apply(m, out);
        for (int i = 0; i < theta.length; i++) {
            assertEquals(Math.cos(theta[i]), out.getReal(i, i), 1e-5 * Math.max(1, theta[i]));
            assertEquals(Math.sin(theta[i]), out.getImag(i, i), 1e-5 * Math.max(1, theta[i]));
        }
    }

    @Test
    void realBaselinesMatchTheProjunnSteps() {
        compare(DType.FLOAT32);
    }

    @Test
    void complexBaselinesMatchTheProjunnSteps() {
        compare(DType.COMPLEX64);
    }

    private static void compare(DType dtype) {
        boolean complex = dtype.isComplex();
        int s = dtype.scalarsPerElement();
        float[] a0 = TestMatrices.unitary(N, complex);
        Random rnd = new Random(3);
        float[] fa = new float[N * K * s];
        float[] fb = new float[N * K * s];
        for (int i = 0; i < fa.length; i++) {
            fa[i] = (float) (0.05 * rnd.nextGaussian());
            fb[i] = (float) (0.05 * rnd.nextGaussian());
        }
        float[] delta = outer(fa, fb, complex);
        try (CpuBackend backend = new CpuBackend(2)) {
            float[] direct = projunnStep(backend, Method.DIRECT, dtype, a0, fa, fb);
            float[] tangent = projunnStep(backend, Method.TANGENT, dtype, a0, fa, fb);
            float[] polar = exact(Operation.POLAR_SVD, complex, a0, delta);
            float[] expm = exact(Operation.EXPM, complex, a0, delta);
            float[] cayley = exact(Operation.CAYLEY, complex, a0, delta);
            assertTrue(maxDiff(direct, polar) < 2e-5, "D vs polar: " + maxDiff(direct, polar));
            assertTrue(maxDiff(tangent, expm) < 2e-5, "T vs expm: " + maxDiff(tangent, expm));
            // Cayley agrees with the exponential map to second order in the (small) step
            assertTrue(maxDiff(cayley, expm) < 1e-4, "Cayley vs expm: " + maxDiff(cayley, expm));
            assertTrue(maxDiff(cayley, a0) > 1e-3, "the step moved A");
        }
    }

    private static float[] projunnStep(CpuBackend backend, Method m, DType dtype, float[] a0, float[] fa, float[] fb) {
        try (Projector p = backend.newProjector(ProjectorSpec.of(m, K), dtype, 1, N);
             Tensor a = backend.wrap(a0.clone(), dtype, 1, N, N);
             Tensor ta = backend.wrap(fa.clone(), dtype, 1, N, K);
             Tensor tb = backend.wrap(fb.clone(), dtype, 1, N, K)) {
            p.stepFactored(a, ta, tb);
            return a.toFloatArray();
        }
    }

    /** Runs an exact baseline on column-major data (transposed to EJML's row-major and back). */
    private static float[] exact(Operation op, boolean complex, float[] a0, float[] delta) {
        @SuppressWarnings({"rawtypes", "unchecked"})
        ExactStep step = new ExactStep(op, DenseOps.of(complex, N));
        step.load(transpose(a0, complex), transpose(delta, complex));
        step.run();
        @SuppressWarnings("unchecked")
        float[] out = step.opsData(step.out);
        return transpose(out, complex);
    }

    private static float[] outer(float[] a, float[] b, boolean complex) {
        int s = complex ? 2 : 1;
        float[] out = new float[N * N * s];
        for (int j = 0; j < N; j++) {
            for (int i = 0; i < N; i++) {
                double re = 0;
                double im = 0;
                for (int l = 0; l < K; l++) {
                    int ia = (i + l * N) * s;
                    int jb = (j + l * N) * s;
                    if (complex) { // a_i conj(b_j)
                        re += a[ia] * b[jb] + a[ia + 1] * b[jb + 1];
                        im += a[ia + 1] * b[jb] - a[ia] * b[jb + 1];
                    } else {
                        re += a[ia] * b[jb];
                    }
                }
                out[(i + j * N) * s] = (float) re;
                if (complex) {
                    out[(i + j * N) * s + 1] = (float) im;
                }
            }
        }
        return out;
    }

    private static float[] transpose(float[] x, boolean complex) {
        int s = complex ? 2 : 1;
        float[] out = new float[x.length];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                for (int c = 0; c < s; c++) {
                    out[(i * N + j) * s + c] = x[(i + j * N) * s + c];
                }
            }
        }
        return out;
    }

    private static double maxDiff(float[] x, float[] y) {
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            worst = Math.max(worst, Math.abs(x[i] - y[i]));
        }
        return worst;
    }
}

package org.projunn;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.projunn.testing.FiniteAssertions.assertRelativeError;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.projunn.cpu.CpuBackend;
import org.projunn.testing.CMat;
import org.projunn.testing.Oracles;
import org.projunn.testing.TestData;

/**
 * 10^4 float32 steps at N = 128 keep ||A^H A - I||_F small; re-orthonormalization brings it back
 * to the rounding level of a float32 unitary matrix.
 */
class DriftAndReorthonormalizationTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "DIRECT, FLOAT32, NEWTON_SCHULZ",
        "TANGENT, COMPLEX64, SVD_POLAR",
        "DIRECT, COMPLEX64, NEWTON_SCHULZ",
        "TANGENT, FLOAT32, SVD_POLAR",
    })
    void tenThousandStepsStayUnitary(Method method, DType dtype, Reorthonormalization how) {
        int n = 128;
        int k = 1;
        int steps = 10_000;
        Random rnd = new Random(4242);
        CMat a0 = TestData.rounded(Oracles.randomUnitary(n, dtype.isComplex(), rnd), dtype);
        // rounding level of a float32 unitary matrix of this size
        double roundingLevel = a0.unitarityError();
        ProjectorSpec spec = ProjectorSpec.of(method, k).withReorthonormalization(0, how);
        try (CpuBackend cpu = new CpuBackend();
             Projector p = cpu.newProjector(spec, dtype, 1, n);
             Tensor tA = TestData.tensor(cpu, dtype, a0);
             Tensor ta = cpu.allocate(dtype, 1, n, k);
             Tensor tb = cpu.allocate(dtype, 1, n, k)) {
            double[] a = new double[ta.scalarCount()];
            double[] b = new double[tb.scalarCount()];
            for (int step = 0; step < steps; step++) {
                // a training-sized step: ||a b^H||_F ~ 0.05
                for (int i = 0; i < a.length; i++) {
                    a[i] = 0.02 * rnd.nextGaussian();
                    b[i] = 0.02 * rnd.nextGaussian();
                }
                ta.copyFrom(a);
                tb.copyFrom(b);
                p.stepFactored(tA, ta, tb);
                if (step == 0) {
                    // the step does what it should (a step that does nothing stays unitary too)
                    CMat fa = TestData.entry(ta, 0);
                    CMat fb = TestData.entry(tb, 0);
                    CMat expected = method == Method.DIRECT
                            ? Oracles.directStep(a0, fa, fb) : Oracles.tangentStep(a0, fa, fb);
                    assertRelativeError(expected, TestData.entry(tA, 0), 4e-7, "first step");
                    assertTrue(expected.minus(a0).frobenius() > 1e-3, "the first step is too small to tell");
                }
            }
            CMat drifted = TestData.entry(tA, 0);
            // 10^4 independent steps of ~0.05 each: a random walk that goes far from the start
            assertTrue(drifted.minus(a0).frobenius() > 1, "A moved only " + drifted.minus(a0).frobenius());
            double drift = drifted.unitarityError();
            assertTrue(drifted.allFinite());
            assertTrue(drift < 2e-4, "after " + steps + " steps ||A^H A - I||_F = " + drift);
            System.out.printf("%s %s: drift after %d steps %.3e (rounding level %.3e)%n",
                    method, dtype, steps, drift, roundingLevel);
            double before = p.reorthonormalize(tA);
            double after = TestData.entry(tA, 0).unitarityError();
            assertTrue(Math.abs(before - drift) <= 1e-6 + 1e-3 * drift, "reported " + before + " measured " + drift);
            assertTrue(after <= 4 * roundingLevel, String.format(
                    "drift %.3e -> %.3e, rounding level %.3e", drift, after, roundingLevel));
            // re-orthonormalization is the nearest unitary matrix: it moves A by about the drift
            assertTrue(TestData.entry(tA, 0).minus(drifted).frobenius() < 2 * drift + 1e-5);
        }
    }

    /** Re-orthonormalization returns the polar factor of each batch entry (float64 SVD oracle). */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "NEWTON_SCHULZ, FLOAT32", "NEWTON_SCHULZ, FLOAT64", "NEWTON_SCHULZ, COMPLEX64", "NEWTON_SCHULZ, COMPLEX128",
        "SVD_POLAR, FLOAT32", "SVD_POLAR, FLOAT64", "SVD_POLAR, COMPLEX64", "SVD_POLAR, COMPLEX128",
    })
    void reorthonormalizationReturnsThePolarFactor(Reorthonormalization how, DType dtype) {
        int n = 24;
        int batch = 2;
        Random rnd = new Random(77 + dtype.ordinal());
        CMat[] drifted = new CMat[batch];
        for (int e = 0; e < batch; e++) {
            // a unitary matrix drifted by 1e-2 (Newton-Schulz converges from ||A^H A - I|| < 1)
            drifted[e] = TestData.rounded(Oracles.randomUnitary(n, dtype.isComplex(), rnd)
                    .plus(CMat.gaussian(n, n, dtype.isComplex(), 1e-2 / n, rnd)), dtype);
        }
        try (CpuBackend cpu = new CpuBackend(1);
             Projector p = cpu.newProjector(ProjectorSpec.of(Method.DIRECT, 1).withReorthonormalization(0, how),
                     dtype, batch, n);
             Tensor tA = TestData.tensor(cpu, dtype, drifted)) {
            double reported = p.reorthonormalize(tA);
            double worstBefore = 0;
            for (int e = 0; e < batch; e++) {
                worstBefore = Math.max(worstBefore, drifted[e].unitarityError());
                CMat expected = Oracles.polar(drifted[e]);
                // float32: the polar factor rounded once to float; float64: a few ulps
                double tolerance = dtype.isDoublePrecision() ? 1e-13 : 4e-7;
                assertRelativeError(expected, TestData.entry(tA, e), tolerance, how + " " + dtype + " entry " + e);
                assertTrue(expected.minus(drifted[e]).frobenius() > 1e-4, "the drift is too small to tell");
            }
            assertTrue(Math.abs(reported - worstBefore) <= 1e-6 * worstBefore, "reported " + reported + ", measured " + worstBefore);
        }
    }

    @ParameterizedTest(name = "every {0} steps")
    @CsvSource({"50", "1"})
    void periodicReorthonormalizationRunsEveryMSteps(int every) {
        int n = 16;
        try (CpuBackend cpu = new CpuBackend(1);
             Projector p = cpu.newProjector(ProjectorSpec.of(Method.DIRECT, 1)
                     .withReorthonormalization(every, Reorthonormalization.NEWTON_SCHULZ), DType.FLOAT32, 1, n);
             Tensor tA = TestData.tensor(cpu, DType.FLOAT32, CMat.identity(n));
             Tensor ta = TestData.tensor(cpu, DType.FLOAT32, CMat.gaussian(n, 1, false, 0.1, new Random(1)));
             Tensor tb = TestData.tensor(cpu, DType.FLOAT32, CMat.gaussian(n, 1, false, 0.1, new Random(2)))) {
            int runs = 0;
            for (int i = 1; i <= 100; i++) {
                if (p.stepFactored(tA, ta, tb).reorthonormalized()) {
                    runs++;
                    assertTrue(i % every == 0);
                }
            }
            assertTrue(runs == 100 / every, "ran " + runs + " times");
        }
    }
}

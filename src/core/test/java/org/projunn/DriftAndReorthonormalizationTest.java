package org.projunn;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
            }
            CMat drifted = TestData.entry(tA, 0);
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

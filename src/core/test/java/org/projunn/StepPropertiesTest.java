package org.projunn;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.projunn.testing.FiniteAssertions.assertAllFiniteAndEqual;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.projunn.cpu.CpuBackend;
import org.projunn.cpu.CpuProjector;
import org.projunn.cpu.ParallelProbe;
import org.projunn.cpu.StepPhases;
import org.projunn.testing.CMat;
import org.projunn.testing.Oracles;
import org.projunn.testing.TestData;

/** Properties of a step that hold whatever the inputs: thread independence, phases, first order. */
class StepPropertiesTest {

    @Test
    void resultDoesNotDependOnThreadCount() {
        // 520^2 = 270k elements, above BatchRunner's 2^17 parallel threshold: the passes really
        // split across the pool (asserted below), so a race or a shared scratch buffer shows
        int n = 520;
        Random rnd = new Random(12);
        // double storage: a float32 result would round away a change in the order of summation
        DType dtype = DType.COMPLEX128;
        CMat a0 = TestData.rounded(Oracles.randomUnitary(n, true, rnd), dtype);
        CMat delta = TestData.rounded(CMat.gaussian(n, n, true, 0.01, rnd), dtype);
        double[][] results = new double[3][];
        int[] threads = {1, 2, 5};
        for (int t = 0; t < threads.length; t++) {
            try (CpuBackend cpu = new CpuBackend(threads[t])) {
                // the caller claims chunks too: on a loaded machine it may do all of them, so a
                // fresh projector (same random numbers) repeats the step until the pool took part
                long pooled = 0;
                for (int attempt = 0; attempt < 20 && (attempt == 0 || threads[t] > 1 && pooled == 0); attempt++) {
                    try (Projector p = cpu.newProjector(ProjectorSpec.of(Method.TANGENT, 3)
                            .withSampler(SamplerSpec.sketch(4).withOversampling(2).withPowerIterations(1)), dtype, 1, n);
                         Tensor tA = TestData.tensor(cpu, dtype, a0);
                         Tensor tD = TestData.tensor(cpu, dtype, delta)) {
                        long before = ParallelProbe.pooledRanges(cpu);
                        p.step(tA, tD);
                        results[t] = tA.toDoubleArray();
                        pooled = ParallelProbe.pooledRanges(cpu) - before;
                    }
                }
                assertTrue(threads[t] == 1 ? pooled == 0 : pooled > 0,
                        threads[t] + " threads: pool threads ran " + pooled + " chunks");
            }
        }
        assertTrue(new CMat(n, n, results[0]).minus(a0).frobenius() > 1e-3, "the step did not move A");
        assertAllFiniteAndEqual(results[0], results[1], "2 threads against 1");
        assertAllFiniteAndEqual(results[0], results[2], "5 threads against 1");
    }

    @Test
    void phasesComposeToTheStep() {
        int n = 50;
        int k = 2;
        Random rnd = new Random(3);
        DType dtype = DType.FLOAT32;
        CMat a0 = TestData.rounded(Oracles.randomUnitary(n, false, rnd), dtype);
        CMat a = TestData.rounded(CMat.gaussian(n, k, false, 0.1, rnd), dtype);
        CMat b = TestData.rounded(CMat.gaussian(n, k, false, 0.1, rnd), dtype);
        try (CpuBackend cpu = new CpuBackend();
             CpuProjector p = cpu.newProjector(ProjectorSpec.of(Method.DIRECT, k), dtype, 1, n);
             Tensor t1 = TestData.tensor(cpu, dtype, a0);
             Tensor t2 = TestData.tensor(cpu, dtype, a0);
             Tensor ta = TestData.tensor(cpu, dtype, a);
             Tensor tb = TestData.tensor(cpu, dtype, b)) {
            p.stepFactored(t1, ta, tb);
            StepPhases phases = StepPhases.of(p);
            phases.projectFactor(t2, ta, tb);
            phases.smallProblems();
            phases.fusedUpdate(t2);
            assertAllFiniteAndEqual(t1.toDoubleArray(), t2.toDoubleArray(), "phases against the step");
        }
    }

    @Test
    void directAndTangentAgreeToFirstOrderForRankOne() {
        int n = 20;
        Random rnd = new Random(21);
        CMat a0 = Oracles.randomUnitary(n, true, rnd);
        CMat a = CMat.gaussian(n, 1, true, 1, rnd);
        CMat b = CMat.gaussian(n, 1, true, 1, rnd);
        double previous = Double.NaN;
        try (CpuBackend cpu = new CpuBackend()) {
            for (double eps : new double[] {1e-2, 1e-3, 1e-4}) {
                CMat[] out = new CMat[2];
                for (Method m : Method.values()) {
                    try (Projector p = cpu.newProjector(ProjectorSpec.of(m, 1), DType.COMPLEX128, 1, n);
                         Tensor tA = TestData.tensor(cpu, DType.COMPLEX128, a0);
                         Tensor ta = TestData.tensor(cpu, DType.COMPLEX128, a.scale(eps));
                         Tensor tb = TestData.tensor(cpu, DType.COMPLEX128, b)) {
                        p.stepFactored(tA, ta, tb);
                        out[m.ordinal()] = TestData.entry(tA, 0);
                    }
                }
                double gap = out[0].minus(out[1]).frobenius();
                double moved = out[0].minus(a0).frobenius();
                assertTrue(gap < 0.2 * moved, "eps=" + eps + ": the steps differ at first order");
                if (!Double.isNaN(previous)) {
                    // second order: 10x smaller eps, about 100x smaller gap
                    assertTrue(gap < previous / 50, "eps=" + eps + " gap " + gap + " previous " + previous);
                }
                previous = gap;
            }
        }
    }
}

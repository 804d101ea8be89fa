package org.projunn;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.projunn.testing.FiniteAssertions.assertAllFiniteAndEqual;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.projunn.cpu.CpuBackend;
import org.projunn.testing.CMat;
import org.projunn.testing.Oracles;
import org.projunn.testing.TestData;

/** A batch of independent matrices gives exactly what one-by-one steps give. */
class BatchedStepTest {
    private static CpuBackend cpu;

    @BeforeAll
    static void open() {
        cpu = new CpuBackend();
    }

    @AfterAll
    static void close() {
        cpu.close();
    }

    @ParameterizedTest(name = "{0} {1} batch={2} N={3} k={4}")
    @CsvSource({
        "DIRECT, COMPLEX64, 5, 16, 2",
        "TANGENT, COMPLEX64, 5, 16, 2",
        "DIRECT, FLOAT32, 7, 64, 1",
        "TANGENT, FLOAT64, 3, 33, 4",
        "DIRECT, COMPLEX128, 64, 8, 1",
    })
    void factoredBatchEqualsOneByOne(Method method, DType dtype, int batch, int n, int k) {
        long seed = 31L * batch + n + k;
        Random rnd = new Random(seed);
        CMat[] as = new CMat[batch];
        CMat[] fa = new CMat[batch];
        CMat[] fb = new CMat[batch];
        for (int e = 0; e < batch; e++) {
            as[e] = TestData.rounded(Oracles.randomUnitary(n, dtype.isComplex(), rnd), dtype);
            fa[e] = TestData.rounded(CMat.gaussian(n, k, dtype.isComplex(), 0.3, rnd), dtype);
            fb[e] = TestData.rounded(CMat.gaussian(n, k, dtype.isComplex(), 0.3, rnd), dtype);
        }
        ProjectorSpec spec = ProjectorSpec.of(method, k);
        try (Projector p = cpu.newProjector(spec, dtype, batch, n);
             Tensor tA = TestData.tensor(cpu, dtype, as);
             Tensor ta = TestData.tensor(cpu, dtype, fa);
             Tensor tb = TestData.tensor(cpu, dtype, fb)) {
            p.stepFactored(tA, ta, tb);
            for (int e = 0; e < batch; e++) {
                try (Projector single = cpu.newProjector(spec, dtype, 1, n);
                     Tensor sA = TestData.tensor(cpu, dtype, as[e]);
                     Tensor sa = TestData.tensor(cpu, dtype, fa[e]);
                     Tensor sb = TestData.tensor(cpu, dtype, fb[e])) {
                    single.stepFactored(sA, sa, sb);
                    assertAllFiniteAndEqual(TestData.entry(sA, 0).d, TestData.entry(tA, e).d,
                            "seed=" + seed + " batch entry " + e);
                }
            }
        }
    }

    @ParameterizedTest(name = "sketch {0}")
    @CsvSource({"FLOAT32", "COMPLEX64"})
    void sketchedBatchStepsEachEntryUnitary(DType dtype) {
        int batch = 6;
        int n = 24;
        Random rnd = new Random(99);
        CMat[] as = new CMat[batch];
        CMat[] ds = new CMat[batch];
        for (int e = 0; e < batch; e++) {
            as[e] = TestData.rounded(Oracles.randomUnitary(n, dtype.isComplex(), rnd), dtype);
            ds[e] = TestData.rounded(CMat.gaussian(n, n, dtype.isComplex(), 0.05, rnd), dtype);
        }
        ProjectorSpec spec = ProjectorSpec.of(Method.DIRECT, 2).withSampler(SamplerSpec.sketch(5));
        try (Projector p = cpu.newProjector(spec, dtype, batch, n);
             Tensor tA = TestData.tensor(cpu, dtype, as);
             Tensor tD = TestData.tensor(cpu, dtype, ds);
             Tensor ta = cpu.allocate(dtype, batch, n, 2);
             Tensor tb = cpu.allocate(dtype, batch, n, 2)) {
            p.sample(tD, ta, tb);
            // the step with the sampler equals the factored step with the sampler's output
            try (Projector q = cpu.newProjector(spec, dtype, batch, n);
                 Tensor copy = TestData.tensor(cpu, dtype, as)) {
                q.stepFactored(copy, ta, tb);
                p.step(tA, tD);
                // the tensors a, b are float32-rounded copies of the sampler's float64 a, b
                for (int e = 0; e < batch; e++) {
                    double diff = TestData.entry(copy, e).minus(TestData.entry(tA, e)).frobenius();
                    assertTrue(diff < 1e-6, "entry " + e + ": " + diff);
                }
            }
            for (int e = 0; e < batch; e++) {
                CMat got = TestData.entry(tA, e);
                assertTrue(got.unitarityError() < 1e-5, "entry " + e + " drift " + got.unitarityError());
                assertTrue(got.minus(as[e]).frobenius() > 1e-3, "entry " + e + " did not move");
            }
        }
    }
}

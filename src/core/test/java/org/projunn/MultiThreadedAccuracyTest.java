package org.projunn;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.projunn.testing.FiniteAssertions.assertRelativeError;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.projunn.cpu.CpuBackend;
import org.projunn.cpu.ParallelProbe;
import org.projunn.testing.CMat;
import org.projunn.testing.Oracles;
import org.projunn.testing.TestData;

/**
 * The accuracy check of {@link ProjectorAccuracyTest} at sizes where the CPU backend splits the
 * dense passes across its threads (batch x N^2 above 2^17 elements), one case per dtype and
 * batched cases: each entry against the dense float64 oracle.
 */
class MultiThreadedAccuracyTest {
    private static CpuBackend cpu;

    @BeforeAll
    static void open() {
        cpu = new CpuBackend(3);
    }

    @AfterAll
    static void close() {
        cpu.close();
    }

    @ParameterizedTest(name = "{0} {1} batch={2} N={3} k={4}")
    @CsvSource({
        "DIRECT, FLOAT32, 1, 520, 2",
        "TANGENT, FLOAT64, 1, 520, 3",
        "DIRECT, COMPLEX64, 1, 370, 2",
        "TANGENT, COMPLEX128, 1, 370, 1",
        "TANGENT, FLOAT32, 3, 256, 2",
        "DIRECT, COMPLEX128, 4, 200, 2",
    })
    void splitStepMatchesDenseFloat64Reference(Method method, DType dtype, int batch, int n, int k) {
        assertTrue((long) batch * n * n > 1L << 17, "the case must be above the parallel threshold");
        Random rnd = new Random(91L * n + 7L * batch + k + dtype.ordinal());
        boolean complex = dtype.isComplex();
        // the step sizes of ProjectorAccuracyTest (||a b^H|| < 1 in float32)
        double sigmaA = dtype.isDoublePrecision() ? Math.sqrt(0.5 / k) : Math.sqrt(0.7 / (n * k));
        double sigmaB = Math.sqrt(0.7 / (n * k));
        CMat[] as = new CMat[batch];
        CMat[] fa = new CMat[batch];
        CMat[] fb = new CMat[batch];
        for (int e = 0; e < batch; e++) {
            as[e] = TestData.rounded(Oracles.randomUnitary(n, complex, rnd), dtype);
            fa[e] = TestData.rounded(CMat.gaussian(n, k, complex, sigmaA, rnd), dtype);
            fb[e] = TestData.rounded(CMat.gaussian(n, k, complex, sigmaB, rnd), dtype);
        }
        try (Projector p = cpu.newProjector(ProjectorSpec.of(method, k), dtype, batch, n);
             Tensor tA = TestData.tensor(cpu, dtype, as);
             Tensor ta = TestData.tensor(cpu, dtype, fa);
             Tensor tb = TestData.tensor(cpu, dtype, fb)) {
            // the caller claims chunks too: on a loaded machine it may do all of them, so the step
            // is repeated from the same A until the pool's threads took part
            boolean split = false;
            for (int attempt = 0; attempt < 20 && !split; attempt++) {
                long pooledBefore = ParallelProbe.pooledRanges(cpu);
                TestData.load(tA, as);
                p.stepFactored(tA, ta, tb);
                split = ParallelProbe.pooledRanges(cpu) > pooledBefore;
            }
            assertTrue(split, "the pool threads did no work in 20 steps");
            for (int e = 0; e < batch; e++) {
                CMat expected = method == Method.DIRECT
                        ? Oracles.directStep(as[e], fa[e], fb[e]) : Oracles.tangentStep(as[e], fa[e], fb[e]);
                CMat got = TestData.entry(tA, e);
                // the tolerances of ProjectorAccuracyTest: float32 rounds once, float64 a few ulps
                double tolerance = dtype.isDoublePrecision() ? 1e-12 : 4e-7;
                assertRelativeError(expected, got, tolerance, method + " " + dtype + " entry " + e);
                assertTrue(got.minus(as[e]).frobenius() > 1e-2 * expected.minus(as[e]).frobenius(),
                        "entry " + e + " did not move");
            }
        }
    }
}

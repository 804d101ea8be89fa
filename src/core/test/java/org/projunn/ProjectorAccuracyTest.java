package org.projunn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.projunn.cpu.CpuBackend;
import org.projunn.testing.CMat;
import org.projunn.testing.Oracles;
import org.projunn.testing.TestData;

/**
 * projUNN-D equals the SVD polar factor of A + a b^H and projUNN-T equals A expm(Omega), both
 * computed densely in float64, for real and complex, float32 and float64, over the sizes and
 * ranks of the spec.
 */
class ProjectorAccuracyTest {
    private static CpuBackend cpu;

    @BeforeAll
    static void open() {
        cpu = new CpuBackend();
    }

    @AfterAll
    static void close() {
        cpu.close();
    }

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        int[] sizes = {1, 2, 3, 16, 64, 257};
        int[] ranks = {1, 2, 8};
        for (Method method : Method.values()) {
            for (boolean complex : new boolean[] {false, true}) {
                for (boolean dbl : new boolean[] {false, true}) {
                    for (int n : sizes) {
                        for (int k : ranks) {
                            if (2 * k <= n || (n == 1 && k == 1)) {
                                list.add(Arguments.of(method, TestData.dtype(complex, dbl), n, k));
                            }
                        }
                    }
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "{0} {1} N={2} k={3}")
    @MethodSource("cases")
    void stepMatchesDenseFloat64Reference(Method method, DType dtype, int n, int k) {
        long seed = 1000L * n + 10L * k + dtype.ordinal() + 7L * method.ordinal();
        Random rnd = new Random(seed);
        boolean complex = dtype.isComplex();
        // float64: a large step (||a b^H|| ~ sqrt(N), X far from unitary and ill-conditioned);
        // float32: ||a b^H|| < 1, since a float32 A is unitary only to rounding and the algorithm
        // (by design) takes A^H A = I, an error the condition number of X would amplify
        double sigmaA = dtype.isDoublePrecision() ? Math.sqrt(0.5 / k) : Math.sqrt(0.7 / (n * k));
        double sigmaB = Math.sqrt(0.7 / (n * k));
        CMat a0 = TestData.rounded(Oracles.randomUnitary(n, complex, rnd), dtype);
        CMat a = TestData.rounded(CMat.gaussian(n, k, complex, sigmaA, rnd), dtype);
        CMat b = TestData.rounded(CMat.gaussian(n, k, complex, sigmaB, rnd), dtype);
        CMat expected = method == Method.DIRECT ? Oracles.directStep(a0, a, b) : Oracles.tangentStep(a0, a, b);

        try (Projector p = cpu.newProjector(ProjectorSpec.of(method, k), dtype, 1, n);
             Tensor tA = TestData.tensor(cpu, dtype, a0);
             Tensor ta = TestData.tensor(cpu, dtype, a);
             Tensor tb = TestData.tensor(cpu, dtype, b)) {
            p.stepFactored(tA, ta, tb);
            CMat got = TestData.entry(tA, 0);
            double error = got.relativeError(expected);
            // float32: the result is rounded once to float; float64: a few ulps of N-term sums
            double tolerance = dtype.isDoublePrecision() ? 1e-12 : 4e-7;
            assertTrue(error <= tolerance, () -> String.format(
                    "seed=%d %s %s N=%d k=%d: relative error %.3e > %.1e", seed, method, dtype, n, k, error, tolerance));
            double drift = got.unitarityError();
            double driftBound = dtype.isDoublePrecision() ? 1e-12 * Math.sqrt(n) : 2e-6 * Math.sqrt(n);
            assertTrue(drift <= driftBound, () -> String.format(
                    "seed=%d: ||A^H A - I||_F = %.3e > %.1e", seed, drift, driftBound));
        }
    }
}

package org.projunn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
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
 * Delta = 0, a = 0, b = 0 and b parallel to A^H a (the basis [b, A^H a] is rank-deficient) leave A
 * unchanged, with no NaN; a singular A + a b^H is clamped and reported, never NaN.
 */
class DegenerateInputTest {
    private static CpuBackend cpu;

    @BeforeAll
    static void open() {
        cpu = new CpuBackend();
    }

    @AfterAll
    static void close() {
        cpu.close();
    }

    static java.util.stream.Stream<Arguments> cases() {
        java.util.List<Arguments> list = new java.util.ArrayList<>();
        for (Method m : Method.values()) {
            for (DType d : DType.values()) {
                list.add(Arguments.of(m, d));
            }
        }
        return list.stream();
    }

    private static void assertUnchanged(CMat before, Tensor after, DType dtype, String what) {
        CMat got = TestData.entry(after, 0);
        assertTrue(got.allFinite(), what + ": NaN in the result");
        double tol = dtype.isDoublePrecision() ? 1e-14 : 1e-6;
        double diff = got.minus(before).frobenius() / before.frobenius();
        assertTrue(diff <= tol, what + ": A moved by " + diff);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void zeroAndParallelUpdatesLeaveAUnchanged(Method method, DType dtype) {
        int n = 12;
        int k = 2;
        Random rnd = new Random(11);
        boolean complex = dtype.isComplex();
        CMat a0 = TestData.rounded(Oracles.randomUnitary(n, complex, rnd), dtype);
        CMat zeroNK = new CMat(n, k);
        CMat someA = TestData.rounded(CMat.gaussian(n, k, complex, 0.2, rnd), dtype);
        // b = 0.7 A^H a: X = (I + 0.7 a a^H) A has polar factor A, and Omega = 0
        CMat parallelB = TestData.rounded(a0.adjoint().times(someA).scale(0.7), dtype);
        CMat[][] factored = {{zeroNK, someA}, {someA, zeroNK}, {zeroNK, zeroNK}, {someA, parallelB}};
        String[] names = {"a = 0", "b = 0", "a = b = 0", "b parallel to A^H a"};
        try (Projector p = cpu.newProjector(ProjectorSpec.of(method, k), dtype, 1, n)) {
            for (int c = 0; c < factored.length; c++) {
                try (Tensor tA = TestData.tensor(cpu, dtype, a0);
                     Tensor ta = TestData.tensor(cpu, dtype, factored[c][0]);
                     Tensor tb = TestData.tensor(cpu, dtype, factored[c][1])) {
                    StepReport report = p.stepFactored(tA, ta, tb);
                    assertUnchanged(a0, tA, dtype, names[c]);
                    assertEquals(0, report.clampedEigenvalues(), names[c]);
                    // float32 rounding makes b only nearly parallel: then nothing needs dropping
                    if (c < 3 || dtype.isDoublePrecision()) {
                        assertTrue(report.droppedDirections() >= k, names[c] + ": " + report);
                    }
                }
            }
            for (SamplerSpec sampler : new SamplerSpec[] {SamplerSpec.sketch(3), SamplerSpec.column(3)}) {
                try (Projector q = cpu.newProjector(ProjectorSpec.of(method, k).withSampler(sampler), dtype, 1, n);
                     Tensor tA = TestData.tensor(cpu, dtype, a0);
                     Tensor delta = cpu.allocate(dtype, 1, n, n)) {
                    q.step(tA, delta);
                    assertUnchanged(a0, tA, dtype, "Delta = 0 with " + sampler.kind());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("complexities")
    void singularUpdateIsClampedAndReported(DType dtype) {
        int n = 6;
        CMat u = CMat.gaussian(n, 1, dtype.isComplex(), 1, new Random(5));
        u = u.scale(1 / u.frobenius());
        // A = I, a = -u, b = u: X = I - u u^H is singular
        try (Projector p = cpu.newProjector(ProjectorSpec.of(Method.DIRECT, 1), dtype, 1, n);
             Tensor tA = TestData.tensor(cpu, dtype, CMat.identity(n));
             Tensor ta = TestData.tensor(cpu, dtype, u.scale(-1));
             Tensor tb = TestData.tensor(cpu, dtype, u)) {
            StepReport report = p.stepFactored(tA, ta, tb);
            assertTrue(report.clampedEigenvalues() >= 1, report.toString());
            assertTrue(TestData.entry(tA, 0).allFinite());
        }
    }

    static java.util.stream.Stream<DType> complexities() {
        return java.util.stream.Stream.of(DType.FLOAT64, DType.COMPLEX128);
    }
}

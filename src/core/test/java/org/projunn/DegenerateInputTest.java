package org.projunn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.projunn.testing.FiniteAssertions.assertRelativeError;

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
 * unchanged, with no NaN; a singular A + a b^H is clamped and reported, never NaN, and the
 * projUNN-D result is still unitary (the singular direction is completed).
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

    /**
     * A = I, a = -u, b = u: X = I - u u^H is singular. With u a coordinate vector everything is
     * exact and K D is exactly zero on the singular direction, so the completion falls back to a
     * coordinate vector; with a random u it starts from the rounding left in that column. Both
     * must be reported and give a unitary P with P H = X (H = X here).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dtypes")
    void singularUpdateIsClampedAndReported(DType dtype) {
        int n = 6;
        CMat random = CMat.gaussian(n, 1, dtype.isComplex(), 1, new Random(5));
        CMat coordinate = new CMat(n, 1);
        coordinate.set(2, 0, 1, 0);
        double tol = dtype.isDoublePrecision() ? 1e-12 : 1e-5;
        for (CMat v : new CMat[] {coordinate, random}) {
            CMat u = TestData.rounded(v.scale(1 / v.frobenius()), dtype);
            Stepped s = stepFactored(ProjectorSpec.of(Method.DIRECT, 1), dtype, CMat.identity(n), u.scale(-1), u);
            assertEquals(1, s.report().clampedEigenvalues(), s.report().toString());
            assertUnitary(s, tol, dtype.toString());
            CMat x = CMat.identity(n).minus(u.times(u.adjoint()));
            double gap = s.result().times(x).minus(x).frobenius();
            assertTrue(gap <= tol, "P H != X: " + gap + " " + s.report());
        }
    }

    /**
     * A random unitary A with a = -A u, b = u (|u| = 1): X = A + a b^H = A (I - u u^H) is singular.
     * Its polar factor is not unique, but every valid one is unitary and satisfies P H = X with
     * H = (X^H X)^(1/2) = I - u u^H: both are checked, in every dtype, and the singular direction
     * is reported as clamped in every dtype. projUNN-T has no singularity: it must be unitary and
     * equal A expm(Omega) as usual.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void singularUpdateGivesAUnitaryResult(Method method, DType dtype) {
        int n = 12;
        Random rnd = new Random(17 + dtype.ordinal());
        boolean complex = dtype.isComplex();
        CMat a0 = TestData.rounded(Oracles.randomUnitary(n, complex, rnd), dtype);
        CMat u = CMat.gaussian(n, 1, complex, 1, rnd);
        u = TestData.rounded(u.scale(1 / u.frobenius()), dtype);
        CMat a = TestData.rounded(a0.times(u).scale(-1), dtype);
        double tol = dtype.isDoublePrecision() ? 1e-10 : 1e-5;
        Stepped s = stepFactored(ProjectorSpec.of(method, 1), dtype, a0, a, u);
        assertUnitary(s, tol, method + " " + dtype);
        if (method == Method.DIRECT) {
            CMat x = a0.plus(a.times(u.adjoint()));
            CMat h = CMat.identity(n).minus(u.times(u.adjoint()));
            double gap = s.result().times(h).minus(x).frobenius();
            assertTrue(gap <= tol * Math.sqrt(n), "P H != X: " + gap + " " + s.report());
            assertEquals(1, s.report().clampedEigenvalues(), s.report().toString());
        } else {
            assertRelativeError(Oracles.tangentStep(a0, a, u), s.result(), tol, "tangent step");
        }
    }

    /**
     * Rank 2 with one singular direction: b = [u1, u2] orthonormal, a = -A [u1, u2 / 2], so
     * X = A (I - u1 u1^H - u2 u2^H / 2) and H = (X^H X)^(1/2) = I - u1 u1^H - u2 u2^H / 2. The
     * projUNN-D result must be unitary, satisfy P H = X and report exactly one clamped eigenvalue.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dtypes")
    void rankTwoWithOneSingularDirectionIsUnitary(DType dtype) {
        int n = 10;
        Random rnd = new Random(23 + dtype.ordinal());
        boolean complex = dtype.isComplex();
        CMat a0 = TestData.rounded(Oracles.randomUnitary(n, complex, rnd), dtype);
        CMat basis = Oracles.randomUnitary(n, complex, rnd);
        CMat b = TestData.rounded(columns(basis, 2), dtype);
        CMat scaled = columns(basis, 2);
        CMat half = new CMat(2, 2);
        half.set(0, 0, 1, 0);
        half.set(1, 1, 0.5, 0);
        CMat a = TestData.rounded(a0.times(scaled.times(half)).scale(-1), dtype);
        double tol = dtype.isDoublePrecision() ? 1e-10 : 1e-5;
        Stepped s = stepFactored(ProjectorSpec.of(Method.DIRECT, 2), dtype, a0, a, b);
        assertUnitary(s, tol, dtype.toString());
        CMat x = a0.plus(a.times(b.adjoint()));
        CMat h = CMat.identity(n).minus(scaled.times(half).times(scaled.adjoint()));
        double gap = s.result().times(h).minus(x).frobenius();
        assertTrue(gap <= tol * Math.sqrt(n), "P H != X: " + gap + " " + s.report());
        assertEquals(1, s.report().clampedEigenvalues(), s.report().toString());
    }

    /**
     * Near-singular: a = -(1 - s) A u, b = u gives X = A (I - (1 - s) u u^H) with smallest
     * singular value s, tiny but well above the dtype's rounding. The polar factor is unique
     * (here exactly A): the result must be unitary and match the SVD oracle to about
     * rounding / s, and nothing is clamped.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dtypes")
    void nearSingularUpdateStaysUnitaryAndAccurate(DType dtype) {
        int n = 12;
        Random rnd = new Random(29 + dtype.ordinal());
        boolean complex = dtype.isComplex();
        double s = dtype.isDoublePrecision() ? 1e-7 : 1e-3;
        CMat a0 = TestData.rounded(Oracles.randomUnitary(n, complex, rnd), dtype);
        CMat u = CMat.gaussian(n, 1, complex, 1, rnd);
        u = TestData.rounded(u.scale(1 / u.frobenius()), dtype);
        CMat a = TestData.rounded(a0.times(u).scale(-(1 - s)), dtype);
        double roundoff = dtype.isDoublePrecision() ? 0x1p-53 : 0x1p-24;
        double unitaryTol = dtype.isDoublePrecision() ? 1e-12 : 1e-5;
        Stepped step = stepFactored(ProjectorSpec.of(Method.DIRECT, 1), dtype, a0, a, u);
        assertUnitary(step, unitaryTol, dtype.toString());
        CMat expected = Oracles.polar(a0.plus(a.times(u.adjoint())));
        assertRelativeError(expected, step.result(), 10 * roundoff / s, "near-singular polar factor");
        assertEquals(0, step.report().clampedEigenvalues(), step.report().toString());
    }

    /** The result of one factored step A0 + a b^H on a new projector, and its report. */
    private record Stepped(CMat result, StepReport report) {
    }

    private static Stepped stepFactored(ProjectorSpec spec, DType dtype, CMat a0, CMat a, CMat b) {
        try (Projector p = cpu.newProjector(spec, dtype, 1, a0.rows);
             Tensor tA = TestData.tensor(cpu, dtype, a0);
             Tensor ta = TestData.tensor(cpu, dtype, a);
             Tensor tb = TestData.tensor(cpu, dtype, b)) {
            StepReport report = p.stepFactored(tA, ta, tb);
            return new Stepped(TestData.entry(tA, 0), report);
        }
    }

    private static void assertUnitary(Stepped s, double tol, String what) {
        assertTrue(s.result().allFinite(), "NaN in the result");
        double drift = s.result().unitarityError();
        assertTrue(drift <= tol, what + ": ||A^H A - I||_F = " + drift + " " + s.report());
    }

    private static CMat columns(CMat m, int count) {
        CMat out = new CMat(m.rows, count);
        for (int j = 0; j < count; j++) {
            for (int i = 0; i < m.rows; i++) {
                out.set(i, j, m.re(i, j), m.im(i, j));
            }
        }
        return out;
    }

    static java.util.stream.Stream<DType> dtypes() {
        return java.util.stream.Stream.of(DType.values());
    }

}

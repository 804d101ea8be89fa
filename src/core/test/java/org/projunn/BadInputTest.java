package org.projunn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.projunn.cpu.CpuBackend;
import org.projunn.testing.CMat;
import org.projunn.testing.Oracles;
import org.projunn.testing.TestData;

/** Every bad input gets an exception naming the problem, and A is left exactly as it was. */
class BadInputTest {
    private static final int N = 8;
    private static final int K = 2;
    private static CpuBackend cpu;

    @BeforeAll
    static void open() {
        cpu = new CpuBackend();
    }

    @AfterAll
    static void close() {
        cpu.close();
    }

    private static Tensor unitary(DType dtype, int batch) {
        Random rnd = new Random(3);
        CMat[] m = new CMat[batch];
        for (int e = 0; e < batch; e++) {
            m[e] = Oracles.randomUnitary(N, dtype.isComplex(), rnd);
        }
        return TestData.tensor(cpu, dtype, m);
    }

    private static Tensor random(DType dtype, int batch, int rows, int cols) {
        Tensor t = cpu.allocate(dtype, batch, rows, cols);
        double[] d = new double[t.scalarCount()];
        Random rnd = new Random(rows * 31L + cols);
        for (int i = 0; i < d.length; i++) {
            d[i] = 0.1 * rnd.nextGaussian();
        }
        t.copyFrom(d);
        return t;
    }

    /** Runs {@code call} on a fresh A, expects the message fragment, and checks A is unchanged. */
    private static void rejects(DType dtype, int batch, String fragment, Consumer<Tensor> call) {
        try (Tensor a = unitary(dtype, batch)) {
            double[] before = a.toDoubleArray();
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> call.accept(a));
            assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
            assertArrayEquals(before, a.toDoubleArray(), "A was modified");
        }
    }

    private static Projector projector(Method method, DType dtype, int batch) {
        return cpu.newProjector(ProjectorSpec.of(method, K), dtype, batch, N);
    }

    @Test
    void nonSquareMatrixIsRejected() {
        try (Projector p = projector(Method.DIRECT, DType.FLOAT32, 1);
             Tensor a = random(DType.FLOAT32, 1, N, N + 1);
             Tensor d = random(DType.FLOAT32, 1, N, N)) {
            double[] before = a.toDoubleArray();
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> p.step(a, d));
            assertTrue(e.getMessage().contains("A must be 8 x 8, got 8 x 9 (not square)"), e.getMessage());
            assertArrayEquals(before, a.toDoubleArray());
        }
    }

    @Test
    void mismatchedShapesAreRejected() {
        try (Projector p = projector(Method.DIRECT, DType.FLOAT32, 1);
             Tensor wrongDelta = random(DType.FLOAT32, 1, N - 1, N - 1);
             Tensor wrongA = random(DType.FLOAT32, 1, N, K + 1);
             Tensor b = random(DType.FLOAT32, 1, N, K);
             Tensor batchA = random(DType.FLOAT32, 2, N, K)) {
            rejects(DType.FLOAT32, 1, "delta must be 8 x 8, got 7 x 7", a -> p.step(a, wrongDelta));
            rejects(DType.FLOAT32, 1, "a must be 8 x 2, got 8 x 3", a -> p.stepFactored(a, wrongA, b));
            rejects(DType.FLOAT32, 1, "a must be 8 x 2, got 2 x 8 x 2", a -> p.stepFactored(a, batchA, b));
        }
        try (Projector p = projector(Method.TANGENT, DType.COMPLEX64, 3);
             Tensor delta = random(DType.COMPLEX64, 3, N, N)) {
            rejects(DType.COMPLEX64, 2, "A must be 3 x 8 x 8, got 2 x 8 x 8", a -> p.step(a, delta));
        }
    }

    @Test
    void dtypeMismatchIsRejected() {
        try (Projector p = projector(Method.DIRECT, DType.COMPLEX64, 1);
             Tensor delta = random(DType.FLOAT32, 1, N, N)) {
            rejects(DType.COMPLEX64, 1, "delta has dtype float32 but the projector was made for complex64",
                    a -> p.step(a, delta));
            rejects(DType.FLOAT64, 1, "A has dtype float64", a -> p.step(a, delta));
        }
        assertThrows(InvalidInputException.class, () -> cpu.wrap(new float[4], DType.FLOAT64, 1, 2, 2));
        assertThrows(InvalidInputException.class, () -> cpu.wrap(new double[3], DType.FLOAT64, 1, 2, 2));
        assertThrows(InvalidInputException.class, () -> cpu.allocate(null, 1, 2, 2));
    }

    @Test
    void tensorsOfAnotherBackendInstanceAreRejected() {
        try (CpuBackend other = new CpuBackend(1);
             Projector p = projector(Method.DIRECT, DType.FLOAT32, 1);
             Tensor delta = other.allocate(DType.FLOAT32, 1, N, N)) {
            rejects(DType.FLOAT32, 1, "same backend instance", a -> p.step(a, delta));
        }
    }

    @ParameterizedTest(name = "k={0} N={1}")
    @CsvSource({"0, 8", "-1, 8", "5, 8", "2, 3", "2, 1", "1, 0"})
    void badRankOrSizeIsRejected(int k, int n) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> cpu.newProjector(ProjectorSpec.of(Method.DIRECT, k), DType.FLOAT32, 1, n).close());
        assertTrue(e.getMessage().contains(k < 1 ? "rank k must be >= 1" : n < 1 ? "N must be >= 1" : "2k <= N"),
                e.getMessage());
    }

    @ParameterizedTest(name = "{0} in {1} ({2})")
    @CsvSource({
        "NaN, delta, SKETCH", "Infinity, delta, SKETCH", "-Infinity, delta, COLUMN", "NaN, delta, COLUMN",
        "NaN, a, SKETCH", "Infinity, b, SKETCH",
    })
    void nonFiniteInputIsRejected(double bad, String where, SamplerSpec.Kind kind) {
        for (DType dtype : DType.values()) {
            int batch = 3;
            ProjectorSpec spec = ProjectorSpec.of(Method.DIRECT, K).withSampler(new SamplerSpec(kind, 1, 0, 0));
            try (Projector p = cpu.newProjector(spec, dtype, batch, N);
                 Tensor delta = random(dtype, batch, N, N);
                 Tensor fa = random(dtype, batch, N, K);
                 Tensor fb = random(dtype, batch, N, K)) {
                Tensor target = where.equals("delta") ? delta : where.equals("a") ? fa : fb;
                double[] d = target.toDoubleArray();
                d[d.length - 3] = bad; // in the last batch entry
                target.copyFrom(d);
                String message = where + " contains NaN or Inf (batch entry 2)";
                if (where.equals("delta")) {
                    rejects(dtype, batch, message, a -> p.step(a, delta));
                } else {
                    rejects(dtype, batch, message, a -> p.stepFactored(a, fa, fb));
                }
            }
        }
    }

    @Test
    void nonFiniteMatrixIsRejectedBeforeWriting() {
        try (Projector p = projector(Method.TANGENT, DType.FLOAT64, 1);
             Tensor fa = random(DType.FLOAT64, 1, N, K);
             Tensor fb = random(DType.FLOAT64, 1, N, K);
             Tensor a = unitary(DType.FLOAT64, 1)) {
            double[] d = a.toDoubleArray();
            d[5] = Double.NaN;
            a.copyFrom(d);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> p.stepFactored(a, fa, fb));
            assertTrue(e.getMessage().contains("A contains NaN or Inf"), e.getMessage());
            assertArrayEquals(d, a.toDoubleArray());
        }
    }

    @Test
    void badSpecsAreRejected() {
        assertThrows(InvalidInputException.class, () -> SamplerSpec.sketch(1).withOversampling(-1));
        assertThrows(InvalidInputException.class, () -> SamplerSpec.sketch(1).withPowerIterations(-2));
        assertThrows(InvalidInputException.class, () -> ProjectorSpec.of(Method.DIRECT, 1)
                .withReorthonormalization(-1, Reorthonormalization.SVD_POLAR));
        assertThrows(InvalidInputException.class, () -> Method.parse("diagonal"));
        assertThrows(InvalidInputException.class, () -> SamplerSpec.Kind.parse("uniform"));
        assertThrows(InvalidInputException.class, () -> ProjectorSpec.of(null, 1));
    }
}

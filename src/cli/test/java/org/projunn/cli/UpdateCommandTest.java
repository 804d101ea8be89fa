package org.projunn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.projunn.DType;
import org.projunn.npy.MatrixBatch;
import org.projunn.npy.NpyHeader;
import org.projunn.npy.NpyReader;

/** {@code projunn update} against dense float64 references computed here with EJML. */
class UpdateCommandTest {
    private static final int N = 9;

    @TempDir
    Path dir;

    static List<Arguments> factoredCases() {
        List<Arguments> list = new ArrayList<>();
        for (String method : new String[] {"direct", "tangent"}) {
            for (DType t : DType.values()) {
                list.add(Arguments.of(method, t, false, 0, 2));
                list.add(Arguments.of(method, t, true, 3, 1));
            }
        }
        list.add(Arguments.of("direct", DType.COMPLEX64, true, 0, 4));
        list.add(Arguments.of("tangent", DType.FLOAT32, false, 2, 4));
        return list;
    }

    @ParameterizedTest(name = "{0} {1} fortran={2} batch={3} k={4}")
    @MethodSource("factoredCases")
    void factoredUpdateMatchesDenseReference(String method, DType type, boolean fortran, int batch, int k)
            throws IOException {
        long seed = 31L * method.hashCode() + 7L * type.ordinal() + 3L * batch + k + (fortran ? 1 : 0);
        Random rnd = new Random(seed);
        boolean complex = type.isComplex();
        int entries = Math.max(batch, 1);
        int s = complex ? 2 : 1;
        double[] a = new double[entries * N * N * s];
        double[] fa = new double[entries * N * k * s];
        double[] fb = new double[entries * N * k * s];
        for (int e = 0; e < entries; e++) {
            System.arraycopy(DenseReference.randomUnitary(rnd, N, complex), 0, a, e * N * N * s, N * N * s);
            System.arraycopy(DenseReference.gaussian(rnd, N * k * s, 0.3), 0, fa, e * N * k * s, N * k * s);
            System.arraycopy(DenseReference.gaussian(rnd, N * k * s, 0.3), 0, fb, e * N * k * s, N * k * s);
        }
        Path aFile = NpyFiles.save(dir.resolve("A.npy"), type, fortran, batch, N, N, a);
        NpyFiles.save(dir.resolve("a.npy"), type, fortran, batch, N, k, fa);
        NpyFiles.save(dir.resolve("b.npy"), type, false, batch, N, k, fb);
        Path out = dir.resolve("out.npy");

        CliRun run = CliRun.of("update", "--method", method, "--A", aFile.toString(), "--a", dir.resolve("a.npy").toString(),
                "--b", dir.resolve("b.npy").toString(), "--out", out.toString(), "--backend", "cpu");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("", run.out(), "stdout stays clean");
        assertTrue(run.err().contains("with projUNN-" + (method.equals("direct") ? "D" : "T") + " rank " + k), run.err());

        NpyHeader in = NpyReader.read(aFile).header();
        NpyHeader got = NpyReader.read(out).header();
        assertEquals(in, got, "output keeps A's dtype, shape and order");

        double[] result = NpyFiles.values(NpyFiles.load(out));
        double[] ar = NpyFiles.rounded(type, a);
        double[] far = NpyFiles.rounded(type, fa);
        double[] fbr = NpyFiles.rounded(type, fb);
        double tol = type.isDoublePrecision() ? 1e-12 : 3e-6;
        for (int e = 0; e < entries; e++) {
            double[] ae = slice(ar, e, N * N * s);
            double[] expected = method.equals("direct")
                    ? DenseReference.direct(ae, slice(far, e, N * k * s), slice(fbr, e, N * k * s), N, k, complex)
                    : DenseReference.tangent(ae, slice(far, e, N * k * s), slice(fbr, e, N * k * s), N, k, complex);
            double err = maxAbsDiff(expected, slice(result, e, N * N * s));
            assertTrue(err <= tol, "seed " + seed + " entry " + e + ": max error " + err + " > " + tol);
        }
    }

    static List<Arguments> sampledCases() {
        return List.of(Arguments.of(DType.COMPLEX128, "lsi", 0), Arguments.of(DType.FLOAT32, "lsi", 2),
                Arguments.of(DType.FLOAT64, "column", 0), Arguments.of(DType.COMPLEX64, "column", 3));
    }

    /**
     * A rank-2 delta is recovered exactly by either sampler, so the step is the polar factor of
     * A + delta. Column sampling draws with replacement, so it gets a few extra draws to be sure
     * to hit two independent columns.
     */
    @ParameterizedTest(name = "{0} {1} batch={2}")
    @MethodSource("sampledCases")
    void deltaOfRankKIsSampledExactly(DType type, String sampler, int batch) throws IOException {
        long seed = 1000L + type.ordinal() * 10 + batch;
        Random rnd = new Random(seed);
        boolean complex = type.isComplex();
        int s = complex ? 2 : 1;
        int k = 2;
        int entries = Math.max(batch, 1);
        double[] a = new double[entries * N * N * s];
        double[] delta = new double[entries * N * N * s];
        List<double[]> factorsA = new ArrayList<>();
        List<double[]> factorsB = new ArrayList<>();
        for (int e = 0; e < entries; e++) {
            System.arraycopy(DenseReference.randomUnitary(rnd, N, complex), 0, a, e * N * N * s, N * N * s);
            double[] fa = DenseReference.gaussian(rnd, N * k * s, 0.3);
            double[] fb = DenseReference.gaussian(rnd, N * k * s, 0.3);
            factorsA.add(fa);
            factorsB.add(fb);
            // delta = a b^H: the dense update (A = 0) of the reference's own embedding
            double[] d = DenseReference.outer(fa, fb, N, k, complex);
            System.arraycopy(d, 0, delta, e * N * N * s, N * N * s);
        }
        Path aFile = NpyFiles.save(dir.resolve("A.npy"), type, false, batch, N, N, a);
        Path dFile = NpyFiles.save(dir.resolve("D.npy"), type, true, batch, N, N, delta);
        Path out = dir.resolve("out.npy");
        CliRun run = CliRun.of("update", "--method", "direct", "--A", aFile.toString(), "--delta", dFile.toString(),
                "--rank", "2", "--sampler", sampler, "--seed", "5", "--oversampling", sampler.equals("column") ? "4" : "0",
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.err().contains(sampler + " sampler, seed 5"), run.err());

        double[] result = NpyFiles.values(NpyFiles.load(out));
        double[] ar = NpyFiles.rounded(type, a);
        double tol = type.isDoublePrecision() ? 1e-10 : 1e-5;
        for (int e = 0; e < entries; e++) {
            double[] expected = DenseReference.direct(slice(ar, e, N * N * s), factorsA.get(e), factorsB.get(e), N, k, complex);
            double err = maxAbsDiff(expected, slice(result, e, N * N * s));
            assertTrue(err <= tol, "seed " + seed + " entry " + e + ": max error " + err + " > " + tol);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zeroCases")
    void zeroUpdateLeavesAUnchanged(String method) throws IOException {
        Random rnd = new Random(77);
        double[] a = DenseReference.randomUnitary(rnd, N, true);
        Path aFile = NpyFiles.save(dir.resolve("A.npy"), DType.COMPLEX128, false, 0, N, N, a);
        NpyFiles.save(dir.resolve("a.npy"), DType.COMPLEX128, false, 0, N, 1, new double[2 * N]);
        NpyFiles.save(dir.resolve("b.npy"), DType.COMPLEX128, false, 0, N, 1, DenseReference.gaussian(rnd, 2 * N, 1));
        Path out = dir.resolve("out.npy");
        CliRun run = CliRun.of("update", "--method", method, "--A", aFile.toString(), "--a", dir.resolve("a.npy").toString(),
                "--b", dir.resolve("b.npy").toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.toString());
        MatrixBatch m = NpyFiles.load(out);
        assertTrue(maxAbsDiff(a, m.doubles()) < 1e-14, "A unchanged");
    }

    static List<String> zeroCases() {
        return List.of("direct", "tangent");
    }


    static double[] slice(double[] v, int entry, int size) {
        double[] s = new double[size];
        System.arraycopy(v, entry * size, s, 0, size);
        return s;
    }

    static double maxAbsDiff(double[] x, double[] y) {
        assertArrayEquals(new int[] {x.length}, new int[] {y.length});
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }
}

package org.projunn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.projunn.DType;

/** Bad input: exit code 2, one {@code error:} line naming the problem, no stack trace, no output file. */
class UpdateErrorsTest {
    private static final int N = 6;

    @TempDir
    Path dir;
    private Path out;

    @BeforeEach
    void files() throws IOException {
        Random rnd = new Random(5);
        out = dir.resolve("out.npy");
        NpyFiles.save(dir.resolve("A.npy"), DType.COMPLEX64, false, 0, N, N, DenseReference.randomUnitary(rnd, N, true));
        NpyFiles.save(dir.resolve("A3.npy"), DType.COMPLEX64, false, 2, N, N, DenseReference.gaussian(rnd, 2 * N * N * 2, 1));
        NpyFiles.save(dir.resolve("Af64.npy"), DType.FLOAT64, false, 0, N, N, DenseReference.randomUnitary(rnd, N, false));
        NpyFiles.save(dir.resolve("a2.npy"), DType.COMPLEX64, false, 0, N, 2, DenseReference.gaussian(rnd, N * 2 * 2, 1));
        NpyFiles.save(dir.resolve("b2.npy"), DType.COMPLEX64, false, 0, N, 2, DenseReference.gaussian(rnd, N * 2 * 2, 1));
        NpyFiles.save(dir.resolve("b1.npy"), DType.COMPLEX64, false, 0, N, 1, DenseReference.gaussian(rnd, N * 2, 1));
        NpyFiles.save(dir.resolve("a4.npy"), DType.COMPLEX64, false, 0, N, 4, DenseReference.gaussian(rnd, N * 4 * 2, 1));
        NpyFiles.save(dir.resolve("b4.npy"), DType.COMPLEX64, false, 0, N, 4, DenseReference.gaussian(rnd, N * 4 * 2, 1));
        NpyFiles.save(dir.resolve("a2f32.npy"), DType.FLOAT32, false, 0, N, 2, DenseReference.gaussian(rnd, N * 2, 1));
        NpyFiles.save(dir.resolve("a2short.npy"), DType.COMPLEX64, false, 0, N - 1, 2, DenseReference.gaussian(rnd, (N - 1) * 4, 1));
        NpyFiles.save(dir.resolve("rect.npy"), DType.COMPLEX64, false, 0, N, N - 1, DenseReference.gaussian(rnd, N * (N - 1) * 2, 1));
        NpyFiles.save(dir.resolve("D.npy"), DType.COMPLEX64, false, 0, N, N, DenseReference.gaussian(rnd, N * N * 2, 1));
        double[] nan = DenseReference.gaussian(rnd, N * 2 * 2, 1);
        nan[3] = Double.NaN;
        NpyFiles.save(dir.resolve("a2nan.npy"), DType.COMPLEX64, false, 0, N, 2, nan);
        byte[] full = Files.readAllBytes(dir.resolve("a2.npy"));
        Files.write(dir.resolve("a2trunc.npy"), Arrays.copyOf(full, full.length - 5));
        Files.writeString(dir.resolve("text.npy"), "not numpy at all\n");
    }

    private String f(String name) {
        return dir.resolve(name).toString();
    }

    /** Runs update with these arguments plus {@code --out}; checks the failure contract; returns stderr. */
    private String fails(String... args) {
        List<String> all = new ArrayList<>(List.of("update"));
        all.addAll(List.of(args));
        all.addAll(List.of("--out", out.toString()));
        if (!all.contains("--backend")) {
            // pinned so that auto's one-line note about an unusable GPU does not join the error
            all.addAll(List.of("--backend", "cpu"));
        }
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("error: "), run.toString());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run);
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run);
        assertEquals("", run.out());
        assertFalse(Files.exists(out), "no output file");
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return run.err();
    }

    private static void mentions(String err, String... words) {
        for (String w : words) {
            assertTrue(err.contains(w), "'" + err.strip() + "' should mention '" + w + "'");
        }
    }

    @Test
    void missingFile() {
        mentions(fails("--method", "direct", "--A", f("nope.npy"), "--a", f("a2.npy"), "--b", f("b2.npy")),
                "no such file", "nope.npy");
        mentions(fails("--method", "direct", "--A", f("A.npy"), "--a", f("a2.npy"), "--b", f("missing_b.npy")),
                "missing_b.npy");
    }

    @Test
    void rankMismatchBetweenAAndB() {
        mentions(fails("--method", "direct", "--A", f("A.npy"), "--a", f("a2.npy"), "--b", f("b1.npy")),
                "same number of columns", "a2.npy", "b1.npy");
    }

    @Test
    void dtypeMismatch() {
        mentions(fails("--method", "tangent", "--A", f("A.npy"), "--a", f("a2f32.npy"), "--b", f("b2.npy")),
                "float32", "complex64", "a2f32.npy");
        mentions(fails("--method", "direct", "--A", f("Af64.npy"), "--delta", f("D.npy"), "--rank", "1"),
                "complex64", "float64");
    }

    @Test
    void truncatedOrForeignFiles() {
        mentions(fails("--method", "direct", "--A", f("A.npy"), "--a", f("a2trunc.npy"), "--b", f("b2.npy")),
                "a2trunc.npy", "truncated");
        mentions(fails("--method", "direct", "--A", f("text.npy"), "--a", f("a2.npy"), "--b", f("b2.npy")),
                "text.npy", "not a .npy file");
    }

    @Test
    void shapeProblems() {
        mentions(fails("--method", "direct", "--A", f("A.npy"), "--a", f("a2short.npy"), "--b", f("b2.npy")),
                "a must be 6 x k", "a2short.npy");
        mentions(fails("--method", "direct", "--A", f("rect.npy"), "--a", f("a2.npy"), "--b", f("b2.npy")),
                "square");
        mentions(fails("--method", "direct", "--A", f("A3.npy"), "--a", f("a2.npy"), "--b", f("b2.npy")),
                "2 x 6 x k");
        mentions(fails("--method", "direct", "--A", f("A3.npy"), "--delta", f("D.npy"), "--rank", "1"),
                "delta must have A's shape 2 x 6 x 6");
        mentions(fails("--method", "direct", "--A", f("A.npy"), "--a", f("a4.npy"), "--b", f("b4.npy")),
                "rank k=4", "2k <= N");
        mentions(fails("--method", "direct", "--A", f("A.npy"), "--delta", f("D.npy"), "--rank", "0"), "rank");
    }

    @Test
    void nonFiniteFactor() {
        mentions(fails("--method", "direct", "--A", f("A.npy"), "--a", f("a2nan.npy"), "--b", f("b2.npy")), "NaN");
    }

    @Test
    void badOptions() {
        mentions(fails("--method", "sideways", "--A", f("A.npy"), "--a", f("a2.npy"), "--b", f("b2.npy")),
                "unknown method 'sideways'");
        mentions(fails("--method", "direct", "--A", f("A.npy"), "--a", f("a2.npy")), "--b");
        mentions(fails("--method", "direct", "--A", f("A.npy"), "--delta", f("D.npy")), "--rank");
        mentions(fails("--method", "direct", "--A", f("A.npy"), "--a", f("a2.npy"), "--b", f("b2.npy"),
                "--delta", f("D.npy"), "--rank", "1"), "mutually exclusive");
        mentions(fails("--method", "direct", "--A", f("A.npy")), "Missing required");
        mentions(fails("--method", "direct", "--A", f("A.npy"), "--delta", f("D.npy"), "--rank", "1",
                "--sampler", "magic"), "unknown sampler 'magic'");
        mentions(fails("--method", "direct", "--A", f("A.npy"), "--a", f("a2.npy"), "--b", f("b2.npy"),
                "--backend", "abacus"), "unknown backend 'abacus'");
        mentions(fails("--method", "direct", "--A", f("A.npy"), "--delta", f("D.npy"), "--rank", "two"), "two");
    }

    @Test
    void outputFolderMustExist() {
        CliRun run = CliRun.of("update", "--method", "direct", "--A", f("A.npy"), "--a", f("a2.npy"), "--b", f("b2.npy"),
                "--out", dir.resolve("no/such/folder/out.npy").toString());
        assertEquals(2, run.exitCode(), run.toString());
        mentions(run.err(), "error: cannot write", "does not exist");
    }

    @Test
    void failedUpdateInPlaceLeavesTheFileAlone() throws IOException {
        byte[] before = Files.readAllBytes(dir.resolve("A.npy"));
        CliRun run = CliRun.of("update", "--method", "direct", "--A", f("A.npy"), "--a", f("a2.npy"), "--b", f("b1.npy"),
                "--out", f("A.npy"));
        assertEquals(2, run.exitCode(), run.toString());
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("A.npy")));
    }
}

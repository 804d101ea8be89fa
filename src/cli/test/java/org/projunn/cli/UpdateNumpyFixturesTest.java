package org.projunn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.projunn.npy.NpyHeader;
import org.projunn.npy.NpyReader;

/**
 * {@code projunn update} on inputs NumPy wrote, against NumPy's own float64 answer
 * (src/core/test/resources/npy/make_fixtures.py: np.linalg.svd for direct, eigh for tangent).
 */
class UpdateNumpyFixturesTest {
    @TempDir
    Path tmp;

    record Case(String name, String method, String descr, int batch, int n, int k) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Path dir() {
        try {
            return Path.of(UpdateNumpyFixturesTest.class.getResource("/npy/update/manifest.csv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Case> cases() {
        try {
            return Files.readAllLines(dir().resolve("manifest.csv")).stream().skip(1).map(l -> l.split(","))
                    .map(f -> new Case(f[0], f[1], f[2], Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                            Integer.parseInt(f[6])));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesNumpy(Case c) throws IOException {
        Path d = dir();
        Path out = tmp.resolve("out.npy");
        CliRun run = CliRun.of("update", "--method", c.method(), "--A", d.resolve(c.name() + "_A.npy").toString(),
                "--a", d.resolve(c.name() + "_a.npy").toString(), "--b", d.resolve(c.name() + "_b.npy").toString(),
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.toString());

        NpyHeader in = NpyReader.read(d.resolve(c.name() + "_A.npy")).header();
        assertEquals(in, NpyReader.read(out).header(), "dtype, shape and order kept");

        double[] got = NpyFiles.values(NpyFiles.load(out));
        double[] expected = NpyFiles.values(NpyFiles.load(d.resolve(c.name() + "_expected.npy")));
        double err = UpdateCommandTest.maxAbsDiff(expected, got);
        double tol = c.descr().endsWith("f8") || c.descr().endsWith("c16") ? 1e-12 : 2e-6;
        assertTrue(err <= tol, c.name() + ": max error " + err + " > " + tol);
    }
}

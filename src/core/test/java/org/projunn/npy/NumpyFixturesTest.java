package org.projunn.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads the files NumPy itself wrote (src/core/test/resources/npy/make_fixtures.py): every header
 * field and every value, and checks that our writer produces the very same bytes as np.save.
 */
class NumpyFixturesTest {

    record Fixture(String file, String descr, boolean fortran, int[] shape, String version) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Path dir() {
        try {
            return Path.of(NumpyFixturesTest.class.getResource("/npy/format/manifest.csv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Fixture> fixtures() {
        try {
            List<String> lines = Files.readAllLines(dir().resolve("manifest.csv"));
            return lines.stream().skip(1).map(l -> l.split(",")).map(f -> new Fixture(f[0], f[1],
                    Boolean.parseBoolean(f[2]), Arrays.stream(f[3].split("x")).mapToInt(Integer::parseInt).toArray(), f[4]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void readsEveryValueNumpyWrote(Fixture fx) throws IOException {
        NpyArray array = NpyReader.read(dir().resolve(fx.file()));
        NpyHeader h = array.header();
        assertEquals(fx.descr(), h.dtype().descr());
        assertEquals(fx.fortran(), h.fortranOrder());
        assertArrayEquals(fx.shape(), h.shape());

        MatrixBatch m = MatrixLayout.toMatrices(array);
        boolean complex = h.dtype().type().isComplex();
        int s = h.dtype().type().scalarsPerElement();
        for (int e = 0; e < m.batch(); e++) {
            for (int i = 0; i < m.rows(); i++) {
                for (int j = 0; j < m.cols(); j++) {
                    int at = (e * m.rows() * m.cols() + i + j * m.rows()) * s;
                    String where = fx.file() + " [" + e + "][" + i + "][" + j + "]";
                    assertEquals(i + 10.0 * j + 100.0 * e + 0.25, value(m, at), where + " real part");
                    if (complex) {
                        assertEquals(0.5 * i * j - e, value(m, at + 1), where + " imaginary part");
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void writesTheSameBytesAsNumpy(Fixture fx) throws IOException {
        if (!fx.version().equals("1.0")) {
            return; // np.save writes 1.0; the others were forced with write_array(version=...)
        }
        byte[] numpy = Files.readAllBytes(dir().resolve(fx.file()));
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        NpyWriter.write(ours, NpyReader.read(dir().resolve(fx.file())));
        assertArrayEquals(numpy, ours.toByteArray(), fx.file());
    }

    private static double value(MatrixBatch m, int at) {
        return m.floats() != null ? m.floats()[at] : m.doubles()[at];
    }
}

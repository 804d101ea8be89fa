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
        byte[] numpy = Files.readAllBytes(dir().resolve(fx.file()));
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        NpyWriter.write(ours, NpyReader.read(dir().resolve(fx.file())));
        byte[] written = ours.toByteArray();
        if (fx.version().equals("1.0")) {
            assertArrayEquals(numpy, written, fx.file());
            return;
        }
        // 2.0 and 3.0 were forced with write_array(version=...); np.save would write 1.0, as we do:
        // the header is then 1.0 and the data bytes are NumPy's
        assertEquals(1, written[6], fx.file() + ": major version written");
        assertEquals(fx.version().equals("2.0") ? 2 : 3, numpy[6], fx.file() + ": fixture version");
        assertArrayEquals(Arrays.copyOfRange(numpy, dataOffset(numpy), numpy.length),
                Arrays.copyOfRange(written, dataOffset(written), written.length), fx.file() + ": data bytes");
        assertEquals(0, dataOffset(written) % 64, "header padded to 64 bytes");
    }

    /** Where the data starts: magic (6), version (2), header length (2 bytes in 1.0, 4 after). */
    private static int dataOffset(byte[] file) {
        if (file[6] == 1) {
            return 10 + ((file[8] & 0xff) | (file[9] & 0xff) << 8);
        }
        return 12 + ((file[8] & 0xff) | (file[9] & 0xff) << 8 | (file[10] & 0xff) << 16 | (file[11] & 0xff) << 24);
    }

    private static double value(MatrixBatch m, int at) {
        return m.floats() != null ? m.floats()[at] : m.doubles()[at];
    }
}

package org.projunn.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.projunn.DType;

class NpyRoundTripTest {

    static List<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (DType t : DType.values()) {
            for (boolean fortran : new boolean[] {false, true}) {
                for (boolean threeD : new boolean[] {false, true}) {
                    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                        list.add(Arguments.of(t, fortran, threeD, order));
                    }
                }
            }
        }
        return list;
    }

    @ParameterizedTest(name = "{0} fortran={1} 3-D={2} {3}")
    @MethodSource("cases")
    void matricesSurviveWriteAndRead(DType type, boolean fortran, boolean threeD, ByteOrder order,
                                     @TempDir Path dir) throws IOException {
        long seed = type.ordinal() * 1000L + (fortran ? 100 : 0) + (threeD ? 10 : 0) + (order == ByteOrder.BIG_ENDIAN ? 1 : 0);
        int batch = threeD ? 3 : 1;
        MatrixBatch m = randomBatch(type, batch, 5, 2, new Random(seed));
        Path file = dir.resolve("x.npy");
        NpyWriter.write(file, MatrixLayout.toArray(m, fortran, order, threeD));

        NpyArray back = NpyReader.read(file);
        NpyHeader h = back.header();
        assertEquals(new NpyDtype(type, order), h.dtype());
        assertEquals(fortran, h.fortranOrder());
        assertArrayEquals(threeD ? new int[] {3, 5, 2} : new int[] {5, 2}, h.shape());
        assertEquals(0, (Files.size(file) - dataBytes(m)) % 64, "data starts 64-byte aligned");

        MatrixBatch again = MatrixLayout.toMatrices(back);
        assertEquals(m.batch(), again.batch());
        assertEquals(m.rows(), again.rows());
        assertEquals(m.cols(), again.cols());
        assertArrayEquals(m.floats(), again.floats(), "seed " + seed);
        assertArrayEquals(m.doubles(), again.doubles(), "seed " + seed);
    }

    @Test
    void cOrderArrayElementIJIsMatrixElementIJ() {
        // a 2 x 3 C-order array [[1, 2, 3], [4, 5, 6]]: column-major the matrix is 1 4 2 5 3 6
        NpyHeader h = new NpyHeader(NpyDtype.of(DType.FLOAT64), false, 2, 3);
        MatrixBatch m = MatrixLayout.toMatrices(NpyArray.ofDoubles(h, new double[] {1, 2, 3, 4, 5, 6}));
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, m.doubles());
        // Fortran order is already column-major
        NpyHeader f = new NpyHeader(NpyDtype.of(DType.FLOAT64), true, 2, 3);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6},
                MatrixLayout.toMatrices(NpyArray.ofDoubles(f, new double[] {1, 2, 3, 4, 5, 6})).doubles());
    }

    @Test
    void batchEntryEIsArrayEntryE() {
        // 2 x 1 x 2 complex: A[e][0][j] = (10e + j) + i(-1 - j)
        NpyHeader h = new NpyHeader(NpyDtype.of(DType.COMPLEX64), false, 2, 1, 2);
        float[] file = {0, -1, 1, -2, 10, -1, 11, -2};
        MatrixBatch m = MatrixLayout.toMatrices(NpyArray.ofFloats(h, file));
        assertEquals(2, m.batch());
        assertArrayEquals(file, m.floats(), "a 1-row matrix is the same in both layouts");
        NpyHeader hf = new NpyHeader(NpyDtype.of(DType.COMPLEX64), true, 2, 1, 2);
        // Fortran order: offset e + j*2
        float[] fileF = {0, -1, 10, -1, 1, -2, 11, -2};
        assertArrayEquals(file, MatrixLayout.toMatrices(NpyArray.ofFloats(hf, fileF)).floats());
    }

    @Test
    void streamsWorkLikeFiles() throws IOException {
        NpyHeader h = new NpyHeader(NpyDtype.of(DType.FLOAT32), false, 7);
        float[] v = {1, 2, 3, 4, 5, 6, 7};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpyWriter.write(out, NpyArray.ofFloats(h, v));
        NpyArray back = NpyReader.read(new ByteArrayInputStream(out.toByteArray()), "memory");
        assertEquals(h, back.header());
        assertArrayEquals(v, back.floats());
        assertNull(back.doubles());
        assertEquals(128, out.size() - 28, "header padded to 128 bytes like np.save");
    }

    @Test
    void hugeHeaderSwitchesToVersion2() {
        // a 40000-dimensional shape cannot fit a 65535-byte header: NumPy then writes version 2.0
        int[] shape = new int[40000];
        java.util.Arrays.fill(shape, 1);
        byte[] header = NpyWriter.headerBytes(new NpyHeader(NpyDtype.of(DType.FLOAT32), false, shape));
        assertEquals(2, header[6]);
        assertEquals(0, header.length % 64);
    }

    private static long dataBytes(MatrixBatch m) {
        return (long) m.batch() * m.rows() * m.cols() * m.dtype().bytesPerElement();
    }

    static MatrixBatch randomBatch(DType type, int batch, int rows, int cols, Random rnd) {
        int n = batch * rows * cols * type.scalarsPerElement();
        if (type.isDoublePrecision()) {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = rnd.nextGaussian();
            }
            return new MatrixBatch(type, batch, rows, cols, null, d);
        }
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) rnd.nextGaussian();
        }
        return new MatrixBatch(type, batch, rows, cols, f, null);
    }
}

package org.projunn.cli;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.projunn.DType;
import org.projunn.npy.MatrixBatch;
import org.projunn.npy.MatrixLayout;
import org.projunn.npy.NpyReader;
import org.projunn.npy.NpyWriter;

/** Test files in projunn's layout: batch 0 means a 2-D array. */
final class NpyFiles {
    private NpyFiles() {
    }

    static Path save(Path file, DType type, boolean fortran, int batch, int rows, int cols, double[] values)
            throws IOException {
        float[] f = null;
        double[] d = null;
        if (type.isDoublePrecision()) {
            d = values.clone();
        } else {
            f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
        }
        MatrixBatch m = new MatrixBatch(type, Math.max(batch, 1), rows, cols, f, d);
        NpyWriter.write(file, MatrixLayout.toArray(m, fortran, ByteOrder.LITTLE_ENDIAN, batch > 0));
        return file;
    }

    /** The values as doubles in projunn's layout, rounded to the file's precision (what the CLI sees). */
    static double[] rounded(DType type, double[] values) {
        if (type.isDoublePrecision()) {
            return values;
        }
        double[] r = new double[values.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) values[i];
        }
        return r;
    }

    static MatrixBatch load(Path file) throws IOException {
        return MatrixLayout.toMatrices(NpyReader.read(file));
    }

    static double[] values(MatrixBatch m) {
        if (m.doubles() != null) {
            return m.doubles();
        }
        double[] d = new double[m.floats().length];
        for (int i = 0; i < d.length; i++) {
            d[i] = m.floats()[i];
        }
        return d;
    }
}

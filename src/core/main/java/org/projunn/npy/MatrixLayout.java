package org.projunn.npy;

import java.nio.ByteOrder;

/**
 * Converts between a 2-D ({@code rows x cols}) or 3-D ({@code batch x rows x cols}) NumPy array
 * and projunn's layout. Element {@code (i, j)} of matrix {@code e} is {@code A[e][i][j]} (or
 * {@code A[i][j]} for a 2-D array) whatever the file's memory order.
 */
public final class MatrixLayout {
    private MatrixLayout() {
    }

    /**
     * The matrices held by a 2-D or 3-D array.
     *
     * @param array the array. Not modified.
     * @return a new batch in projunn's layout (batch 1 for a 2-D array)
     * @throws IllegalArgumentException for any other number of dimensions
     */
    public static MatrixBatch toMatrices(NpyArray array) {
        NpyHeader h = array.header();
        if (h.ndim() != 2 && h.ndim() != 3) {
            throw new IllegalArgumentException("expected a 2-D (N x M) or 3-D (B x N x M) array, got shape "
                    + h.describeShape());
        }
        int batch = h.ndim() == 3 ? h.dim(0) : 1;
        int rows = h.dim(h.ndim() - 2);
        int cols = h.dim(h.ndim() - 1);
        int n = Math.toIntExact(h.scalarCount());
        boolean isDouble = h.dtype().type().isDoublePrecision();
        MatrixBatch m = new MatrixBatch(h.dtype().type(), batch, rows, cols,
                isDouble ? null : new float[n], isDouble ? new double[n] : null);
        copy(array.storage(), m.storage(), batch, rows, cols, h.fortranOrder(), h.dtype().type().scalarsPerElement(), true);
        return m;
    }

    /**
     * The array for {@code m} in the given memory order and byte order: 3-D ({@code batch x rows x cols})
     * when {@code threeD}, else 2-D (then {@code m.batch()} must be 1).
     *
     * @param m the matrices. Not modified.
     * @param fortranOrder whether the array is in Fortran order (else C order)
     * @param byteOrder the byte order the array's dtype declares
     * @param threeD whether to make a 3-D array
     * @return a new array
     * @throws IllegalArgumentException for a 2-D array of a batch above 1
     */
    public static NpyArray toArray(MatrixBatch m, boolean fortranOrder, ByteOrder byteOrder, boolean threeD) {
        if (!threeD && m.batch() != 1) {
            throw new IllegalArgumentException("a batch of " + m.batch() + " matrices needs a 3-D array");
        }
        int[] shape = threeD ? new int[] {m.batch(), m.rows(), m.cols()} : new int[] {m.rows(), m.cols()};
        NpyArray array = NpyArray.allocate(new NpyHeader(new NpyDtype(m.dtype(), byteOrder), fortranOrder, shape));
        copy(m.storage(), array.storage(), m.batch(), m.rows(), m.cols(), fortranOrder, m.dtype().scalarsPerElement(), false);
        return array;
    }

    /**
     * Copies element by element between the file's order and projunn's. Offsets of element
     * (e, i, j), in elements: C order ((e*R + i)*C + j), Fortran order (e + i*B + j*B*R),
     * projunn (e*R*C + i + j*R).
     */
    private static void copy(Object from, Object to, int batch, int rows, int cols, boolean fortranOrder,
                             int scalars, boolean fileToMatrices) {
        long b = batch;
        long r = rows;
        for (int e = 0; e < batch; e++) {
            for (int j = 0; j < cols; j++) {
                for (int i = 0; i < rows; i++) {
                    long file = fortranOrder ? e + i * b + j * b * r : (e * r + i) * cols + j;
                    long mat = e * r * cols + i + j * r;
                    int fileOff = (int) (file * scalars);
                    int matOff = (int) (mat * scalars);
                    if (fileToMatrices) {
                        System.arraycopy(from, fileOff, to, matOff, scalars);
                    } else {
                        System.arraycopy(from, matOff, to, fileOff, scalars);
                    }
                }
            }
        }
    }
}

package org.projunn.cpu;

/**
 * The arithmetic of the dense passes on float column-major storage, in double precision, for a
 * block of up to {@link #BLOCK} adjacent columns of A at a time (register blocking: each element
 * of A is loaded and converted once for all the operand columns it meets). Column q of the block
 * starts at {@code at + q * stride} and holds {@code len} scalars (complex passes view an
 * interleaved column as 2n reals).
 *
 * <p>Every result is a fixed sequence of fused multiply-adds per column, whatever the block size
 * or the column range a call covers: results are bitwise independent of how a pass is split
 * among threads.
 */
abstract class FloatColumnKernels {
    /** Columns of A per call at most. */
    static final int BLOCK = 4;

    /**
     * {@code sums[q * m + c] = sum_i A[i, q] * xs[c][xo[c] + i]} for q < cols, c < m.
     */
    abstract void dots(float[] f, int at, int stride, int len, int cols,
                       double[][] xs, int[] xo, int m, double[] sums);

    /**
     * {@code acc[c][ao[c] + i] += sum_q A[i, q] * y[yo[c] + q * ys]} for c < m, the q in order.
     */
    abstract void times(float[] f, int at, int stride, int len, int cols,
                        double[] y, int[] yo, int ys, int m, double[][] acc, int[] ao);

    /**
     * {@code A[i, q] = (float) (A[i, q] + sum_t xs[t][xo[t] + i] * coef[q * terms + t])}, the t in
     * order, rounded once.
     */
    abstract void update(float[] f, int at, int stride, int len, int cols,
                         double[][] xs, int[] xo, int terms, double[] coef);

    /** What the kernels run on, for logs and reports. */
    abstract String describe();
}

package org.projunn.train;

import org.projunn.DType;

/**
 * The dense operations of a recurrent network's forward and backward pass in one precision.
 * A matrix is an array of columns ({@code float[][]} or {@code double[][]}); a range of
 * columns is addressed by its first index. Columns as separate arrays let every inner loop run
 * over one index from 0, which the JIT turns into SIMD code. Matrix products use the pool's
 * threads; nothing here allocates after construction. Implemented by {@link RnnMath32} and
 * {@link RnnMath64}; not thread-safe.
 *
 * @param <A> the column type, {@code float[]} or {@code double[]}
 */
public interface RnnMath<A> {

    /** FLOAT32 or FLOAT64. */
    DType dtype();

    /** A matrix of {@code cols} zero columns of {@code rows} each. */
    A[] matrix(int cols, int rows);

    /** {@code dst[i] = src[srcOff + i]} for i < dst.length, rounded to this precision. */
    void load(double[] src, int srcOff, A dst);

    /** Sets the columns {@code c[c0 .. c0 + n)} to zero. */
    void zero(A[] c, int c0, int n);

    /** {@code dst[dstOff + i] = src[i]} widened to double. */
    void store(A src, double[] dst, int dstOff);

    /**
     * Columns {@code c[c0 .. c0 + n)} = (accumulate ? C : 0) + A B', with A the k columns
     * {@code a[a0 .. a0 + k)} of length m, and B'(p, j) = {@code b[b0 + j][p]} (B stored by
     * columns) or, with {@code transposeB}, {@code b[b0 + p][j]}.
     */
    void gemm(boolean transposeB, int m, int n, int k, A[] a, int a0, A[] b, int b0,
              boolean accumulate, A[] c, int c0);

    /** Adds {@code v} to each column {@code c[c0 .. c0 + n)}. */
    void addColumn(A[] c, int c0, int n, A v);

    /** {@code dst[dstOff + i] = sum_j c[j][i]} over columns {@code c0 .. c0 + n)}. */
    void rowSums(A[] c, int c0, int n, double[] dst, int dstOff);

    /** {@code h = max(z, 0)} over n columns. */
    void relu(A[] z, int z0, A[] h, int h0, int n);

    /** In place over n columns: {@code g = z > 0 ? g : 0} (gradient through ReLU). */
    void reluBackward(A[] z, int z0, A[] g, int g0, int n);

    /**
     * modReLU over n columns whose rows are complex units stored as [re; im] halves:
     * {@code h = relu(|z| + beta) z / |z|}.
     */
    void modRelu(A[] z, int z0, A[] h, int h0, int n, A beta);

    /** In place gradient through modReLU over n columns; adds the gradient of beta into {@code dBeta}. */
    void modReluBackward(A[] z, int z0, A[] g, int g0, int n, A beta, double[] dBeta);

    /**
     * Softmax cross-entropy of the logit columns {@code y[y0 .. y0 + n)} against {@code labels[0 .. n)};
     * returns the sum. When {@code dy} is not null writes {@code scale * (softmax - onehot)} into its
     * columns {@code 0 .. n)}.
     */
    double crossEntropy(A[] y, int y0, int n, int[] labels, double scale, A[] dy);

    /**
     * Sum of {@code (y - t)^2} over the columns {@code y[y0 .. y0 + n)} against {@code targets}
     * (column after column); when {@code dy} is not null writes {@code scale * 2 (y - t)}.
     */
    double squaredError(A[] y, int y0, int n, double[] targets, double scale, A[] dy);
}

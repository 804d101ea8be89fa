package org.projunn.cpu;

/**
 * The O(N^2) work of a step, for one N x N matrix stored column-major at {@code base} of a
 * {@link HostArray}. Each method handles a slice of rows or columns so that callers can split
 * a matrix across threads; the scratch arrays come from the caller's workspace.
 *
 * <p>Small operands are packed doubles (interleaved re/im for complex): an n x m operand has
 * element (i, c) at {@code (i + c * n) * s}, s = scalars per element. These are the CPU
 * mirrors of the kernels in {@code kernels/projunn_kernels.cu}.
 */
abstract class DenseKernels {

    static DenseKernels forComplex(boolean complex) {
        return complex ? ComplexKernels.INSTANCE : RealKernels.INSTANCE;
    }

    /** Scalars per element: 1 real, 2 complex. */
    abstract int scalars();

    /**
     * Columns [j0, j1) of {@code M^H x}: {@code out[j, c] = sum_i conj(M[i, j]) x[i, c]},
     * x and out n x m. {@code column} holds n elements of scratch.
     */
    abstract void adjointTimes(HostArray m, int base, int n, double[] x, int mc, double[] out,
                               int j0, int j1, double[] column);

    /**
     * Rows [r0, r1) of {@code M y}: {@code out[i, c] = sum_j M[i, j] y[j, c]}, y and out n x m.
     * {@code chunk} holds 4 (r1 - r0) elements, {@code acc} (r1 - r0) * mc elements of scratch.
     */
    abstract void times(HostArray m, int base, int n, double[] y, int mc, double[] out,
                        int r0, int r1, double[] chunk, double[] acc);

    /**
     * Rows [r0, r1) of the fused update (ALGORITHMS.md section 5), reading A once from memory:
     * <pre>
     *   W    = A_blk Q + a_blk C        (C = b^H Q, k x r; the a-term only when a != null)
     *   A_blk = A_blk + a_blk b^H + W G  (G = F Q^H, r x n)
     * </pre>
     * {@code qRows}: Q stored r x n (Q[j, c] at c + j r) so row j of Q is contiguous;
     * {@code g}: G column-major r x n; {@code bh}: b^H column-major k x n; {@code c}: k x r;
     * {@code a}: n x k. Scratch: {@code chunk} 4 (r1 - r0) elements, {@code w} (r1 - r0) * r.
     */
    abstract void fusedUpdate(HostArray m, int base, int n, int r0, int r1,
                              double[] qRows, double[] g, int r,
                              double[] a, double[] bh, double[] c, int k,
                              double[] chunk, double[] w);
}

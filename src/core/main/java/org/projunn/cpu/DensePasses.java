package org.projunn.cpu;

/**
 * The O(N^2) work of a step, for one N x N matrix stored column-major at {@code base} of a
 * {@link HostArray}. Each method handles a slice of rows or columns so that callers can split
 * a matrix across threads; the scratch arrays come from the caller's workspace.
 *
 * <p>Small operands are packed doubles (interleaved re/im for complex): an n x m operand has
 * element (i, c) at {@code (i + c * n) * s}, s = scalars per element. These are the CPU
 * mirrors of the kernels in {@code kernels/projunn_kernels.cu}: the same arithmetic, traversed
 * by whole columns, since A is column-major and a row tile of it is a strided gather on a CPU.
 */
abstract class DensePasses {
    /** The SIMD kernels for float storage; null: the plain loops. */
    final FloatColumnKernels simd;

    DensePasses(FloatColumnKernels simd) {
        this.simd = simd;
    }

    /** The passes with the float kernels chosen at start-up ({@link SimdKernels}). */
    static DensePasses forComplex(boolean complex) {
        return complex ? ComplexPasses.INSTANCE : RealPasses.INSTANCE;
    }

    /** The passes with the plain loops only (for tests comparing both). */
    static DensePasses plain(boolean complex) {
        return complex ? ComplexPasses.PLAIN : RealPasses.PLAIN;
    }

    /** The passes with the Vector API kernels whatever the default (for tests comparing both). */
    static DensePasses vector(boolean complex) {
        return complex ? ComplexPasses.VECTOR : RealPasses.VECTOR;
    }

    /** Whether float storage goes through the SIMD kernels. */
    final boolean simd() {
        return simd != null;
    }

    /** Scalars per element: 1 real, 2 complex. */
    abstract int scalars();

    /**
     * Columns [j0, j1) of {@code M^H x}: {@code out[j, c] = sum_i conj(M[i, j]) x[i, c]},
     * x and out n x m. {@code column} holds n elements of scratch.
     */
    abstract void adjointTimes(HostArray m, int base, int n, double[] x, int mc, double[] out,
                               int j0, int j1, double[] column, double[][] streams);

    /**
     * Adds columns [j0, j1) of M times rows [j0, j1) of y to {@code acc}:
     * {@code acc[i, c] += sum_{j in [j0, j1)} M[i, j] y[j, c]}, y and acc n x m. Streams whole
     * columns of M, four at a time. {@code columns} holds 4 n elements of scratch.
     */
    abstract void timesColumns(HostArray m, int base, int n, double[] y, int mc, double[] acc,
                               int j0, int j1, double[] columns, double[][] streams);

    /**
     * Columns [j0, j1) of the update of ALGORITHMS.md section 5, in place:
     * {@code A[:, j] += sum_l a[:, l] bh[l, j] + sum_c w[:, c] g[c, j]}, where a (n x k, null for
     * projUNN-T), w = X Q (n x r), bh = b^H (k x n) and g = F Q^H (r x n). {@code column} holds
     * n elements of scratch.
     */
    abstract void updateColumns(HostArray m, int base, int n, int j0, int j1,
                                double[] a, double[] bh, int k, double[] w, double[] g, int r,
                                double[] column, double[][] streams);

    /**
     * Scratch arrays for the complex passes: each operand stream in an array of its own, since
     * the JIT vectorizes a loop over several arrays, not over several offsets into one.
     * {@code count} arrays of {@code length} doubles; none for real passes.
     */
    abstract double[][] newStreams(int count, int length);
}

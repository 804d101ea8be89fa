package org.projunn.cuda;

import jcuda.driver.CUdeviceptr;

/**
 * The dense products of a step and of re-orthonormalization, for a batch of contiguous
 * matrices: cuBLAS when its binding loads, the project's own kernels otherwise.
 */
interface GemmOps extends AutoCloseable {

    /** Which library does the work, for describe() and the capability report. */
    String describe();

    /** out = M^H x per entry: M n x n, x and out n x mc. */
    void adjointTimes(CUdeviceptr m, CUdeviceptr x, CUdeviceptr out, int n, int mc, int batch);

    /** out = M y per entry: M n x n, y and out n x mc. */
    void times(CUdeviceptr m, CUdeviceptr y, CUdeviceptr out, int n, int mc, int batch);

    /** C = op(A) B per entry, all n x n; op(A) = A^H when {@code adjointA}. */
    void gemmSquare(boolean adjointA, CUdeviceptr a, CUdeviceptr b, CUdeviceptr c, int n, int batch);

    /**
     * Whether {@link #general} runs here (cuBLAS); the project's own GEMM kernels for the RNN
     * trainer live in the RNN fatbin, so {@link RnnKernels} falls back to them otherwise.
     *
     * @return true on the cuBLAS paths
     */
    default boolean supportsGeneral() {
        return false;
    }

    /**
     * One float32 product {@code C = op(A) op(B) (+ C when accumulate)}, column-major with leading
     * dimensions, op(A) m x k and op(B) k x n, op = transpose where the flag is set.
     *
     * @throws UnsupportedOperationException where {@link #supportsGeneral()} is false
     */
    default void general(boolean transA, boolean transB, int m, int n, int k, CUdeviceptr a, int lda, CUdeviceptr b,
                         int ldb, boolean accumulate, CUdeviceptr c, int ldc) {
        throw new UnsupportedOperationException("no general GEMM on " + describe());
    }

    @Override
    void close();
}
